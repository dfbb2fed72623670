"""Figures for /jobboersen/kalender.ics with 2,000 upcoming fairs: server time and 304s.

Run: python bench/bench_ical.py [fairs]. Measured in-process with the test client (server
time, no network). "Cold" is the first request of a new process (a worker after a start or
deploy) on the same database, measured in a child process of this script. Baseline in the same run: the whole feed serialised by icalendar on every
request (one Calendar with every Event, add_missing_timezones, to_ical), as a view without
caches would. Targets (issue 12): the feed <= 100 ms, a 304 <= 5 ms.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert

from jobnet import create_app
from jobnet.accounts.models import Organisation
from jobnet.extensions import db
from jobnet.fairs import calendar, ical
from jobnet.posts.models import JobFair, Post, Status
from jobnet.posts.queries import PostFilter

RUNS = 30
BASELINE_RUNS = 3
DISTRICTS = [("06435", 50.20, 9.19), ("06631", 50.55, 9.68), ("06412", 50.11, 8.68),
             ("06632", 50.87, 9.71), ("06414", 50.08, 8.24)]


def build_database(app, count: int) -> None:
    """count published fairs over the next two years, bulk-inserted."""
    rng = random.Random(12)
    now = datetime.now(UTC)
    with app.app_context():
        db.create_all()
        org = Organisation(name="Kommunales Center für Arbeit (KCA)", kind="job_centre",
                           district_ags="06435", email="info@kca.example")
        db.session.add(org)
        db.session.commit()
        posts, fairs = [], []
        for i in range(1, count + 1):
            ags, lat, lon = rng.choice(DISTRICTS)
            start = now + timedelta(days=rng.randint(1, 700), hours=rng.randint(0, 8))
            posts.append({"id": i, "kind": "fair", "title": f"Jobbörse {i}, Halle {i % 7}",
                          "summary": "Arbeitgeber aus der Region stellen sich vor; Eintritt frei.",
                          "body": "", "place": "Gelnhausen", "latitude": lat, "longitude": lon,
                          "district_ags": ags, "organisation_id": org.id, "links": [],
                          "status": Status.PUBLISHED, "search_text": "", "version": 2,
                          "created_at": now, "updated_at": now, "published_at": now})
            fairs.append({"id": i, "starts_at": start, "ends_at": start + timedelta(hours=6),
                          "venue": "Messe Wächtersbach", "organisers": "", "audience": "",
                          "is_free": True})
        db.session.execute(insert(Post.__table__), posts)
        db.session.execute(insert(JobFair.__table__), fairs)
        db.session.commit()


def timed(client, url: str, runs: int, headers=None) -> tuple[list[float], object]:
    times, response = [], None
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url, headers=headers or {})
        times.append((time.perf_counter() - start) * 1000)
    return times, response


def baseline(app, runs: int) -> list[float]:
    """Every request: query the fairs and serialise them all with icalendar."""
    from icalendar import Calendar

    times = []
    with app.test_request_context("/jobboersen/kalender.ics"):
        settings = ical.FeedSettings(app.config["PUBLIC_BASE_URL"], timedelta(hours=6))
        for _ in range(runs):
            start = time.perf_counter()
            fairs = calendar.feed_fairs(PostFilter(), now=datetime.now(UTC),
                                        keep_cancelled=timedelta(days=30))
            cal = Calendar()
            cal.add("prodid", ical.PRODID)
            cal.add("version", "2.0")
            for fair in fairs:
                cal.add_component(ical.build_event(fair, settings, reminder=False))
            cal.add_missing_timezones()
            cal.to_ical()
            times.append((time.perf_counter() - start) * 1000)
    return times


def bench_app(path: str):
    return create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
                       "SECRET_KEY": "bench", "MAIL_TRANSPORT": "memory"})


def cold(path: str) -> None:
    """In a new process: create the app, time its first feed request, print the figures."""
    start = time.perf_counter()
    client = bench_app(path).test_client()
    ready = time.perf_counter()
    response = client.get("/jobboersen/kalender.ics")
    done = time.perf_counter()
    assert response.status_code == 200
    print(f"{(ready - start) * 1000:.1f} {(done - ready) * 1000:.1f}")


def cold_in_new_process(path: str) -> tuple[float, float]:
    """(app start ms, first request ms) of a child process; the imports come before both."""
    output = subprocess.run([sys.executable, __file__, "--cold", path], check=True,
                            capture_output=True, text=True).stdout.split()
    return float(output[-2]), float(output[-1])


def main() -> None:
    if sys.argv[1:2] == ["--cold"]:
        cold(sys.argv[2])
        return
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as tmp:
        path = f"{tmp}/bench.sqlite3"
        app = bench_app(path)
        build_database(app, count)
        client = app.test_client()
        url = "/jobboersen/kalender.ics"
        # Nothing stored yet: every event is written by icalendar (once per installation).
        first, response = timed(client, url, 1)
        assert response.status_code == 200 and response.data.count(b"BEGIN:VEVENT") == count
        size = len(response.data)
        # Events kept, feed not: what the first request of each minute or after an edit costs.
        rebuilt = []
        for _ in range(RUNS):
            app.extensions["jobnet_fair_feeds"].clear()
            rebuilt += timed(client, url, 1)[0]
        kept, _ = timed(client, url, RUNS)
        packed, packed_response = timed(client, url, RUNS, {"Accept-Encoding": "gzip"})
        assert packed_response.headers["Content-Encoding"] == "gzip"
        packed_size = len(packed_response.data)
        etag = response.headers["ETag"]
        not_modified, answer = timed(client, url, RUNS, {"If-None-Match": etag})
        assert answer.status_code == 304
        filtered, _ = timed(client, url + "?district=06435", RUNS)
        base = baseline(app, BASELINE_RUNS)
        colds = [cold_in_new_process(path) for _ in range(3)]

    def line(name: str, values: list[float]) -> str:
        return (f"{name:<44} median {statistics.median(values):8.1f} ms"
                f"   max {max(values):8.1f} ms")

    print(f"{count} upcoming fairs, feed {size / 1024:.0f} KiB")
    print(line("first request ever (every event written)", first))
    print(line("cold: a new process's first request", [c[1] for c in colds]))
    print(line("  (its app start before that request)", [c[0] for c in colds]))
    print(line("feed rebuilt from kept events (new minute)", rebuilt))
    print(line("feed kept (same minute and content)", kept))
    print(line(f"kept, gzipped ({packed_size / 1024:.0f} KiB)", packed))
    print(line("filtered feed ?district=06435", filtered))
    print(line("304 on If-None-Match", not_modified))
    print(line("baseline: icalendar serialises all", base))
    ratio = statistics.median(base) / statistics.median(rebuilt)
    print(f"rebuilt feed vs baseline: {ratio:.0f}x faster; "
          f"targets: feed <= 100 ms, 304 <= 5 ms")


if __name__ == "__main__":
    main()
