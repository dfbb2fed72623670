"""The database cache of online geocoding answers (Nominatim's usage policy asks for caching)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Double, String
from sqlalchemy.orm import Mapped, mapped_column

from jobnet.clock import utcnow
from jobnet.extensions import db
from jobnet.sqltypes import UTCDateTime

CACHE_KEY_LENGTH = 200


class GeocodeCacheEntry(db.Model):
    __tablename__ = "geocode_cache"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The query normalised by nominatim.cache_key(): case-folded, single spaces.
    query: Mapped[str] = mapped_column(String(CACHE_KEY_LENGTH), unique=True)
    # [{"label", "lat", "lon", "importance"}, ...] in Nominatim's order; [] is a cached "unknown".
    results: Mapped[list[dict]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        # No query text: it may be a person's address.
        return f"<GeocodeCacheEntry {self.id} ({len(self.results or [])} results)>"


class RateLimitSlot(db.Model):
    """The last reserved slot of a rate limit shared by every machine on one PostgreSQL database
    (jobnet/geo/ratelimit.py), moved under SELECT ... FOR UPDATE."""

    __tablename__ = "rate_limit_slot"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    # Unix time (seconds) of the last reserved slot, from the machines' clocks (kept by NTP).
    last_slot: Mapped[float] = mapped_column(Double)
