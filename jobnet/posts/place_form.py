"""The place part of the post forms: it asks resolve_place() and shows the outcome.

Works without JavaScript: on submit the server resolves the place, and when several places
fit (Kassel city or district, the two Reichelsheims) the form shows them to choose from.
"""

from __future__ import annotations

from collections.abc import Iterator

from flask_babel import LazyString
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, SubmitField

from jobnet.geo.boundaries import Location
from jobnet.geo.geocoder import GeocodeResult
from jobnet.geo.settings import geo_settings
from jobnet.posts.location import resolve_place


def choice_value(result: GeocodeResult) -> str:
    return f"{result.lat:.5f},{result.lon:.5f}"


def choice_label(result: GeocodeResult) -> str:
    where = result.district.label if result.district else ""
    return f"{result.label} ({where})" if where and where != result.label else result.label


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

    def place_checks(self) -> Iterator[tuple[object, str]]:
        """(field, message) pairs; on success the point is set and self.location is known."""
        if self.place.errors or self.latitude.errors or self.longitude.errors:
            return
        lat, lon = self.latitude.data, self.longitude.data
        if lat is None or lon is None:
            lat, lon = parse_choice(self.place_choice.data) or (None, None)
        outcome = resolve_place(self.place.data or "", lat, lon,
                                confirm_outside=bool(self.confirm_outside.data),
                                settings=geo_settings())
        if outcome.candidates:
            self.place_choice.choices = [(choice_value(r), choice_label(r))
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
