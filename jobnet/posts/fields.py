"""Which attributes each kind of post has, their German labels, and which ones are searched."""

from __future__ import annotations

import unicodedata

from flask_babel import lazy_gettext as _l

from jobnet.posts.models import Kind

COMMON_FIELDS: tuple[str, ...] = (
    "title", "summary", "body", "place", "latitude", "longitude", "district_ags",
    "municipality_ags", "municipality_name", "outside_region", "contact_name", "contact_email", "contact_phone",
    "links", "valid_until",
)
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    Kind.SETTLEMENT: ("company", "sector", "jobs_expected", "hiring_start", "occupations",
                      "commute_radius_km"),
    Kind.PROGRAMME: ("programme_name", "programme_type", "duration_months", "providers",
                     "experience"),
    Kind.PROJECT: ("target_groups", "period_start", "period_end", "funding", "instruments",
                   "participants", "integrations"),
    Kind.FAIR: ("starts_at", "ends_at", "venue", "organisers", "registration_url",
                "registration_deadline", "exhibitors_expected", "audience", "target_groups",
                "is_free", "fee_note"),
}
# The database refuses a post without these (NOT NULL and no default).
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    Kind.SETTLEMENT: ("company", "sector"),
    Kind.PROGRAMME: ("programme_name", "programme_type"),
    Kind.PROJECT: (),
    Kind.FAIR: ("starts_at", "ends_at", "venue"),
}
COMMON_REQUIRED: tuple[str, ...] = ("title", "summary", "place")

# Free-text attributes that the full-text filter looks at, besides the common ones.
SEARCH_FIELDS_COMMON: tuple[str, ...] = ("title", "summary", "body", "place", "municipality_name")
SEARCH_FIELDS: dict[str, tuple[str, ...]] = {
    Kind.SETTLEMENT: ("company", "sector", "occupations"),
    Kind.PROGRAMME: ("programme_name", "providers", "experience"),
    Kind.PROJECT: ("funding", "instruments"),
    Kind.FAIR: ("venue", "organisers", "audience"),
}


def fields_of(kind: str) -> tuple[str, ...]:
    """All editable attributes of a kind, common ones first."""
    return COMMON_FIELDS + KIND_FIELDS[kind]


FIELD_LABELS = {
    "title": _l("Titel"),
    "summary": _l("Kurzbeschreibung"),
    "body": _l("Beschreibung"),
    "place": _l("Ort"),
    "latitude": _l("Breitengrad"),
    "longitude": _l("Längengrad"),
    "district_ags": _l("Landkreis / kreisfreie Stadt"),
    "municipality_ags": _l("Gemeindeschlüssel"),
    "municipality_name": _l("Gemeinde"),
    "outside_region": _l("Außerhalb Hessens"),
    "contact_name": _l("Ansprechperson"),
    "contact_email": _l("E-Mail der Ansprechperson"),
    "contact_phone": _l("Telefon der Ansprechperson"),
    "links": _l("Links"),
    "valid_until": _l("Gültig bis"),
    "status": _l("Status"),
    "company": _l("Unternehmen"),
    "sector": _l("Branche"),
    "jobs_expected": _l("Erwartete Arbeitsplätze"),
    "hiring_start": _l("Beginn der Einstellungen"),
    "occupations": _l("Gesuchte Berufe"),
    "commute_radius_km": _l("Pendelradius (km)"),
    "programme_name": _l("Bezeichnung"),
    "programme_type": _l("Art"),
    "duration_months": _l("Dauer (Monate)"),
    "providers": _l("Anbieter"),
    "experience": _l("Erfahrungen"),
    "target_groups": _l("Zielgruppen"),
    "period_start": _l("Laufzeit von"),
    "period_end": _l("Laufzeit bis"),
    "funding": _l("Finanzierung"),
    "instruments": _l("Instrumente"),
    "participants": _l("Teilnehmende"),
    "integrations": _l("Integrationen in Arbeit"),
    "starts_at": _l("Beginn"),
    "ends_at": _l("Ende"),
    "venue": _l("Veranstaltungsort"),
    "organisers": _l("Veranstalter"),
    "registration_url": _l("Link zur Anmeldung"),
    "registration_deadline": _l("Anmeldeschluss"),
    "exhibitors_expected": _l("Erwartete Aussteller"),
    "audience": _l("Publikum"),
    "is_free": _l("Eintritt frei"),
    "fee_note": _l("Hinweis zu Kosten"),
}


def search_key(text: str) -> str:
    """Text folded for matching: compatibility-normalised and casefolded (ß = ss, Ö = ö)."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


def search_text(post) -> str:
    """The folded text the full-text filter matches against, from all free-text fields."""
    names = SEARCH_FIELDS_COMMON + SEARCH_FIELDS.get(post.kind, ())
    return search_key("\n".join(str(getattr(post, name, None) or "") for name in names))
