"""A post's values as people read them, derived from the kind specifications.

One formatting for the detail page, the map popup and the history: labels for codes, local
times, yes/no, units (docs/architecture.md, "Posts").
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, NamedTuple

from flask_babel import gettext as _

from jobnet.fairs.schedule import fair_days
from jobnet.i18n import date_text, datetime_text
from jobnet.posts.kinds import FieldSpec, FieldType, field_specs
from jobnet.posts.models import Post


class Fact(NamedTuple):
    name: str
    label: str
    text: str
    url: str | None = None  # set for web addresses, which the page shows as links
    written: bool = False  # text the author wrote (German), not a label, number or date


WRITTEN_TYPES = frozenset({FieldType.LINE, FieldType.TEXT, FieldType.MARKDOWN})


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == ()


def display_text(spec: FieldSpec, value: Any) -> str:
    """The value of the field as a person reads it."""
    if spec.display is not None:
        return spec.display(value)
    if spec.type in (FieldType.CHOICE, FieldType.CHOICES):
        codes = value if isinstance(value, list | tuple) else [value]
        return ", ".join(str((spec.choices or {}).get(code, code)) for code in codes)
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, datetime):
        return datetime_text(value)
    if isinstance(value, date):
        return date_text(value)
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


def _is_web_address(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://"))


def post_facts(post: Post, *, popup: bool = False) -> list[Fact]:
    """The kind's facts of a post that have a value, in specification order."""
    facts = []
    for spec in field_specs(post.kind):
        if not spec.facts or (popup and not spec.popup):
            continue
        value = getattr(post, spec.name, None)
        if is_empty(value) or (spec.type == FieldType.URL and not _is_web_address(value)):
            continue
        url = value if spec.type == FieldType.URL else None
        if spec.type == FieldType.DATETIME and getattr(post, "all_day", False):
            # An all-day fair has dates only; its stored end is midnight after the last day.
            first, last = fair_days(post)
            facts.append(Fact(spec.name, str(spec.shown_label),
                              date_text(first if spec.name == "starts_at" else last)))
            continue
        written = spec.type in WRITTEN_TYPES and spec.display is None
        facts.append(Fact(spec.name, str(spec.shown_label), display_text(spec, value), url,
                          written))
    return facts
