"""A published post as open data: its public columns, its record and the export filter.

# stand-in until opendata-exports merges
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from jobnet.extensions import db
from jobnet.fairs import schedule
from jobnet.geo.districts import district_label
from jobnet.mail.links import public_link
from jobnet.posts.forms import PostFilterForm
from jobnet.posts.kinds import COMMON_FIELDS, KINDS, FieldType
from jobnet.posts.models import Kind, Post
from jobnet.posts.queries import PostFilter, published_statement

FILTER_NAMES = frozenset({"kind", "district", "target_group", "organisation", "date_from",
                          "date_to", "upcoming", "past", "q"})


class BadFilter(ValueError):
    """A filter the export or API refuses, with the German message."""


@dataclass(frozen=True)
class Column:
    name: str
    label: Any
    kinds: frozenset[str]
    type: FieldType


ALL_KINDS = frozenset(KINDS)
_COMMON = {spec.name: spec for spec in COMMON_FIELDS}


def _common(name: str, label: Any = None, type_: FieldType | None = None) -> Column:
    spec = _COMMON.get(name)
    return Column(name, label or spec.label, ALL_KINDS, type_ or spec.type)


_HEAD = (
    Column("id", _l("Nummer"), ALL_KINDS, FieldType.INTEGER),
    Column("kind", _l("Art"), ALL_KINDS, FieldType.CHOICE),
    Column("url", _l("Adresse"), ALL_KINDS, FieldType.URL),
    _common("title"), _common("summary"),
    Column("organisation", _l("Organisation"), ALL_KINDS, FieldType.LINE),
    _common("place"),
    _common("district_ags"),
    Column("district_name", _l("Landkreis / Stadt"), ALL_KINDS, FieldType.LINE),
    _common("municipality_ags"), _common("municipality_name"),
    _common("latitude"), _common("longitude"),
    Column("published_at", _l("Veröffentlicht"), ALL_KINDS, FieldType.DATETIME),
    Column("updated_at", _l("Geändert"), ALL_KINDS, FieldType.DATETIME),
    _common("valid_until"),
    Column("target_groups", _l("Zielgruppen"), ALL_KINDS, FieldType.CHOICES),
    _common("links"), _common("contact_name"), _common("contact_email"), _common("contact_phone"),
)
_FAIR_TAIL = (
    Column("state", _l("Stand"), frozenset({Kind.FAIR}), FieldType.CHOICE),
    Column("state_note", _l("Hinweis zum Stand"), frozenset({Kind.FAIR}), FieldType.LINE),
    Column("co_organisers", _l("Mitveranstalter"), frozenset({Kind.FAIR}), FieldType.CHOICES),
)


def _all_columns() -> list[Column]:
    result = list(_HEAD)
    seen = {c.name for c in result}
    for spec in KINDS.values():
        for field in spec.fields:
            if field.name not in seen:
                seen.add(field.name)
                owners = frozenset(k for k, s in KINDS.items()
                                   if any(f.name == field.name for f in s.fields))
                result.append(Column(field.name, field.label, owners, field.type))
    return result + list(_FAIR_TAIL)


_COLUMNS = _all_columns()


def columns(kind: str | None = None) -> list[Column]:
    """The public columns in export order; with a kind, only that kind's."""
    return [c for c in _COLUMNS if kind is None or kind in c.kinds]


def export_filter(args: MultiDict) -> PostFilter:
    """The list's filters from query arguments, validated; anything else is refused."""
    unknown = sorted(set(args) - FILTER_NAMES)
    if unknown:
        raise BadFilter(_l("Unbekannter Filter: %(names)s. Erlaubt sind: %(allowed)s.",
                           names=", ".join(unknown), allowed=", ".join(sorted(FILTER_NAMES))))
    organisation = _organisation(args.get("organisation"))
    plain = MultiDict([(k, v) for k, v in args.items(multi=True) if k != "organisation"])
    form = PostFilterForm(plain)
    if not form.validate():
        name, errors = next((f.name, f.errors) for f in form if f.errors)
        raise BadFilter(_l("Filter %(name)s: %(message)s", name=name, message=errors[0]))
    post_filter = form.to_filter()
    return PostFilter(**{**post_filter.__dict__, "organisation": organisation})


def _organisation(raw: str | None) -> int | None:
    if raw is None:
        return None
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 9):
        raise BadFilter(_l("Filter organisation: eine Nummer erwartet."))
    return int(raw)


def _value(value: Any, type_: FieldType) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if type_ in (FieldType.CHOICES, FieldType.LINKS):
        return list(value or [])
    return value


def public_record(post: Post) -> dict[str, object]:
    """The post's public values keyed by column name (JSON-ready)."""
    record: dict[str, object] = {}
    for column in columns(post.kind):
        record[column.name] = _column_value(post, column)
    return record


def _column_value(post: Post, column: Column) -> Any:
    name = column.name
    if name == "url":
        return public_link("posts.detail", post_id=post.id)
    if name == "organisation":
        return post.organisation.name
    if name == "district_name":
        return district_label(post.district_ags) or None
    if name.startswith("contact_") and not post.contact_public:
        return None
    if name == "state":
        return schedule.fair_state(post)
    if name == "state_note":
        return schedule.state_note(post)
    if name == "co_organisers":
        return [o.name for o in schedule.co_organisers(post)]
    return _value(getattr(post, name), column.type)


def iter_published(post_filter: PostFilter, *, now: datetime, batch: int = 500) -> Iterator[Post]:
    """Currently published posts matching the filter in list order, in batches."""
    stmt = published_statement(post_filter, now=now)
    offset = 0
    while True:
        posts = db.session.scalars(stmt.limit(batch).offset(offset)).unique().all()
        yield from posts
        if len(posts) < batch:
            return
        offset += batch
