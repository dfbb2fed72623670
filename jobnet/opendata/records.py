"""A post as open data: its columns and public values.

# stand-in until opendata-exports merges: only the names of the seam, with simple bodies.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from jobnet.posts.forms import PostFilterForm
from jobnet.posts.kinds import COMMON_FIELDS, KINDS, FieldType, field_spec
from jobnet.posts.models import Post
from jobnet.posts.queries import PostFilter, published_statement
from jobnet.extensions import db

_ALL = frozenset(KINDS)
_FAIR = frozenset({"fair"})


class BadFilter(ValueError):
    """An unknown filter name or a malformed value; the message is German."""


@dataclass(frozen=True)
class Column:
    name: str
    label: Any
    kinds: frozenset[str]
    type: FieldType


def _common(name: str, label=None, type_=FieldType.LINE) -> Column:
    spec = field_spec(name)
    return Column(name, spec.label if spec else label, _ALL, spec.type if spec else type_)


def _all_columns() -> list[Column]:
    shared = [_common("id", _l("Nummer"), FieldType.INTEGER), _common("kind", _l("Art")),
              _common("url", _l("Adresse"), FieldType.URL), _common("title"),
              _common("summary"), _common("organisation", _l("Organisation")),
              _common("place"), _common("district_ags"),
              _common("district_name", _l("Landkreis")), _common("municipality_ags"),
              _common("municipality_name"), _common("latitude"), _common("longitude"),
              _common("published_at", _l("Veröffentlicht"), FieldType.DATETIME),
              _common("updated_at", _l("Geändert"), FieldType.DATETIME), _common("valid_until"),
              _common("target_groups"), _common("links"), _common("contact_name"),
              _common("contact_email"), _common("contact_phone")]
    shared[16] = Column("target_groups", field_spec("target_groups").label,
                        frozenset({"project", "fair"}), FieldType.CHOICES)
    own: dict[str, Column] = {}
    for kind, spec in KINDS.items():
        for field in spec.fields:
            if field.name == "target_groups":
                continue
            known = own.get(field.name)
            kinds = (known.kinds if known else frozenset()) | {kind}
            own[field.name] = Column(field.name, field.label, kinds, field.type)
    fair = [Column("state", _l("Stand"), _FAIR, FieldType.CHOICE),
            Column("state_note", _l("Hinweis zum Stand"), _FAIR, FieldType.TEXT),
            Column("co_organisers", _l("Mitveranstalter"), _FAIR, FieldType.CHOICES)]
    return [*shared, *own.values(), *fair]


def columns(kind: str | None = None) -> list[Column]:
    """The export's columns in order; with a kind, only that kind's."""
    return [c for c in _all_columns() if kind is None or kind in c.kinds]


def export_filter(args: MultiDict) -> PostFilter:
    """The list's filters from a query string; anything unknown or malformed -> BadFilter."""
    form = PostFilterForm(args)
    unknown = set(args) - {field.name for field in form}
    if unknown or not form.validate():
        raise BadFilter(_l("Unbekannter oder ungültiger Filter."))
    return form.to_filter()


def public_record(post: Post) -> dict[str, object]:
    """The post's public values by column name (stand-in: the plain attributes)."""
    record = {}
    for column in columns(post.kind):
        value = getattr(post, column.name, None)
        if column.name.startswith("contact_") and not post.contact_public:
            value = None
        record[column.name] = value.isoformat() if hasattr(value, "isoformat") else value
    return record


def iter_published(post_filter: PostFilter, *, now: datetime, batch: int = 500) -> Iterator[Post]:
    """Currently published posts matching the filter, in list order, streamed in batches."""
    yield from db.session.scalars(published_statement(post_filter, now=now)
                                  .execution_options(yield_per=batch))
