"""Offline geocoding from the region's gazetteer, and the rule when a result is sure."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jobnet.geo.boundaries import Area
from jobnet.geo.gazetteer import Candidate, load_gazetteer
from jobnet.geo.names import InvalidQuery, check_near, check_query
from jobnet.geo.regiondata import DEFAULT_REGION
from jobnet.geo.states import STATES

MAX_LIMIT = 50
MIN_CONFIDENCE = 0.5
# The one rule for "sure" (API and post form alike): at or above it the first result is taken
# as meant; below it a person chooses among the results.
SURE_CONFIDENCE = 0.8
# Several candidates this close to the best one by weight (match and importance; at least
# AMBIGUITY_RATIO of it), in other districts or municipalities, make the query ambiguous: every
# confidence drops below SURE_CONFIDENCE so the person is asked ("Neustadt"; "Berlin" is sure).
AMBIGUITY_RATIO = 0.9
AMBIGUITY_FACTOR = 0.75


@dataclass(frozen=True)
class GeocodeResult:
    """One answer to a search: what was found, where, in which district and municipality."""

    label: str
    lat: float
    lon: float
    confidence: float  # 0..1; below SURE_CONFIDENCE the person should choose
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
            "state": {"ags": self.state, "name": STATES[self.state]} if self.state else None,
        }

    @property
    def state(self) -> str | None:
        """The state's AGS (two digits), or None without a district."""
        return self.district.ags[:2] if self.district else None


def _checked_limit(limit: object) -> int:
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise InvalidQuery("limit must be a positive whole number")
    return min(limit, MAX_LIMIT)


def needs_choice(results: list[GeocodeResult]) -> bool:
    """Whether a person must choose among the results instead of taking the first."""
    return bool(results) and results[0].confidence < SURE_CONFIDENCE


def _is_ambiguous(candidates: list[Candidate]) -> bool:
    # Nearness orders but never decides: the first (perhaps the person's own namesake) is compared
    # by weight alone, so a stronger namesake elsewhere still makes the person choose.
    best = candidates[0]
    where = (best.entry.district, best.entry.municipality)
    return any(
        c.weight >= best.weight * AMBIGUITY_RATIO
        and (c.entry.district, c.entry.municipality) != where
        for c in candidates[1:]
    )


def search(
    query: str, limit: int = 10, region: str | Path = DEFAULT_REGION, near: str | None = None
) -> list[GeocodeResult]:
    """Places matching what a person typed, best first; [] for empty or unknown text.

    `near` (AGS of the person's state or district) puts namesakes there first. InvalidQuery (a
    ValueError) for text longer than 200 characters, with control characters, or a malformed near.
    """
    text, limit, near = check_query(query), _checked_limit(limit), check_near(near)
    if not text:
        return []
    candidates = load_gazetteer(region).candidates(text, near)
    if not candidates:
        return []
    factor = AMBIGUITY_FACTOR if _is_ambiguous(candidates) else 1.0
    results: list[GeocodeResult] = []
    for candidate in candidates:
        confidence = round(candidate.score * factor, 3)
        if results:  # best first: a result never claims more than the one ranked before it
            confidence = min(confidence, results[-1].confidence)
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
