"""Map test helpers: published posts of every kind at known points, dated around the real now."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from jobnet.accounts.models import Role, User
from jobnet.clock import utcnow
from jobnet.posts import services
from jobnet.posts.models import Kind, Post, Status
from tests.posts.conftest import DISTRICT_POINTS, post_data


@pytest.fixture()
def make_post(db, make_user) -> Callable[..., Post]:
    """Create a post through the services; the map's endpoints use the real clock, so do we."""

    def _make(kind: str = Kind.SETTLEMENT, *, author: User | None = None,
              status: str = Status.PUBLISHED, district_ags: str = "06632",
              now: datetime | None = None, **fields) -> Post:
        """`now`: when it was created and published (a fair that is over was published before)."""
        author = author or make_user(Role.COORDINATOR)
        now = now or utcnow()
        fields["latitude"], fields["longitude"] = DISTRICT_POINTS[district_ags]
        if kind == Kind.FAIR:
            fields.setdefault("starts_at", now + timedelta(days=10))
            fields.setdefault("ends_at", fields["starts_at"] + timedelta(hours=6))
        post = services.create_post(kind, post_data(kind, **fields), author=author, now=now,
                                    publish=status != Status.DRAFT)
        if status == Status.UNPUBLISHED:
            services.unpublish_post(post, moderator=make_user(Role.MODERATOR),
                                    reason="Bitte Quelle ergänzen.", now=now)
        return post

    return _make
