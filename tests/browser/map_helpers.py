"""Shared steps of the map's browser tests: demo data, a tile URL that never answers, waiting."""

from __future__ import annotations

from collections import Counter

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from sqlalchemy import or_, select

from jobnet.clock import local_today, utcnow
from jobnet.demo.loader import load_demo
from jobnet.posts.models import JobFair, Post, Status


@pytest.fixture()
def loopback_tiles(app, live_server):
    """Tiles from the app itself, where they 404: the map must work without any tile."""
    previous = app.config["MAP_TILE_URL"]
    app.config["MAP_TILE_URL"] = f"{live_server}/kacheln/{{z}}/{{x}}/{{y}}.png"
    yield app.config["MAP_TILE_URL"]
    app.config["MAP_TILE_URL"] = previous


def load_demo_posts(db, tmp_path) -> None:
    load_demo(now=utcnow(), instance_path=tmp_path)


def published_counts(db) -> dict[str, int]:
    """Current published posts with a point, per kind, straight from the database (job fairs
    that are over are not current)."""
    now, fairs = utcnow(), JobFair.__table__
    rows = db.session.execute(select(Post.kind, fairs.c.ends_at).outerjoin(
        fairs, fairs.c.id == Post.id).where(
        Post.status == Status.PUBLISHED, Post.latitude.is_not(None),
        or_(Post.valid_until.is_(None), Post.valid_until >= local_today(now))))
    counts = Counter(kind for kind, ends_at in rows if ends_at is None or ends_at >= now)
    return {kind: counts.get(kind, 0) for kind in ("settlement", "programme", "project", "fair")}


def open_map(page, path: str = "/") -> None:
    _record_map_data(page)
    page.goto(path)
    wait_ready(page)


def _record_map_data(page) -> None:
    """Notes the map's JSON requests as the browser sent and finished them, for a timeout to
    report (a fetch answered 304 once never resolved in CI)."""
    if getattr(page, "map_data_log", None) is not None:
        return
    page.map_data_log = []

    def note(event: str, request) -> None:
        if "/karte/" in request.url and ".json" in request.url:
            page.map_data_log.append(
                f"{event} {request.url.partition('/karte/')[2][:40]} "
                f"if-none-match={request.headers.get('if-none-match')}")

    page.on("request", lambda request: note("sent", request))
    page.on("requestfinished", lambda request: note("finished", request))
    page.on("requestfailed", lambda request: note(f"failed ({request.failure})", request))


def wait_ready(page) -> None:
    try:
        page.wait_for_function("() => document.getElementById('map-root').dataset.ready === '1'")
    except PlaywrightTimeoutError:
        waiting = page.evaluate("() => window.jobnetMap ? Object.keys(jobnetMap.waiting) : 'no map'")
        requests = getattr(page, "map_data_log", [])[-12:]
        raise AssertionError(f"the map was not ready; still waiting for {waiting}; "
                             f"its JSON requests: {requests}") from None
