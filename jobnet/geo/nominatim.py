"""Optional online geocoding of street addresses through Nominatim (geopy), cached and rate-limited.

Nominatim's usage policy (docs/architecture.md, "Nominatim"): at most 1 request/s for the app
(all machines together), an identifying user agent, answers cached in the database, results
bounded to the region.
"""

from __future__ import annotations

import logging
import math
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

import shapely
from flask import Flask
from geopy.exc import GeopyError
from shapely.geometry import shape
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from jobnet.clock import utcnow
from jobnet.extensions import db
from jobnet.geo.boundaries import outline_geojson
from jobnet.geo.models import CACHE_KEY_LENGTH, GeocodeCacheEntry
from jobnet.geo.ratelimit import SlotLimiter, limiter_for
from jobnet.geo.settings import geo_settings

# Never log the query or geopy's message (which holds the URL with the query): addresses are
# personal data.
log = logging.getLogger("jobnet.geo.nominatim")

RESULTS_PER_REQUEST = 10
KM_PER_DEGREE = 111.2


@dataclass(frozen=True)
class Hit:
    """One Nominatim answer, as cached: display name, WGS84 point, Nominatim's importance (0..1)."""

    label: str
    lat: float
    lon: float
    importance: float


def cache_key(text: str) -> str:
    """The cache key of a query: NFC, case-folded, single spaces, so trivial variants share it."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


@cache
def region_viewbox(region: str | Path, margin_km: float = 0.0) -> tuple[tuple[float, float], ...]:
    """((south, west), (north, east)) of the region's outline, grown by margin_km on every side."""
    outline = outline_geojson(simplified=True, region=region)["features"][0]["geometry"]
    west, south, east, north = shapely.bounds(shape(outline))
    dlat = margin_km / KM_PER_DEGREE
    dlon = margin_km / (KM_PER_DEGREE * math.cos(math.radians((south + north) / 2)))
    return (south - dlat, west - dlon), (north + dlat, east + dlon)


def _hit(location) -> Hit | None:
    raw = getattr(location, "raw", None) or {}
    try:
        lat, lon = float(location.latitude), float(location.longitude)
        importance = float(raw.get("importance") or 0.0)
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    importance = min(max(importance, 0.0), 1.0) if math.isfinite(importance) else 0.0
    label = str(location.address or "").removesuffix(", Deutschland").strip()
    return Hit(label, lat, lon, importance) if label else None


def _unique(hits) -> list[Hit]:
    # Nominatim lists a street once per OSM way; one entry per name is enough to choose from.
    seen: set[str] = set()
    return [hit for hit in hits if not (hit.label in seen or seen.add(hit.label))]


class NominatimSearch:
    """Nominatim through a geopy geocoder, answered from the database cache whenever possible.

    The cache is read and written in a session of its own, so a caller's unit of work is neither
    committed nor rolled back by a lookup. On SQLite, geocode before writing in the same request.
    """

    def __init__(
        self,
        geocoder,
        limiter: SlotLimiter,
        *,
        viewbox: tuple[tuple[float, float], ...],
        cache_days: float,
        timeout: float,
        now: Callable[[], datetime] = utcnow,
    ):
        self.geocoder = geocoder
        self.limiter = limiter
        self.viewbox = viewbox
        self.max_age = timedelta(days=cache_days)
        self.timeout = timeout
        self.now = now

    def search(self, text: str) -> list[Hit]:
        """Hits for the text, best first; [] when Nominatim knows nothing or cannot be reached."""
        key = cache_key(text)
        cached = self._cached(key)
        if cached is not None and self.now() - cached[1] <= self.max_age:
            return cached[0]
        hits = self._fetch(text)
        if hits is None:  # a failed refresh still has the old answer
            return cached[0] if cached is not None else []
        self._store(key, hits)
        return hits

    def _cached(self, key: str) -> tuple[list[Hit], datetime] | None:
        with Session(db.engine) as session:
            entry = session.scalar(select(GeocodeCacheEntry).where(GeocodeCacheEntry.query == key))
            if entry is None:
                return None
            return [Hit(**hit) for hit in entry.results], entry.created_at

    def _fetch(self, text: str) -> list[Hit] | None:
        if not self.limiter.acquire():
            log.warning("Nominatim skipped: too many requests waiting for their turn")
            return None
        try:
            locations = self.geocoder.geocode(
                text,
                exactly_one=False,
                limit=RESULTS_PER_REQUEST,
                timeout=self.timeout,
                language="de",
                country_codes="de",
                viewbox=self.viewbox,
                bounded=True,
            )
        except GeopyError as error:
            log.warning("Nominatim request failed: %s", type(error).__name__)
            return None
        return _unique(hit for hit in map(_hit, locations or []) if hit is not None)

    def _store(self, key: str, hits: list[Hit]) -> None:
        if (
            len(key) > CACHE_KEY_LENGTH
        ):  # case folding can lengthen text; such rare keys go uncached
            return
        try:
            with Session(db.engine) as session, session.begin():
                entry = session.scalar(
                    select(GeocodeCacheEntry).where(GeocodeCacheEntry.query == key)
                )
                if entry is None:
                    entry = GeocodeCacheEntry(query=key)
                    session.add(entry)
                entry.results = [asdict(hit) for hit in hits]
                entry.created_at = self.now()
        except SQLAlchemyError as error:
            # Another process stored the same query first, or the database is busy: the answer
            # is still good, only the cache misses it.
            log.warning("geocode cache not written: %s", type(error).__name__)


def nominatim_for(app: Flask) -> NominatimSearch | None:
    """The app's Nominatim search, built once from the configuration; None when not enabled."""
    config = app.config
    if not config["NOMINATIM_ENABLED"]:
        return None
    search = app.extensions.get("jobnet_nominatim")
    if search is None:
        from geopy.geocoders import Nominatim

        timeout = float(config["NOMINATIM_TIMEOUT_SECONDS"])
        geocoder = Nominatim(
            user_agent=config["NOMINATIM_USER_AGENT"],
            domain=config["NOMINATIM_DOMAIN"],
            timeout=timeout,
        )
        # One slot for every machine of the installation: the usage policy counts the app.
        limiter = limiter_for(app, "nominatim", config["NOMINATIM_MIN_INTERVAL_SECONDS"])
        settings = geo_settings()
        viewbox = region_viewbox(settings.region, settings.max_outside_km)
        search = NominatimSearch(
            geocoder,
            limiter,
            viewbox=viewbox,
            cache_days=config["NOMINATIM_CACHE_DAYS"],
            timeout=timeout,
        )
        app.extensions["jobnet_nominatim"] = search
    return search
