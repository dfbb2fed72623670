"""The W3C Nu HTML validator finds no error in any page type or in the HTML part of any mail."""

from __future__ import annotations

from collections import defaultdict

from tests.web.outside_tools import validate_html
from tests.web.site_tour import take_tour

# The map's list arrives alone and goes into the map page: checked inside a minimal document.
FRAGMENT_PAGE = ('<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Liste</title>'
                 "</head><body><main>{}</main></body></html>")
# A page with a known error: proves the validator ran and reported, not merely exited.
CANARY = ('<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Probe</title>'
          '</head><body><h2 role="status">Probe</h2></body></html>')


def test_every_page_type_and_mail_is_valid_html(app, db, mail_outbox, tmp_path):
    pages = take_tour(app, db, tmp_path / "instance")
    assert len(pages) > 60, sorted(pages)
    folder = tmp_path / "pages"
    folder.mkdir()
    for name, html in pages.items():
        document = FRAGMENT_PAGE.format(html) if name.startswith("map-list") else html
        (folder / f"{name}.html").write_text(document, "utf-8")
    (folder / "canary.html").write_text(CANARY, "utf-8")

    errors = defaultdict(list)
    for message in validate_html(folder):
        page = message.get("url", "?").rsplit("/", 1)[-1]
        errors[page].append(f"{message.get('lastLine')}: {message['message']}"
                            f" [{message.get('extract', '').strip()[:80]}]")
    assert "role" in " ".join(errors.pop("canary.html", [])), "the validator reported nothing"
    assert dict(errors) == {}
