"""A post as open data: the filter an export reads, its columns and its public record.

The one home for "post -> open data": the exports (CSV, GeoJSON, Atom), the read API and the CSV
import all use these names, so a column means the same everywhere (docs/architecture.md,
"Open data").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from flask import current_app, g, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from jobnet.clock import LOCAL_TIMEZONE
from jobnet.extensions import db
from jobnet.fairs.schedule import co_organisers, fair_state, state_note
from jobnet.geo.districts import region_districts
from jobnet.posts.forms import PostFilterForm
from jobnet.posts.kinds import COMMON_FIELDS, KINDS, FieldType
from jobnet.posts.models import FairCoOrganiser, Kind, Post
from jobnet.posts.queries import PostFilter, published_statement

FILTER_NAMES = ("kind", "state", "district", "neighbours", "target_group", "organisation",
                "date_from", "date_to", "upcoming", "past", "q", "ring")
ALL_KINDS = frozenset(Kind)
CONTACT_COLUMNS = ("contact_name", "contact_email", "contact_phone")


class BadFilter(ValueError):
    """A filter an export or the API cannot read; the message is German (or the user's language)."""


def export_filter(args: MultiDict) -> PostFilter:
    """The list's filter from query arguments; BadFilter for unknown names or malformed values."""
    unknown = sorted(set(args) - set(FILTER_NAMES))
    if unknown:
        raise BadFilter(_("Unbekannter Filter „%(name)s“. Erlaubt sind: %(names)s.",
                          name=unknown[0][:40], names=", ".join(FILTER_NAMES)))
    repeated = next((name for name in args if len(args.getlist(name)) > 1), None)
    if repeated:
        raise BadFilter(_("Der Filter „%(name)s“ darf nur einmal vorkommen.", name=repeated))
    form = PostFilterForm(args)
    if not form.validate():
        field = next(field for field in form if field.errors)
        raise BadFilter(_("Ungültiger Wert „%(value)s“ für den Filter „%(name)s“: %(problem)s",
                          value=args.get(field.name, "")[:40], name=field.name,
                          problem=str(field.errors[0])))
    return form.to_filter()


@dataclass(frozen=True)
class Column:
    """One column of the exports: its name (FieldSpec.name where one exists), German label,
    the kinds that have it and its type."""

    name: str
    label: object  # lazy German string
    kinds: frozenset[str]
    type: FieldType


def _common(name: str, label: object, type_: FieldType) -> Column:
    return Column(name, label, ALL_KINDS, type_)


_SPECS = {spec.name: spec for spec in COMMON_FIELDS}


def _from_spec(name: str) -> Column:
    spec = _SPECS[name]
    return Column(name, spec.label, ALL_KINDS, spec.type)


@cache
def _all_columns() -> tuple[Column, ...]:
    head = [
        _common("id", _l("Nummer"), FieldType.INTEGER),
        _common("kind", _l("Art"), FieldType.CHOICE),
        _common("url", _l("Adresse des Beitrags"), FieldType.URL),
        _from_spec("title"), _from_spec("summary"),
        _common("organisation", _l("Organisation"), FieldType.LINE),
        _from_spec("place"), _from_spec("district_ags"),
        _common("district_name", _l("Name des Landkreises / der kreisfreien Stadt"),
                FieldType.LINE),
        _from_spec("municipality_ags"), _from_spec("municipality_name"),
        _from_spec("latitude"), _from_spec("longitude"),
        _common("published_at", _l("Veröffentlicht am"), FieldType.DATETIME),
        _common("updated_at", _l("Zuletzt geändert am"), FieldType.DATETIME),
        _from_spec("valid_until"),
        _common("target_groups", _l("Zielgruppen"), FieldType.CHOICES),
        _from_spec("links"),
        *(_from_spec(name) for name in CONTACT_COLUMNS),
    ]
    seen = {column.name for column in head}
    for kind, kind_spec in KINDS.items():
        for spec in kind_spec.fields:
            if spec.name not in seen:
                seen.add(spec.name)
                head.append(Column(spec.name, spec.label, frozenset({kind}), spec.type))
    fair = frozenset({Kind.FAIR.value})
    head += [Column("state", _l("Stand der Jobbörse"), fair, FieldType.CHOICE),
             Column("state_note", _l("Hinweis zum Stand"), fair, FieldType.LINE),
             Column("co_organisers", _l("Mitveranstalter"), fair, FieldType.CHOICES)]
    return tuple(head)


def columns(kind: str | None = None) -> list[Column]:
    """The export columns in order; with a kind, only that kind's."""
    return [column for column in _all_columns() if kind is None or kind in column.kinds]


@cache
def _columns_of(kind: str) -> tuple[str, ...]:
    return tuple(column.name for column in columns(kind))


@dataclass(frozen=True)
class _Lookups:
    """What every record of one export shares, looked up once per request."""

    districts: dict[str, str]
    url_head: str  # a post's address is head + number + tail
    url_tail: str


def _lookups() -> _Lookups:
    found = g.get("jobnet_opendata_lookups")
    if found is None:
        address = current_app.config["PUBLIC_BASE_URL"] + url_for("posts.detail", post_id=0)
        head, tail = address.rsplit("0", 1)
        found = _Lookups({a.ags: a.label for a in region_districts()}, head, tail)
        g.jobnet_opendata_lookups = found
    return found


_PLAIN = (str, int, float, bool, type(None))


def _json_value(value: object) -> object:
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, datetime):
        return value.astimezone(LOCAL_TIMEZONE).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    return value


def post_url(post_id: int) -> str:
    """The post's public address (its page)."""
    lookups = _lookups()
    return f"{lookups.url_head}{post_id}{lookups.url_tail}"


def public_record(post: Post) -> dict[str, object]:
    """The post's public values by column name (JSON-ready), only its kind's columns; contact
    details only when the author made them public."""
    lookups = _lookups()
    special = {
        "url": f"{lookups.url_head}{post.id}{lookups.url_tail}",
        "organisation": post.organisation.name if post.organisation else None,
        "district_name": lookups.districts.get(post.district_ags or "") or None,
    }
    if not post.contact_public:
        special.update(dict.fromkeys(CONTACT_COLUMNS))
    if post.kind == Kind.FAIR:
        special.update(state=fair_state(post), state_note=state_note(post),
                       co_organisers=[o.name for o in co_organisers(post)])
    return {name: special[name] if name in special else _json_value(getattr(post, name, None))
            for name in _columns_of(post.kind)}


def iter_published(post_filter: PostFilter, *, now: datetime, batch: int = 500) -> Iterator[Post]:
    """Currently published posts matching the filter in list order, fetched `batch` at a time."""
    stmt = published_statement(post_filter, now=now)
    poly = stmt.column_descriptions[0]["entity"]
    stmt = stmt.options(
        selectinload(poly.JobFair.co_organiser_rows).joinedload(FairCoOrganiser.organisation),
        selectinload(poly.JobFair.reschedules))
    # yield_per streams (a server-side cursor on PostgreSQL) and loads eagerly per batch.
    result = db.session.execute(stmt.execution_options(yield_per=batch))
    for partition in result.scalars().partitions():
        # The session's identity map holds posts weakly: written ones are freed.
        yield from partition

