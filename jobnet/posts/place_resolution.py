"""Turning what an author typed as the place into a point, asking when the answer is unclear.

Works without JavaScript: on submit the server geocodes the place, and when several places
fit (Kassel city or district, the two Reichelsheims) the form shows them to choose from.
"""

from __future__ import annotations

from collections.abc import Iterator

from flask import current_app
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, SubmitField

from jobnet.geo.boundaries import Location
from jobnet.geo.geocoder import GeocodeResult, InvalidQuery
from jobnet.geo.lookup import find_places
from jobnet.posts.location import LocationRefused, check_point

# Below this confidence, or with a runner-up this close, the author is asked to choose.
SURE_CONFIDENCE = 0.8
CLOSE_RUNNER_UP = 0.1


def is_ambiguous(results: list[GeocodeResult]) -> bool:
    """Whether the author must choose among the results instead of taking the first."""
    best = results[0]
    if best.confidence < SURE_CONFIDENCE:
        return True
    return any(other.confidence >= best.confidence - CLOSE_RUNNER_UP
               and (other.district, other.municipality) != (best.district, best.municipality)
               for other in results[1:])


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


class PlaceResolution:
    """Form mixin: fields and checks that give every post a point inside (or near) the region."""

    place_choice = RadioField(_l("Welcher Ort ist gemeint?"), choices=[], validate_choice=False)
    confirm_outside = BooleanField(_l("Der Ort liegt außerhalb Hessens – trotzdem hier eintragen"))
    check_place = SubmitField(_l("Ort prüfen"))

    location: Location | None = None
    needs_confirmation = False

    def place_checks(self) -> Iterator[tuple[object, str]]:
        """(field, message) pairs; on success the point is set and self.location is known."""
        if self.place.errors or self.latitude.errors or self.longitude.errors:
            return
        if self.latitude.data is None or self.longitude.data is None:
            point = parse_choice(self.place_choice.data)
            if point is None:
                yield from self._geocode_place()
                return
            self.latitude.data, self.longitude.data = point
        yield from self._check_point()

    def _geocode_place(self) -> Iterator[tuple[object, str]]:
        try:
            results = find_places(self.place.data or "", limit=6)
        except InvalidQuery:
            yield self.place, _l("Bitte geben Sie einen Ortsnamen ohne Steuerzeichen und mit "
                                 "höchstens 200 Zeichen an.")
            return
        if not results:
            yield self.place, _l("Diesen Ort kennt JobNet nicht. Bitte geben Sie Breiten- und "
                                 "Längengrad an oder schreiben Sie den Ort anders.")
            return
        if is_ambiguous(results):
            self.place_choice.choices = [(choice_value(r), choice_label(r)) for r in results]
            yield self.place_choice, _l("Mehrere Orte passen zu Ihrer Angabe. Bitte wählen Sie "
                                        "den gemeinten aus.")
            return
        self.latitude.data, self.longitude.data = results[0].lat, results[0].lon
        yield from self._check_point()

    def _check_point(self) -> Iterator[tuple[object, str]]:
        config = current_app.config
        try:
            self.location = check_point(
                self.latitude.data, self.longitude.data,
                confirm_outside=bool(self.confirm_outside.data), region=config["GEO_REGION"],
                max_outside_km=config["GEO_MAX_OUTSIDE_KM"])
        except LocationRefused as refused:
            self.needs_confirmation = refused.needs_confirmation
            yield (self.confirm_outside if refused.needs_confirmation else self.latitude), \
                refused.message
