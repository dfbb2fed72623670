"""Digest test helpers: subscriptions straight into the database, trigger slots, mail parsing."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from jobnet.digest.models import Subscription
from jobnet.posts.models import Kind
from tests.posts.conftest import make_post, post_data  # noqa: F401  (fixtures for these tests)

BERLIN = ZoneInfo("Europe/Berlin")
ALL_KINDS = [kind.value for kind in Kind]
LINK_RE = re.compile(r"https?://\S+")


def monday_slot(after: datetime) -> datetime:
    """The first Monday 07:00 Berlin time strictly after `after` (as UTC)."""
    local = after.astimezone(BERLIN)
    day = local.date() + timedelta(days=(7 - local.weekday()) % 7 or 7)
    return datetime(day.year, day.month, day.day, 7, 0, tzinfo=BERLIN).astimezone(UTC)


@pytest.fixture()
def make_subscription(db) -> Callable[..., Subscription]:
    counter = iter(range(1, 100_000))

    def _make(email: str | None = None, *, consented_at: datetime | None = None,
              **preferences) -> Subscription:
        values = {"kinds": ALL_KINDS, "district_mode": "list", "districts": ["06435"],
                  "include_catchment": True, "target_groups": [], "frequency": "weekly",
                  "locale": "de", **preferences}
        subscription = Subscription(
            email=email or f"leser{next(counter)}@example.org", link_nonce=secrets.token_hex(8),
            consented_at=consented_at or datetime(2020, 1, 1, tzinfo=UTC), **values)
        db.session.add(subscription)
        db.session.commit()
        return subscription

    return _make


def links_in(text: str) -> list[str]:
    """Every http(s) link in a text part."""
    return LINK_RE.findall(text)


def parts_of(message) -> tuple[str, str]:
    """(plain text, HTML) of a multipart/alternative message."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html
