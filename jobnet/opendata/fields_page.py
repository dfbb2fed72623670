"""What the fields page says about each export column: its type in words and its codes.

Generated from records.columns(), so the page and the exports cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from jobnet.opendata.formats import LIST_SEPARATOR
from jobnet.opendata.records import ALL_KINDS, Column, columns
from jobnet.posts.kinds import KIND_LABELS, KINDS, FieldType, field_spec
from jobnet.posts.labels import FAIR_STATE_LABELS, TARGET_GROUP_LABELS

TYPE_TEXT = {
    FieldType.LINE: _l("Text (eine Zeile)"),
    FieldType.TEXT: _l("Text (mehrere Zeilen)"),
    FieldType.MARKDOWN: _l("Text mit Markdown"),
    FieldType.INTEGER: _l("Ganze Zahl"),
    FieldType.COORDINATE: _l("Dezimalgrad (WGS 84); in der Excel-Variante mit Dezimalkomma"),
    FieldType.DATE: _l("Datum (JJJJ-MM-TT)"),
    FieldType.DATETIME: _l("Zeitpunkt (ISO 8601 mit Abstand zu UTC, deutsche Zeit)"),
    FieldType.BOOLEAN: _l("true oder false"),
    FieldType.URL: _l("Webadresse"),
    FieldType.EMAIL: _l("E-Mail-Adresse"),
    FieldType.PHONE: _l("Telefonnummer"),
    FieldType.CHOICE: _l("Code (siehe Werte)"),
    FieldType.CHOICES: _l("Liste; in CSV getrennt durch „%(sep)s“", sep=LIST_SEPARATOR.strip()),
    FieldType.LINKS: _l("Liste von Webadressen; in CSV getrennt durch „%(sep)s“",
                        sep=LIST_SEPARATOR.strip()),
}
NOTES = {
    "contact_name": _l("Nur wenn die Organisation die Kontaktdaten öffentlich gemacht hat, "
                       "sonst leer."),
    "latitude": _l("In GeoJSON die Geometrie des Punkts statt einer Eigenschaft."),
    "co_organisers": _l("Namen der Organisationen."),
    "state_note": _l("Bei abgesagten oder verschobenen Jobbörsen."),
}
NOTES["contact_email"] = NOTES["contact_phone"] = NOTES["contact_name"]
NOTES["longitude"] = NOTES["latitude"]


@dataclass(frozen=True)
class ColumnDoc:
    column: Column
    type_text: object
    codes: Mapping[str, object]
    note: object


def _codes(column: Column) -> Mapping[str, object]:
    if column.name == "kind":
        return KIND_LABELS
    if column.name == "state":
        return FAIR_STATE_LABELS
    if column.name == "target_groups":
        return TARGET_GROUP_LABELS
    spec = field_spec(column.name)
    return (spec.choices or {}) if spec else {}


def _doc(column: Column) -> ColumnDoc:
    return ColumnDoc(column, TYPE_TEXT[column.type], _codes(column), NOTES.get(column.name, ""))


def column_docs() -> list[tuple[object, list[ColumnDoc]]]:
    """(heading, columns) for the columns of every post, then each kind's own."""
    groups = [(_l("Alle Arten"), [_doc(c) for c in columns() if c.kinds == ALL_KINDS])]
    for kind, spec in KINDS.items():
        own = [_doc(c) for c in columns(kind) if c.kinds != ALL_KINDS]
        groups.append((spec.plural, own))
    return groups
