"""Time in one place: instants are UTC-aware, days and wall-clock times are those of Hesse.

Stored times are timezone-aware UTC (see `UTCDateTime`); people see them in Europe/Berlin, and
"today" (expiry dates, the demo's relative dates, digest periods) is the calendar day there.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

LOCAL_TIMEZONE_NAME = "Europe/Berlin"
LOCAL_TIMEZONE = ZoneInfo(LOCAL_TIMEZONE_NAME)


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


def local_today(now: datetime) -> date:
    """The calendar day in Hesse at the instant `now`."""
    return now.astimezone(LOCAL_TIMEZONE).date()


def from_local(naive: datetime) -> datetime:
    """A wall-clock time in Hesse (as typed into a form) as a UTC instant."""
    return naive.replace(tzinfo=LOCAL_TIMEZONE).astimezone(UTC)


def to_local(instant: datetime) -> datetime:
    """A UTC instant as a naive wall-clock time in Hesse (for form fields)."""
    return instant.astimezone(LOCAL_TIMEZONE).replace(tzinfo=None)
