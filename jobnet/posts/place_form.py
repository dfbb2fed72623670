"""The place part of the post forms: it asks resolve_place() and shows the outcome.

Works without JavaScript: on submit the server resolves the place, and when several places
fit (Kassel city or district, the two Reichelsheims) the form shows them to choose from.
"""

from __future__ import annotations

from collections.abc import Iterator

from flask import has_request_context
from flask_babel import LazyString
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import BooleanField, RadioField, SubmitField

from jobnet.geo.boundaries import Location
from jobnet.geo.geocoder import GeocodeResult
from jobnet.geo.settings import geo_settings
from jobnet.geo.states import STATES
from jobnet.posts.location import resolve_place


def choice_value(result: GeocodeResult) -> str:
    return f"{result.lat:.5f},{result.lon:.5f}"


def choice_label(result: GeocodeResult, *, with_state: bool = False) -> str:
    """The label with what tells namesakes apart and is not in it already: "Reichelsheim
    (Odenwald) – Odenwaldkreis", with_state "Neustadt am Rübenberge – Region Hannover,
    Niedersachsen" (as the live suggestions show them)."""
    where = []
    if result.district and result.district.label not in result.label:
        where.append(result.district.label)
    if with_state and result.state and STATES[result.state] not in result.label:
        where.append(STATES[result.state])
    return f"{result.label} – {', '.join(where)}" if where else result.label


def author_near() -> str | None:
    """The signed-in author's (main) district (AGS): namesakes there come first. None if
    unknown (no organisation, or one without a district)."""
    if not has_request_context() or not current_user.is_authenticated:
        return None
    organisation = current_user.organisation
    return (organisation.district_ags if organisation else None) or None


def parse_choice(value: str | None) -> tuple[float, float] | None:
    """The point of a chosen candidate, or None for no or a malformed choice."""
    try:
        lat, lon = (float(part) for part in (value or "").split(","))
    except ValueError:
        return None
    return (lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else None


class PlaceFields:
    """Form mixin: the fields that let an author pick a place, and its checks as field errors."""

    place_choice = RadioField(_l("Welcher Ort ist gemeint?"), choices=[], validate_choice=False)
    confirm_outside = BooleanField(LazyString(lambda: _(
        "Der Ort liegt außerhalb %(region_genitive)s – trotzdem hier eintragen",
        region_genitive=geo_settings().names().genitive)))
    check_place = SubmitField(_l("Ort prüfen"))

    location: Location | None = None
    needs_confirmation = False

    @property
    def near(self) -> str | None:
        """The author's district, sent with the live suggestions as the geocoder's near hint."""
        return author_near()

    def place_checks(self) -> Iterator[tuple[object, str]]:
        """(field, message) pairs; on success the point is set and self.location is known."""
        if self.place.errors or self.latitude.errors or self.longitude.errors:
            return
        lat, lon = self.latitude.data, self.longitude.data
        if lat is None or lon is None:
            lat, lon = parse_choice(self.place_choice.data) or (None, None)
        outcome = resolve_place(self.place.data or "", lat, lon,
                                confirm_outside=bool(self.confirm_outside.data),
                                settings=geo_settings(), near=author_near())
        if outcome.candidates:
            several_states = len({r.state for r in outcome.candidates}) > 1
            self.place_choice.choices = [
                (choice_value(r), choice_label(r, with_state=several_states))
                for r in outcome.candidates]
            yield self.place_choice, _l("Mehrere Orte passen zu Ihrer Angabe. Bitte wählen Sie "
                                        "den gemeinten aus.")
            return
        if outcome.lat is not None:
            self.latitude.data, self.longitude.data = outcome.lat, outcome.lon
        self.location = outcome.location
        if outcome.refusal is not None:
            refusal = outcome.refusal
            self.needs_confirmation = refusal.needs_confirmation
            target = (self.place if outcome.refused_field == "place"
                      else self.confirm_outside if refusal.needs_confirmation else self.latitude)
            yield target, refusal.message
