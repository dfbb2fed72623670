"""Figures for the login and reset limits: reset answer times for known and unknown addresses,
mails sent in a flood, and the cost of one database-backed counter hit.

Run: python bench/bench_accounts.py [database URL]. Without a URL a temporary SQLite file is
used; a PostgreSQL URL must name an empty scratch database (its tables are created and
dropped). Baselines in the same run: a plain primary-key SELECT for the counter hit, and a
transport with 20 ms of latency (like an SMTP round trip) for the reset answer, which must not
wait for it. See docs/architecture.md, "Login limits and sessions".
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select

from jobnet import create_app
from jobnet.accounts import throttle
from jobnet.accounts.models import AuthThrottle, Organisation, User
from jobnet.clock import utcnow
from jobnet.extensions import db
from jobnet.mail.transports import MemoryTransport

FORGOT = "/konto/passwort-vergessen"
ROUNDS = 100
HITS = 2000
CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class SlowTransport:
    """A mail transport that takes as long as an SMTP round trip and keeps nothing."""

    def __init__(self, latency: float) -> None:
        self.latency, self.sent = latency, 0

    def send(self, message) -> None:
        time.sleep(self.latency)
        self.sent += 1


def _app(url: str):
    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url,
                      "MAIL_TRANSPORT": "memory", "MAP_TILE_URL": "",
                      "PASSWORD_RESET_MAX_PER_CLIENT": 10**6})
    with app.app_context():
        db.drop_all()
        db.create_all()
        organisation = Organisation(name="Jobcenter Bench", district_ags="06435")
        db.session.add_all([User(email=f"bekannt{n}@example.org", name="Bench", role="coordinator",
                                 organisation=organisation, password_hash="x")
                            for n in range(ROUNDS)])
        db.session.commit()
    return app


def reset_medians(app) -> tuple[float, float]:
    """Median answer times in ms, known and unknown addresses interleaved."""
    client = app.test_client()
    token = CSRF_RE.search(client.get(FORGOT).get_data(as_text=True)).group(1)
    times: dict[str, list[float]] = {"known": [], "unknown": []}
    for number in range(ROUNDS):
        pair = [("known", f"bekannt{number}@example.org"), ("unknown", f"fremd{number}@example.org")]
        for kind, email in pair if number % 2 else reversed(pair):
            started = time.perf_counter()
            response = client.post(FORGOT, data={"csrf_token": token, "email": email})
            times[kind].append((time.perf_counter() - started) * 1000)
            response.close()  # the server sends the mail after the answer
    with app.app_context():
        db.session.execute(AuthThrottle.__table__.delete())
        db.session.commit()
    return statistics.median(times["known"]), statistics.median(times["unknown"])


def flood(app) -> tuple[int, list[int]]:
    """Mails and status codes for 16 requests for one address as fast as possible."""
    client, outbox = app.test_client(), app.extensions["jobnet_mail"].outbox
    outbox.clear()
    token = CSRF_RE.search(client.get(FORGOT).get_data(as_text=True)).group(1)
    codes = []
    for _ in range(16):
        response = client.post(FORGOT, data={"csrf_token": token, "email": "bekannt0@example.org"})
        response.close()
        codes.append(response.status_code)
    return len(outbox), codes


def counter_costs(app) -> tuple[float, float]:
    """ms per counter hit (upsert + commit) and per primary-key SELECT + commit."""
    limit = throttle.Limit("bench", 10**9, timedelta(hours=1))
    with app.app_context():
        now = utcnow()
        started = time.perf_counter()
        for number in range(HITS):
            throttle.hit(limit, f"subject{number % 50}", "", now)
            db.session.commit()
        hit = (time.perf_counter() - started) * 1000 / HITS
        started = time.perf_counter()
        for number in range(HITS):
            db.session.execute(select(AuthThrottle).where(
                AuthThrottle.scope == "bench", AuthThrottle.subject == f"subject{number % 50}",
                AuthThrottle.client == "")).all()
            db.session.commit()
        read = (time.perf_counter() - started) * 1000 / HITS
    return hit, read


def main() -> None:
    url = sys.argv[1] if len(sys.argv) > 1 else f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    app = _app(url)
    print(f"database: {url.split('://')[0]}")
    known, unknown = reset_medians(app)
    print(f"reset answer, memory transport: known {known:.2f} ms, unknown {unknown:.2f} ms "
          f"(ratio {known / unknown:.2f}) over {ROUNDS} each")
    app.extensions["jobnet_mail"] = slow = SlowTransport(0.020)
    known, unknown = reset_medians(app)
    print(f"reset answer, 20 ms transport: known {known:.2f} ms, unknown {unknown:.2f} ms "
          f"(ratio {known / unknown:.2f}); {slow.sent} mails sent after the answers")
    app.extensions["jobnet_mail"] = MemoryTransport()
    mails, codes = flood(app)
    print(f"flood of 16 requests for one address: {mails} mails, answers {codes}")
    hit, read = counter_costs(app)
    print(f"counter hit (atomic upsert + commit): {hit:.3f} ms; primary-key SELECT + commit: "
          f"{read:.3f} ms ({hit / read:.1f}x)")
    with app.app_context():
        db.drop_all()
        db.engine.dispose()


if __name__ == "__main__":
    main()
