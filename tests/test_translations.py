"""Every German UI string has an English translation with the same placeholders."""

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "jobnet" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
KEYWORDS = {"_": None, "gettext": None, "_l": None, "lazy_gettext": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def _source_messages() -> set[str]:
    found = set()
    for directory, method in (("jobnet", "python"), ("templates", "jinja2.ext:babel_extract")):
        pattern = "**.py" if method == "python" else "**"
        for _file, _line, message, _comments, _ctx in extract_from_dir(
                ROOT / directory, [(pattern, method)], keywords=KEYWORDS,
                options_map={pattern: {"extensions": "jinja2.ext.i18n"}}):
            found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_message_in_the_code_is_translated_to_english():
    catalog = read_po(CATALOG.open("rb"))
    translated = {(m.id if isinstance(m.id, str) else m.id[0]): m.string for m in catalog if m.id}
    missing = sorted(m for m in _source_messages()
                     if not translated.get(m) or not all(translated[m] if isinstance(translated[m], tuple) else [translated[m]]))
    assert missing == [], "run `make i18n-update` and translate: " + "; ".join(missing[:10])


def test_translations_keep_every_placeholder():
    for message in read_po(CATALOG.open("rb")):
        if not message.id:
            continue
        sources = [message.id] if isinstance(message.id, str) else list(message.id)
        targets = [message.string] if isinstance(message.string, str) else list(message.string)
        expected = set(PLACEHOLDER.findall(sources[-1]))
        for target in targets:
            assert set(PLACEHOLDER.findall(target)) == expected, message.id


def test_english_calls_the_state_hesse_only_the_product_is_jobnet_hessen():
    # "All of Hessen" next to "outside Hesse" read as two places (issue 11).
    catalog = read_po(CATALOG.open("rb"))
    wrong = []
    for message in catalog:
        targets = [message.string] if isinstance(message.string, str) else list(message.string)
        if any("Hessen" in target.replace("JobNet Hessen", "") for target in targets if target):
            wrong.append(message.id)
    assert wrong == []
    # The region's names come from its data (jobnet/geo/regionnames.py), in English too.
    from jobnet.geo.regiondata import region_profile

    assert region_profile("hessen").names_in("en").whole_capitalised == "All of Hesse"
