"""Where a post lies: resolving the typed place to a point, district and municipality from the
point, a settlement's catchment (docs/architecture.md, "Data flow of a post")."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from jobnet.geo.boundaries import Location
from jobnet.geo.catchments import catchment
from jobnet.geo.geocoder import MAX_LIMIT, GeocodeResult, InvalidQuery, needs_choice
from jobnet.geo.lookup import find_places
from jobnet.geo.settings import GeoSettings
from jobnet.posts.models import DEFAULT_COMMUTE_RADIUS_KM, Post, Settlement, SettlementCatchment

CANDIDATES = MAX_LIMIT  # places offered when the typed text fits several: all of them (Neustadt)


class LocationRefused(ValueError):
    """The point cannot be accepted as it is; `needs_confirmation` when the author may confirm."""

    def __init__(self, message: str, *, needs_confirmation: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.needs_confirmation = needs_confirmation


@dataclass(frozen=True)
class PlaceResolution:
    """The outcome of resolving a place: a point with its location, candidates, or a refusal.

    Exactly one holds: `location` (resolved), `candidates` (the author must choose) or
    `refusal` (with `refused_field`: "place" for unknown text, "point" for a point too far out).
    """

    lat: float | None = None
    lon: float | None = None
    location: Location | None = None
    candidates: list[GeocodeResult] = field(default_factory=list)
    refusal: LocationRefused | None = None
    refused_field: str = ""

    @property
    def resolved(self) -> bool:
        return self.location is not None


def check_point(lat: float, lon: float, *, confirm_outside: bool, settings: GeoSettings) -> Location:
    """The point's location; LocationRefused when it is too far out or not confirmed."""
    location = settings.boundaries.locate(lat, lon)
    if location.inside:
        return location
    accepted = settings.accepts(location)
    if accepted and confirm_outside:
        return location
    raise LocationRefused(settings.outside_message(location), needs_confirmation=accepted)


def resolve_place(text: str, lat: float | None, lon: float | None, *, confirm_outside: bool,
                  settings: GeoSettings, near: str | None = None) -> PlaceResolution:
    """The point of a post: the given coordinates, else the place text geocoded (offline first).

    `near` (the author's district AGS) puts namesakes there first. Never raises for what an
    author typed: the outcome says what to ask or refuse.
    """
    if lat is None or lon is None:
        try:
            results = find_places(text or "", limit=CANDIDATES, near=near)
        except InvalidQuery:
            return _refused("place", _l("Bitte geben Sie einen Ortsnamen ohne Steuerzeichen und "
                                        "mit höchstens 200 Zeichen an."))
        if not results:
            return _refused("place", _l("Diesen Ort kennt JobNet nicht. Bitte geben Sie Breiten- "
                                        "und Längengrad an oder schreiben Sie den Ort anders."))
        if needs_choice(results):
            return PlaceResolution(candidates=results)
        lat, lon = results[0].lat, results[0].lon
    try:
        location = check_point(lat, lon, confirm_outside=confirm_outside, settings=settings)
    except LocationRefused as refused:
        return PlaceResolution(lat=lat, lon=lon, refusal=refused, refused_field="point")
    return PlaceResolution(lat=lat, lon=lon, location=location)


def _refused(field_name: str, message) -> PlaceResolution:
    return PlaceResolution(refusal=LocationRefused(str(message)), refused_field=field_name)


def place_post(post: Post, *, confirm_outside: bool, settings: GeoSettings) -> None:
    """Give the post the district and municipality its point lies in (none outside the region)."""
    if post.latitude is None or post.longitude is None:
        location = None
    else:
        location = check_point(post.latitude, post.longitude, confirm_outside=confirm_outside,
                               settings=settings)
    inside = location is not None and location.inside
    post.district_ags = location.district.ags if inside else None
    post.municipality_ags = location.municipality.ags if inside else None
    post.municipality_name = location.municipality.name if inside else None
    post.outside_region = location is not None and not location.inside


def refresh_catchment(settlement: Settlement, *, settings: GeoSettings) -> None:
    """Recompute which districts the commuting circle touches and how much of each."""
    if settlement.latitude is None or settlement.longitude is None:
        settlement.catchment = []
        return
    # Before the first flush the column default is not applied yet.
    radius = settlement.commute_radius_km or DEFAULT_COMMUTE_RADIUS_KM
    shares = catchment(settlement.latitude, settlement.longitude, radius, settings.region)
    settlement.catchment = [SettlementCatchment(district_ags=ags, share=share)
                            for ags, share in shares if share > 0]
