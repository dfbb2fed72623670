"""Finding places for the API, the CLI and the post forms: offline gazetteer first, then Nominatim."""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _

from jobnet.geo.geocoder import GeocodeResult, search
from jobnet.geo.names import MAX_QUERY_LENGTH, InvalidQuery, check_near, check_query
from jobnet.geo.nominatim import Hit, NominatimSearch, nominatim_for
from jobnet.geo.settings import GeoSettings, geo_settings

# Characters of markup and template syntax: no place name or address has them.
MARKUP_CHARACTERS = frozenset("<>{}`\\")
# Online answers are never as sure as an exact gazetteer match, so the form always asks to confirm.
ONLINE_MIN_CONFIDENCE, ONLINE_MAX_CONFIDENCE = 0.4, 0.6
OUTSIDE_FACTOR = 0.8  # just across the border ranks after the same match inside the region


def checked_query(query: object) -> str:
    """The query stripped of whitespace; InvalidQuery with a German message for text nobody types."""
    if not isinstance(query, str):
        raise InvalidQuery(_("Die Suchanfrage muss Text sein."))
    text = query.strip()
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidQuery(
            _("Die Suchanfrage ist länger als %(max)d Zeichen.", max=MAX_QUERY_LENGTH)
        )
    if MARKUP_CHARACTERS.intersection(text):
        raise InvalidQuery(_("Die Suchanfrage enthält Zeichen, die in keinem Ortsnamen vorkommen."))
    try:
        return check_query(text)
    except InvalidQuery as error:
        raise InvalidQuery(
            _("Die Suchanfrage enthält Steuerzeichen oder ungültige Zeichen.")
        ) from error


def find_places(
    query: str, *, limit: int = 10, online: NominatimSearch | None = None, near: str | None = None
) -> list[GeocodeResult]:
    """Places for what a person typed, best first: the offline gazetteer, then Nominatim if enabled.

    [] for an empty or unknown query; InvalidQuery (German message) for text nobody types.
    `online` replaces the app's configured Nominatim search (tests pass one with a fake geocoder);
    `near` (the person's district or state AGS) puts namesakes there first.
    """
    return _find_checked(checked_query(query), limit, online, near)


def _find_checked(
    text: str, limit: int, online: NominatimSearch | None = None, near: str | None = None
) -> list[GeocodeResult]:
    settings = geo_settings()
    results = search(text, limit, settings.region, near)
    if results or not _worth_asking_online(text):
        return results
    online = online if online is not None else nominatim_for(current_app)
    if online is None:
        return []
    return _located(online.search(text), settings)[:limit]


def _worth_asking_online(text: str) -> bool:
    # Nominatim allows one request per second for the whole app: spend it on text with a name in it.
    return len(text) >= 3 and any(char.isalpha() for char in text)


def _located(hits: list[Hit], settings: GeoSettings) -> list[GeocodeResult]:
    results = []
    for hit in hits:
        location = settings.boundaries.locate(hit.lat, hit.lon)
        if not settings.accepts(location):
            continue
        confidence = (
            ONLINE_MIN_CONFIDENCE + (ONLINE_MAX_CONFIDENCE - ONLINE_MIN_CONFIDENCE) * hit.importance
        )
        if not location.inside:
            confidence *= OUTSIDE_FACTOR
        results.append(
            GeocodeResult(
                hit.label,
                hit.lat,
                hit.lon,
                round(confidence, 3),
                "address",
                location.district,
                location.municipality,
            )
        )
    return sorted(results, key=lambda result: -result.confidence)  # stable: Nominatim's order


def checked_near(near: object) -> str | None:
    """The near hint as given, None if absent; InvalidQuery (German message) if malformed."""
    try:
        return check_near(near)
    except InvalidQuery as error:
        raise InvalidQuery(
            _("near muss der Schlüssel (AGS) eines Landes (2 Ziffern), Kreises (5) oder einer "
              "Gemeinde (8) sein.")
        ) from error


def geocode_answer(query: str, *, limit: int = 10, near: object = None) -> dict:
    """The geocode endpoint's JSON: query, results (best first) and, if none, a hint to use the map.

    InvalidQuery (German message) for empty text as well: a person asking for a place names one.
    """
    text, near = checked_query(query), checked_near(near)
    if not text:
        raise InvalidQuery(_("Bitte geben Sie einen Ort an."))
    results = _find_checked(text, limit, near=near)
    answer: dict = {"query": text, "results": [result.as_dict() for result in results]}
    if not results:
        answer["hint"] = _(
            "Ort nicht gefunden. Setzen Sie den Punkt auf der Karte oder geben Sie Koordinaten an."
        )
    return answer


def locate_answer(lat: float, lon: float) -> dict:
    """The locate endpoint's JSON: district and municipality of a point, or how far outside it is."""
    settings = geo_settings()
    location = settings.boundaries.locate(lat, lon)
    answer = {
        "lat": lat,
        "lon": lon,
        "inside": location.inside,
        "accepted": settings.accepts(location),
        "district": location.district.as_dict() if location.district else None,
        "municipality": location.municipality.as_dict() if location.municipality else None,
        "distance_to_border_km": location.distance_to_border_km,
    }
    if not location.inside:
        nearest = location.nearest_district
        answer["nearest_district"] = nearest.as_dict() if nearest else None
        answer["message"] = settings.outside_message(location)
    return answer
