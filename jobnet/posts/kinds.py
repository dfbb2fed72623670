"""The four kinds of post, specified once: their fields with label, type, limits and roles.

Forms, the detail page's facts, map popups, the history, digests' "substantial change" rule and
the full-text search are all derived from these specifications (docs/architecture.md, "Posts").
Adding a field to a kind touches its model column, a migration and its FieldSpec here.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import LazyString, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import String

from jobnet.geo.settings import geo_settings
from jobnet.posts.labels import (
    ACCESSIBILITY_LABELS,
    PROGRAMME_TYPE_LABELS,
    TARGET_GROUP_LABELS,
)
from jobnet.posts.models import KIND_MODELS, Kind, Post


class FieldType(enum.StrEnum):
    LINE = "line"  # one line of text
    TEXT = "text"  # several lines, shown with their line breaks
    MARKDOWN = "markdown"  # several lines, formatted with Markdown when shown
    INTEGER = "integer"
    COORDINATE = "coordinate"  # decimal degrees
    DATE = "date"
    DATETIME = "datetime"  # an instant, entered and shown as wall-clock time in Hesse
    BOOLEAN = "boolean"
    URL = "url"
    EMAIL = "email"
    PHONE = "phone"
    CHOICE = "choice"  # one code of `choices`
    CHOICES = "choices"  # a list of codes of `choices`
    LINKS = "links"  # a list of web addresses, one per line in the form


class Change(enum.Enum):
    """When a change of the field is news for digest subscribers."""

    NEVER = "never"
    ALWAYS = "always"  # readers act on dates and places, so any change counts
    IF_REWRITTEN = "if_rewritten"  # text: only more than a typo (see digest/index.py)


@dataclass(frozen=True)
class FieldSpec:
    """One attribute of a post: how it is entered, checked, shown and exported."""

    name: str
    label: Any  # lazy German string; the form, the history and exports use it
    type: FieldType
    required: bool = False
    required_message: Any = None
    min_length: int = -1
    max_length: int | None = None  # None: the model column's length (String(n))
    range: tuple[int | float, int | float] | None = None  # numbers: allowed minimum and maximum
    default: Any = None
    help: Any = None  # a hint under the form field
    choices: Mapping[str, Any] | None = None  # code -> label for CHOICE / CHOICES
    future_only: bool = False  # dates: not before today
    change: Change = Change.NEVER
    searchable: bool = False  # part of the full-text search
    facts: bool = True  # shown among the detail page's facts (and exports)
    popup: bool = False  # shown in the map popup too
    derived: bool = False  # set from the point, never typed in
    fact_label: Any = None  # a shorter label beside a formatted value ("Dauer": "24 Monate")
    display: Callable[[Any], str] | None = None  # how the value reads when shown

    @property
    def shown_label(self) -> Any:
        return self.fact_label or self.label


@dataclass(frozen=True)
class KindSpec:
    """A kind of post: its model, names and the fields only it has, in display order."""

    kind: Kind
    model: type[Post]
    label: Any
    plural: Any
    fields: tuple[FieldSpec, ...]


def _text(name, label, max_length=5000, **options) -> FieldSpec:
    return FieldSpec(name, label, FieldType.TEXT, max_length=max_length, searchable=True, **options)


COMMON_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", _l("Titel"), FieldType.LINE, required=True, min_length=3,
              change=Change.IF_REWRITTEN, searchable=True, facts=False),
    FieldSpec("summary", _l("Kurzbeschreibung"), FieldType.TEXT, required=True, min_length=10,
              max_length=500, help=_l("10 bis 500 Zeichen, ohne Formatierung."),
              change=Change.IF_REWRITTEN, searchable=True, facts=False),
    FieldSpec("body", _l("Beschreibung"), FieldType.MARKDOWN, max_length=20000, help=_l(
        "Formatierung mit Markdown: **fett**, *kursiv*, Listen mit Bindestrich am Zeilenanfang, "
        "Links als [Text](https://…). Höchstens 20.000 Zeichen."),
        change=Change.IF_REWRITTEN, searchable=True, facts=False),
    FieldSpec("place", _l("Ort"), FieldType.LINE, required=True, change=Change.ALWAYS,
              searchable=True, facts=False),
    FieldSpec("latitude", _l("Breitengrad"), FieldType.COORDINATE, range=(-90, 90), help=_l(
        "Wird aus dem Ort ermittelt; nur nötig, wenn JobNet den Ort nicht kennt. Dezimalgrad, "
        "z. B. 50,5558."), change=Change.ALWAYS, facts=False),
    FieldSpec("longitude", _l("Längengrad"), FieldType.COORDINATE, range=(-180, 180),
              help=_l("Dezimalgrad, z. B. 9,6808."), change=Change.ALWAYS, facts=False),
    FieldSpec("district_ags", _l("Landkreis / kreisfreie Stadt"), FieldType.LINE, derived=True,
              facts=False),
    FieldSpec("municipality_ags", _l("Gemeindeschlüssel"), FieldType.LINE, derived=True,
              facts=False),
    FieldSpec("municipality_name", _l("Gemeinde"), FieldType.LINE, derived=True, searchable=True,
              facts=False),
    FieldSpec("outside_region", LazyString(lambda: _(
        "Außerhalb %(region_genitive)s", region_genitive=geo_settings().names().genitive)),
              FieldType.BOOLEAN, derived=True,
              facts=False),
    FieldSpec("contact_name", _l("Ansprechperson"), FieldType.LINE, facts=False),
    FieldSpec("contact_email", _l("E-Mail der Ansprechperson"), FieldType.EMAIL, facts=False),
    FieldSpec("contact_phone", _l("Telefon der Ansprechperson"), FieldType.PHONE, facts=False),
    FieldSpec("contact_public", _l("Kontaktdaten öffentlich zeigen"), FieldType.BOOLEAN,
              default=False, help=_l(
        "Ohne Haken sehen nur angemeldete Mitglieder des Netzwerks Ansprechperson, E-Mail und "
        "Telefon; alle anderen sehen einen Hinweis."), facts=False),
    FieldSpec("links", _l("Links"), FieldType.LINKS,
              help=_l("Eine Adresse pro Zeile (mit https://), höchstens 10."), facts=False),
    FieldSpec("valid_until", _l("Gültig bis"), FieldType.DATE, future_only=True, help=_l(
        "Nach diesem Tag wird der Beitrag automatisch archiviert."), facts=False),
)

_TARGET_GROUPS = dict(choices=TARGET_GROUP_LABELS, change=Change.ALWAYS)

KINDS: dict[str, KindSpec] = {spec.kind: spec for spec in (
    KindSpec(Kind.SETTLEMENT, KIND_MODELS[Kind.SETTLEMENT], _l("Firmenansiedlung"),
             _l("Firmenansiedlungen"), (
        FieldSpec("company", _l("Unternehmen"), FieldType.LINE, required=True,
                  change=Change.ALWAYS, searchable=True, popup=True),
        FieldSpec("sector", _l("Branche"), FieldType.LINE, required=True, searchable=True),
        FieldSpec("jobs_expected", _l("Erwartete Arbeitsplätze"), FieldType.INTEGER,
                  range=(1, 100_000), change=Change.ALWAYS, popup=True),
        FieldSpec("hiring_start", _l("Beginn der Einstellungen"), FieldType.DATE,
                  change=Change.ALWAYS),
        _text("occupations", _l("Gesuchte Berufe")),
        FieldSpec("commute_radius_km", _l("Pendelradius (km)"), FieldType.INTEGER, required=True,
                  range=(5, 100), default=30, help=_l("5 bis 100 km, üblich sind 30 km."),
                  change=Change.ALWAYS, fact_label=_l("Pendelradius"),
                  display=lambda km: str(_l("%(km)d km", km=km))),
    )),
    KindSpec(Kind.PROGRAMME, KIND_MODELS[Kind.PROGRAMME], _l("Berufsbild / Ausbildungsgang"),
             _l("Berufsbilder und Ausbildungsgänge"), (
        FieldSpec("programme_name", _l("Bezeichnung"), FieldType.LINE, required=True,
                  change=Change.ALWAYS, searchable=True, popup=True),
        FieldSpec("programme_type", _l("Art"), FieldType.CHOICE, required=True,
                  required_message=_l("Bitte wählen Sie die Art aus."),
                  choices=PROGRAMME_TYPE_LABELS, change=Change.ALWAYS, popup=True),
        FieldSpec("duration_months", _l("Dauer (Monate)"), FieldType.INTEGER, range=(1, 120),
                  fact_label=_l("Dauer"),
                  display=lambda n: ngettext("%(num)d Monat", "%(num)d Monate", n)),
        _text("providers", _l("Anbieter")),
        _text("experience", _l("Erfahrungen"), max_length=20000),
    )),
    KindSpec(Kind.PROJECT, KIND_MODELS[Kind.PROJECT], _l("Zielgruppenprojekt"),
             _l("Zielgruppenprojekte"), (
        FieldSpec("target_groups", _l("Zielgruppen"), FieldType.CHOICES, required=True,
                  required_message=_l("Bitte wählen Sie mindestens eine Zielgruppe."),
                  popup=True, **_TARGET_GROUPS),
        FieldSpec("period_start", _l("Laufzeit von"), FieldType.DATE, change=Change.ALWAYS),
        FieldSpec("period_end", _l("Laufzeit bis"), FieldType.DATE, change=Change.ALWAYS),
        _text("funding", _l("Finanzierung")),
        _text("instruments", _l("Instrumente")),
        FieldSpec("participants", _l("Teilnehmende"), FieldType.INTEGER, range=(0, 1_000_000)),
        FieldSpec("integrations", _l("Integrationen in Arbeit"), FieldType.INTEGER,
                  range=(0, 1_000_000)),
    )),
    KindSpec(Kind.FAIR, KIND_MODELS[Kind.FAIR], _l("Jobbörse"), _l("Jobbörsen"), (
        FieldSpec("starts_at", _l("Beginn"), FieldType.DATETIME, required=True,
                  help=_l("Datum und Uhrzeit (deutsche Zeit). Bei ganztägigen Jobbörsen zählt "
                          "nur das Datum."), change=Change.ALWAYS, popup=True),
        FieldSpec("ends_at", _l("Ende"), FieldType.DATETIME, required=True, change=Change.ALWAYS,
                  help=_l("Bei mehrtägigen Jobbörsen der letzte Tag."), popup=True),
        FieldSpec("all_day", _l("Ganztägig (ohne Uhrzeiten)"), FieldType.BOOLEAN, default=False,
                  change=Change.ALWAYS, facts=False),
        FieldSpec("venue", _l("Veranstaltungsort"), FieldType.LINE, required=True,
                  change=Change.ALWAYS, searchable=True, popup=True),
        _text("organisers", _l("Veranstalter"), max_length=2000),
        FieldSpec("registration_url", _l("Link zur Anmeldung für Aussteller"), FieldType.URL,
                  change=Change.ALWAYS, fact_label=_l("Anmeldung für Aussteller")),
        FieldSpec("registration_deadline", _l("Anmeldeschluss für Aussteller"), FieldType.DATE,
                  change=Change.ALWAYS),
        FieldSpec("visitor_registration_url", _l("Link zur Anmeldung für Besucher"),
                  FieldType.URL, change=Change.ALWAYS, fact_label=_l("Anmeldung für Besucher")),
        FieldSpec("visitor_registration_deadline", _l("Anmeldeschluss für Besucher"),
                  FieldType.DATE, change=Change.ALWAYS),
        FieldSpec("exhibitors_expected", _l("Erwartete Aussteller (Anzahl)"), FieldType.INTEGER,
                  range=(0, 10_000), fact_label=_l("Erwartete Aussteller")),
        _text("audience", _l("Publikum"), max_length=2000),
        FieldSpec("target_groups", _l("Zielgruppen"), FieldType.CHOICES, **_TARGET_GROUPS),
        FieldSpec("is_free", _l("Eintritt frei"), FieldType.BOOLEAN, default=True,
                  fact_label=_l("Eintritt"),
                  display=lambda free: str(_l("frei") if free else _l("kostenpflichtig"))),
        FieldSpec("fee_note", _l("Hinweis zu Kosten"), FieldType.LINE,
                  help=_l("Nötig, wenn der Eintritt nicht frei ist.")),
        FieldSpec("accessibility", _l("Barrierefreiheit des Veranstaltungsorts"),
                  FieldType.CHOICES, choices=ACCESSIBILITY_LABELS, change=Change.ALWAYS),
        _text("directions", _l("Anfahrt mit Bus und Bahn"), max_length=2000),
    )),
)}
# Set from the point, never typed in: recorded in the history, refused as input.
DERIVED_FIELDS: tuple[str, ...] = tuple(spec.name for spec in COMMON_FIELDS if spec.derived)
KIND_LABELS = {kind: spec.label for kind, spec in KINDS.items()}
KIND_PLURALS = {kind: spec.plural for kind, spec in KINDS.items()}


def field_specs(kind: str) -> tuple[FieldSpec, ...]:
    """All fields of a kind, common ones first."""
    return COMMON_FIELDS + KINDS[kind].fields


def field_names(kind: str) -> tuple[str, ...]:
    """The attribute names of all fields of a kind, common ones first."""
    return tuple(spec.name for spec in field_specs(kind))


def field_spec(name: str) -> FieldSpec | None:
    """The field of that name in any kind (names mean the same in every kind), or None."""
    return _BY_NAME.get(name)


def max_length(spec: FieldSpec, model: type[Post]) -> int | None:
    """The field's longest accepted text: its own limit or the model column's length."""
    if spec.max_length is not None:
        return spec.max_length
    column = model.__mapper__.columns.get(spec.name)
    return column.type.length if column is not None and isinstance(column.type, String) else None


def required_by_database(kind: str) -> tuple[str, ...]:
    """Fields whose column refuses NULL and has no default: a post cannot be saved without them."""
    columns = KINDS[kind].model.__mapper__.columns
    return tuple(name for name in field_names(kind) if name in columns
                 and not columns[name].nullable and columns[name].default is None)


_BY_NAME: dict[str, FieldSpec] = {}
for _spec in (*COMMON_FIELDS, *(f for kind in KINDS.values() for f in kind.fields)):
    _BY_NAME.setdefault(_spec.name, _spec)
ALL_FIELDS: tuple[FieldSpec, ...] = tuple(_BY_NAME.values())  # each name once, in form order
