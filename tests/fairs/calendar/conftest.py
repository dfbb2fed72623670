"""Fairs for the calendar tests: made through the post services, at times chosen by the test."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from jobnet.clock import LOCAL_TIMEZONE
from jobnet.posts.models import JobFair, Kind
from tests.posts.conftest import make_post  # noqa: F401  (fixture)

# The suite's "now" for calendar tests: before every fair below, so all of them are upcoming.
NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def berlin(*args: int) -> datetime:
    """A wall-clock time in Hesse as a UTC instant."""
    return datetime(*args, tzinfo=LOCAL_TIMEZONE).astimezone(UTC)


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    """The views read the clock through jobnet.clock.utcnow: pin it."""
    from jobnet import clock

    monkeypatch.setattr(clock, "utcnow", lambda: NOW)
    return NOW


@pytest.fixture()
def make_fair(make_post) -> Callable[..., JobFair]:  # noqa: F811
    """A published fair from start to end (Berlin wall-clock tuples or instants)."""

    def _make(start=(2027, 3, 29, 10, 0), end=None, **fields) -> JobFair:
        starts = berlin(*start) if isinstance(start, tuple) else start
        ends = berlin(*end) if isinstance(end, tuple) else end or starts.replace(hour=starts.hour + 6)
        # A fair that is over was published before it began (one cannot be published after).
        published = min(NOW, starts - timedelta(days=1))
        return make_post(Kind.FAIR, starts_at=starts, ends_at=ends, now=published, **fields)

    return _make
