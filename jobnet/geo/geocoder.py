"""Offline geocoding from the region's gazetteer: a plain function and a geopy Geocoder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location as GeopyLocation
from geopy.point import Point

from jobnet.geo.boundaries import Area, load_boundaries
from jobnet.geo.coordinates import checked_point
from jobnet.geo.gazetteer import Candidate, load_gazetteer
from jobnet.geo.names import InvalidQuery, check_query
from jobnet.geo.regiondata import DEFAULT_REGION

MAX_LIMIT = 50
MIN_CONFIDENCE = 0.5
# Several candidates this close to the best one, in other districts or municipalities, make the
# query ambiguous: every confidence drops so the form asks which one is meant.
AMBIGUITY_MARGIN = 0.05
AMBIGUITY_FACTOR = 0.8


@dataclass(frozen=True)
class GeocodeResult:
    """One answer to a search: what was found, where, in which district and municipality."""

    label: str
    lat: float
    lon: float
    confidence: float  # 0..1; below 0.8 the form should let the user choose
    kind: str  # "municipality", "district", "place", "venue"; "address" from the online geocoder
    district: Area | None  # None only for an online result just outside the region
    municipality: Area | None  # None for a (Land)kreis

    def as_dict(self) -> dict:
        """The API's shape: label, lat, lon, confidence, kind, district/municipality {ags, name}."""
        return {
            "label": self.label,
            "lat": self.lat,
            "lon": self.lon,
            "confidence": self.confidence,
            "kind": self.kind,
            "district": self.district.as_dict() if self.district else None,
            "municipality": self.municipality.as_dict() if self.municipality else None,
        }


def _checked_limit(limit: object) -> int:
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise InvalidQuery("limit must be a positive whole number")
    return min(limit, MAX_LIMIT)


def _is_ambiguous(candidates: list[Candidate]) -> bool:
    best = candidates[0]
    where = (best.entry.district, best.entry.municipality)
    return any(
        c.score >= best.score - AMBIGUITY_MARGIN
        and (c.entry.district, c.entry.municipality) != where
        for c in candidates[1:]
    )


def search(query: str, limit: int = 10, region: str | Path = DEFAULT_REGION) -> list[GeocodeResult]:
    """Places matching what a person typed, best first; [] for empty or unknown text.

    InvalidQuery (a ValueError) for text longer than 200 characters or with control characters.
    """
    text, limit = check_query(query), _checked_limit(limit)
    if not text:
        return []
    candidates = load_gazetteer(region).candidates(text)
    if not candidates:
        return []
    factor = AMBIGUITY_FACTOR if _is_ambiguous(candidates) else 1.0
    results = []
    for candidate in candidates:
        confidence = round(candidate.score * factor, 3)
        if confidence < MIN_CONFIDENCE or len(results) == limit:
            break
        entry = candidate.entry
        results.append(
            GeocodeResult(
                entry.label,
                entry.lat,
                entry.lon,
                confidence,
                entry.kind,
                entry.district,
                entry.municipality,
            )
        )
    return results


def _geopy_location(result: GeocodeResult) -> GeopyLocation:
    return GeopyLocation(result.label, (result.lat, result.lon), result.as_dict())


def _reverse_point(query) -> tuple[float, float]:
    # A (lat, lon) pair is checked here; geopy's Point would silently wrap longitudes past 180.
    if isinstance(query, tuple | list) and len(query) == 2:
        return checked_point(*query)
    point = query if isinstance(query, Point) else Point(query)
    return checked_point(point.latitude, point.longitude)


class OfflineGeocoder(Geocoder):
    """geopy geocoder answering from the offline gazetteer; it never opens a network connection."""

    def __init__(self, region: str | Path = DEFAULT_REGION, **kwargs):
        super().__init__(**kwargs)
        self.region = region

    def geocode(self, query, *, exactly_one=True, timeout=DEFAULT_SENTINEL, limit=None):
        """geopy Location (or list of them) for the query, None if nothing matches."""
        results = search(query, 1 if exactly_one else (limit or 10), self.region)
        if not results:
            return None
        locations = [_geopy_location(r) for r in results]
        return locations[0] if exactly_one else locations

    def reverse(self, query, *, exactly_one=True, timeout=DEFAULT_SENTINEL):
        """The municipality at a (lat, lon) point, None outside the region."""
        lat, lon = _reverse_point(query)
        location = load_boundaries(self.region).locate(lat, lon)
        if not location.inside:
            return None
        result = GeocodeResult(
            location.municipality.label,
            lat,
            lon,
            1.0,
            "municipality",
            location.district,
            location.municipality,
        )
        return _geopy_location(result) if exactly_one else [_geopy_location(result)]
