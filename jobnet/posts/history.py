"""Recording what changed in a post and presenting it: snapshots, diffs, readable values."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from flask_babel import format_date, format_datetime
from flask_babel import gettext as _

from jobnet.geo.districts import district_label
from jobnet.posts.fields import FIELD_LABELS
from jobnet.posts.labels import PROGRAMME_TYPE_LABELS, STATUS_LABELS, TARGET_GROUP_LABELS
from jobnet.posts.models import Post, PostChange

FIELD_ORDER = {name: index for index, name in enumerate(FIELD_LABELS)}
DATETIME_FIELDS = {"starts_at", "ends_at"}
DATE_FIELDS = {"valid_until", "hiring_start", "period_start", "period_end", "registration_deadline"}


class FieldRow(NamedTuple):
    field: str
    label: str
    old: str
    new: str


def json_value(value: Any) -> Any:
    """A value as stored in PostChange.fields: ISO strings for times, lists for lists."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [json_value(item) for item in value]
    return value


def snapshot(post: Post, fields: tuple[str, ...]) -> dict[str, Any]:
    """The current values of the fields, JSON-friendly, for comparing before and after."""
    values = {name: json_value(getattr(post, name)) for name in fields}
    if "target_groups" in values:
        # Order of the checkboxes is not a change.
        values["target_groups"] = sorted(values["target_groups"])
    return values


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for every field whose value differs."""
    return {name: [before.get(name), new] for name, new in after.items() if before.get(name) != new}


def initial_values(values: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [None, value]} for the fields a new post was created with."""
    return {name: [None, value] for name, value in values.items() if value not in (None, "", [])}


def display_value(field: str, value: Any) -> str:
    """A stored history value as a person reads it (labels, local times, yes/no)."""
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if field == "status":
        return str(STATUS_LABELS.get(value, value))
    if field == "programme_type":
        return str(PROGRAMME_TYPE_LABELS.get(value, value))
    if field == "target_groups":
        return ", ".join(str(TARGET_GROUP_LABELS.get(code, code)) for code in value)
    if field == "district_ags":
        return district_label(value) or str(value)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    try:
        if field in DATETIME_FIELDS:
            return format_datetime(datetime.fromisoformat(value), "medium")
        if field in DATE_FIELDS:
            return format_date(date.fromisoformat(value), "medium")
    except (TypeError, ValueError):
        pass  # an unexpected shape is shown as it was stored
    return str(value)


def change_rows(change: PostChange) -> list[FieldRow]:
    """The changed fields of one history entry in form order, with labels and readable values."""
    fields = change.fields or {}
    names = sorted(fields, key=lambda name: FIELD_ORDER.get(name, len(FIELD_ORDER)))
    rows = []
    for name in names:
        old, new = (list(fields[name]) + [None, None])[:2]
        label = str(FIELD_LABELS.get(name, name))
        rows.append(FieldRow(name, label, display_value(name, old), display_value(name, new)))
    return rows
