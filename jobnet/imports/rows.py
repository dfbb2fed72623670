"""One imported row checked like the post form: the kind's own form (jobnet/posts/forms.py) with
the row's cells as its input, geocoded by the same place check; duplicates flagged."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from jobnet.clock import to_local
from jobnet.extensions import db
from jobnet.geo.districts import district_label
from jobnet.posts.forms import POST_FORMS, PostForm
from jobnet.posts.kinds import KIND_LABELS, FieldType, field_spec
from jobnet.posts.models import Post, Status

TRUE = {"ja", "j", "yes", "y", "true", "wahr", "1", "x"}
FALSE = {"nein", "n", "no", "false", "falsch", "0", ""}
LIST_SPLIT = re.compile(r"[|,;\s]+")


@dataclass
class CheckedRow:
    line: int
    kind: str
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)
    data: dict[str, Any] | None = None  # ready for create_post when the row is right
    district: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors


def check_row(line: int, values: dict[str, str]) -> CheckedRow:
    """The row validated by its kind's form; errors in German, prefixed with the column."""
    kind = values.get("kind", "").strip().lower()
    row = CheckedRow(line, kind, values)
    if kind not in POST_FORMS:
        row.errors.append(_("Unbekannte Art „%(kind)s“; erlaubt: %(kinds)s.", kind=kind,
                            kinds=", ".join(POST_FORMS)))
        return row
    form = POST_FORMS[kind](formdata=_formdata(kind, values), meta={"csrf": False})
    if kind == "fair":
        form.co_organiser_ids.choices = []
    try:
        valid = form.validate()
    except ValueError as error:  # a cell the field could not even read
        row.errors.append(str(error))
        return row
    if not valid:
        row.errors.extend(_messages(form))
        return row
    row.data = form.to_data()
    row.data["confirm_outside"] = False  # a file cannot confirm a place outside the region
    row.district = district_label(form.location.district.ags) if (
        form.location and form.location.district) else ""
    return row


def _formdata(kind: str, values: dict[str, str]) -> MultiDict:
    data = MultiDict()
    for name, value in values.items():
        spec = field_spec(name)
        if spec is None or value == "":
            continue
        if spec.type == FieldType.CHOICES:
            data.setlist(name, [code for code in LIST_SPLIT.split(value) if code])
        elif spec.type == FieldType.LINKS:
            data[name] = "\n".join(link for link in LIST_SPLIT.split(value) if link)
        elif spec.type == FieldType.BOOLEAN:
            if value.lower() in TRUE:
                data[name] = "y"
            elif value.lower() not in FALSE:
                data[name] = value  # the field's own message ("not a yes/no") is wrong here
        elif spec.type == FieldType.DATETIME:
            data[name] = _local_time(value)
        else:
            data[name] = value
    return data


def _local_time(value: str) -> str:
    # The export writes instants with their offset; the form takes wall-clock time in Hesse.
    try:
        instant = datetime.fromisoformat(value)
    except ValueError:
        return value  # the form explains what it accepts
    if instant.tzinfo is not None:
        instant = to_local(instant)
    return instant.strftime("%Y-%m-%dT%H:%M")


def _messages(form: PostForm) -> list[str]:
    messages = []
    if form.place_choice.errors:  # the form would offer a choice; a file names the point
        places = "; ".join(label for _value, label in form.place_choice.choices)
        messages.append(_("Ort (place): Mehrere Orte passen (%(places)s). Bitte schreiben Sie "
                          "den Ort genauer oder geben Sie latitude und longitude an.",
                          places=places))
    for name, errors in form.errors.items():
        if name == "place_choice":
            continue
        spec = field_spec(name)
        label = spec.label if spec else form[name].label.text
        messages.extend(f"{label} ({name}): {error}" for error in errors)
    return messages


def flag_duplicates(rows: list[CheckedRow], organisation_id: int) -> None:
    """Rows equal to an earlier row, or to a post the organisation already has (same kind, title
    and place, ignoring case), get an error."""
    seen: dict[tuple[str, str, str], int] = {}
    for row in rows:
        key = (row.kind, _fold(row.values.get("title")), _fold(row.values.get("place")))
        if key in seen:
            row.errors.append(_("Doppelt: dieselbe Art, derselbe Titel und Ort wie in Zeile "
                                "%(line)d.", line=seen[key]))
            continue
        seen[key] = row.line
        existing = db.session.scalar(select(Post.id).where(
            Post.organisation_id == organisation_id, Post.kind == row.kind,
            func.lower(Post.title) == key[1], func.lower(Post.place) == key[2],
            Post.status != Status.ARCHIVED).limit(1))
        if existing is not None:
            row.errors.append(_("Doppelt: Ihre Organisation hat diesen Beitrag schon (Nr. "
                                "%(id)d, %(kind)s).", id=existing, kind=KIND_LABELS[row.kind]))


def _fold(value: str | None) -> str:
    return " ".join((value or "").split()).lower()
