"""Recording what changed in a post and presenting it: snapshots, diffs, readable values."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from flask_babel import lazy_gettext as _l

from jobnet.geo.districts import district_label
from jobnet.posts.facts import display_text, is_empty
from jobnet.posts.kinds import ALL_FIELDS, FieldSpec, FieldType, field_spec
from jobnet.posts.labels import FAIR_STATE_LABELS, STATUS_LABELS
from jobnet.posts.models import Post, PostChange

# Labels and order of the fields in a history entry: the form's order, status last.
FIELD_LABELS = {spec.name: spec.label for spec in ALL_FIELDS}
FIELD_LABELS["status"] = _l("Status")
# A fair's rows in other tables and its state, recorded by jobnet/fairs/services.py.
FIELD_LABELS["co_organisers"] = _l("Mitveranstalter")
FIELD_LABELS["exhibitors"] = _l("Erwartete Aussteller")
FIELD_LABELS["state"] = _l("Stand der Jobbörse")
FIELD_ORDER = {name: index for index, name in enumerate(FIELD_LABELS)}

_UNKNOWN = FieldSpec("", "", FieldType.LINE)


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
    if is_empty(value):
        return "–"
    if field == "status":
        return str(STATUS_LABELS.get(value, value))
    if field == "state":
        return str(FAIR_STATE_LABELS.get(value, value))
    if field == "district_ags":
        return district_label(value) or str(value)
    spec = field_spec(field)
    if spec is None:
        return display_text(_UNKNOWN, value)
    try:
        return display_text(spec, _parsed(spec, value))
    except (TypeError, ValueError):
        return str(value)  # an unexpected shape is shown as it was stored


def _parsed(spec: FieldSpec, value: Any) -> Any:
    # History keeps times as ISO strings (json_value); the display wants the objects back.
    if spec.type == FieldType.DATETIME:
        return datetime.fromisoformat(value)
    if spec.type == FieldType.DATE:
        return date.fromisoformat(value)
    return value


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
