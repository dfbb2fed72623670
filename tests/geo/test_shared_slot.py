"""Nominatim's one request per interval holds for all machines on one PostgreSQL database."""

from __future__ import annotations

import threading
import time
from itertools import pairwise

import pytest
from sqlalchemy.engine import make_url

from jobnet import create_app
from jobnet.content_version import current_version
from jobnet.extensions import db
from jobnet.geo.ratelimit import DatabaseRateLimiter, RateLimiter, limiter_for
from tests.postgresql import scratch_database

INTERVAL = 0.5
REQUESTS_PER_APP = 6


def _slots_taken(apps, make_limiter) -> list[float]:
    """Every app's workers ask at the same moment; returns the reserved slots (unix times).
    make_limiter(app, machine number) gives a worker its limiter."""
    slots: list[float] = []
    start = threading.Barrier(len(apps) * REQUESTS_PER_APP)

    def worker(app, machine):
        with app.app_context():
            limiter, seen = make_limiter(app, machine), []

            def clock() -> float:  # read by the limiter while it holds the slot's lock
                seen.append(time.time())
                return seen[-1]

            limiter.clock = clock
            # The reserved slot is that time plus the wait; nobody needs to really wait for it.
            waited: list[float] = []  # this worker's own: other threads append to slots too
            limiter.sleep = waited.append
            start.wait()
            assert limiter.acquire()
            slots.append(seen[-1] + (waited[0] if waited else 0.0))  # no wait: the slot was now

    threads = [threading.Thread(target=worker, args=(app, machine))
               for machine, app in enumerate(apps) for _ in range(REQUESTS_PER_APP)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(slots)


def test_two_apps_on_one_postgresql_never_get_two_slots_within_the_interval(tmp_path):
    with scratch_database("slot") as url:
        # Two app instances on one database: the web processes of two machines.
        apps = [create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True,
                            "SECRET_KEY": "slot", "MAIL_TRANSPORT": "memory"}) for _ in "ab"]
        try:
            shared = _slots_taken(apps, lambda app, machine: limiter_for(app, "nominatim",
                                                                         INTERVAL))
            # What each machine's own lock file (the SQLite way) would allow: two at once.
            per_machine = _slots_taken(apps, lambda app, machine: RateLimiter(
                tmp_path / f"machine{machine}.lock", INTERVAL))
        finally:
            for app in apps:
                with app.app_context():
                    db.engine.dispose()
    assert len(shared) == 2 * REQUESTS_PER_APP
    gaps = [later - earlier for earlier, later in pairwise(shared)]
    assert min(gaps) >= INTERVAL - 1e-6, gaps
    assert min(b - a for a, b in pairwise(per_machine)) < INTERVAL / 2


def test_on_postgresql_the_slot_is_a_database_row_on_sqlite_a_file(app, db):
    limiter = limiter_for(app, "nominatim", 1.0)
    if make_url(app.config["SQLALCHEMY_DATABASE_URI"]).get_backend_name() == "postgresql":
        assert isinstance(limiter, DatabaseRateLimiter) and limiter.name == "nominatim"
    else:
        assert isinstance(limiter, RateLimiter) and limiter.path.name == "nominatim.lock"
    # Taking a slot is no change visitors can see: the page cache stays.
    version = current_version()
    limiter.sleep = lambda seconds: None
    assert limiter.acquire()
    assert current_version() == version


def test_without_the_database_no_request_is_let_through(tmp_path, caplog):
    pytest.importorskip("psycopg")
    app = create_app({"SQLALCHEMY_DATABASE_URI":
                      "postgresql+psycopg://nobody:nothing@127.0.0.1:9/none?connect_timeout=2",
                      "TESTING": True, "SECRET_KEY": "slot", "MAIL_TRANSPORT": "memory"})
    with app.app_context():
        assert limiter_for(app, "nominatim", 1.0).acquire() is False
    assert "rate limit nominatim: no slot (OperationalError)" in caplog.text
