"""Figures for the streamed exports with 10,000 published posts: first byte, whole export, memory.

Run: python bench/bench_export.py [posts] [--postgres URL-of-an-empty-scratch-database].
Every case runs in its own process, so its peak RSS is its own. In the same run it measures the
baseline an export without streaming would be: the whole list loaded, every record built, the
file serialised in memory, then sent. Goals (issue 13): first byte <= 200 ms, whole export
<= 2 s, memory flat (the streamed export's peak RSS must not grow with the number of posts).
CPU seconds are printed beside the wall-clock time: on a shared machine they show the work.
The first byte of a streamed export is its header (CSV) or collection head (GeoJSON); the first
posts follow after the first batch of the query.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jobnet import create_app
from jobnet.extensions import db

RUNS = 3
CASES = {  # name: (URL of the streamed export, format of the in-memory baseline)
    "csv": "/beitraege/export.csv",
    "geojson": "/beitraege/export.geojson",
}


def _app(url: str):
    return create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True, "MAP_TILE_URL": ""})


def build(url: str, count: int) -> None:
    from bench.bench_map import build_database

    app = _app(url)
    with app.app_context():
        db.drop_all()
    build_database(app, count)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def streamed(app, path: str) -> tuple[float, float, int, float]:
    """(seconds to the first byte, seconds to the last, bytes, CPU seconds) of one export."""
    client = app.test_client()
    cpu, start = time.process_time(), time.perf_counter()
    response = client.get(path, buffered=False)
    chunks = iter(response.response)
    size = len(next(chunks))
    first = time.perf_counter() - start
    for chunk in chunks:
        size += len(chunk)
    response.close()
    return first, time.perf_counter() - start, size, time.process_time() - cpu


def in_memory(app, kind: str) -> tuple[float, float, int, float]:
    """The baseline: every post and record in a list, the file built whole, then 'sent'."""
    from jobnet import clock
    from jobnet.opendata.formats import RFC4180, csv_cell, feature
    from jobnet.opendata.records import columns, public_record
    from jobnet.posts.queries import PostFilter, published_statement

    cpu, start = time.process_time(), time.perf_counter()
    with app.test_request_context():
        stmt = published_statement(PostFilter(), now=clock.utcnow())
        posts = list(db.session.scalars(stmt).unique())
        if kind == "csv":
            names = [c.name for c in columns()]
            records = [public_record(p) for p in posts]
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\r\n")
            writer.writerow(names)
            writer.writerows([[csv_cell(r.get(n), RFC4180) for n in names] for r in records])
            body = buffer.getvalue().encode()
        else:
            body = json.dumps({"type": "FeatureCollection",
                               "features": [feature(p) for p in posts]}).encode()
    total = time.perf_counter() - start
    return total, total, len(body), time.process_time() - cpu


def one_case(url: str, case: str, mode: str) -> None:
    """Child process: warm up on a filter that matches nothing, then time RUNS exports."""
    app = _app(url)
    streamed(app, CASES[case] + "?q=nichtsdavon")  # imports, first query, page templates
    base = _rss_mb()
    runs = [streamed(app, CASES[case]) if mode == "stream" else in_memory(app, case)
            for _ in range(RUNS)]
    print(json.dumps({"first": statistics.median(r[0] for r in runs),
                      "total": statistics.median(r[1] for r in runs), "bytes": runs[0][2],
                      "cpu": statistics.median(r[3] for r in runs),
                      "rss_base": base, "rss_peak": _rss_mb()}))


def measure(url: str, label: str, count: int) -> None:
    print(f"\n== {label}: {count} published posts")
    print(f"{'case':<30}{'first byte':>12}{'whole':>10}{'CPU':>9}{'MB out':>9}{'RSS base':>10}"
          f"{'RSS peak':>10}{'growth':>9}")
    for case in CASES:
        for mode in ("stream", "list"):
            out = subprocess.run([sys.executable, __file__, "--child", url, case, mode],
                                 capture_output=True, text=True, check=True, cwd=ROOT)
            r = json.loads(out.stdout.strip().splitlines()[-1])
            name = f"{case} {'streamed' if mode == 'stream' else 'in memory (baseline)'}"
            print(f"{name:<30}{r['first'] * 1000:>9.0f} ms{r['total']:>8.2f} s{r['cpu']:>7.2f} s"
                  f"{r['bytes'] / 1e6:>9.1f}{r['rss_base']:>7.0f} MB{r['rss_peak']:>7.0f} MB"
                  f"{r['rss_peak'] - r['rss_base']:>6.0f} MB")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        one_case(*sys.argv[2:5])
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("posts", nargs="?", type=int, default=10_000)
    parser.add_argument("--postgres", help="URL of a scratch PostgreSQL database (emptied!)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        targets = [(f"sqlite:///{folder}/bench.sqlite3", "SQLite")]
        if args.postgres:
            targets.append((args.postgres, "PostgreSQL"))
        for url, label in targets:
            build(url, args.posts)
            measure(url, label, args.posts)
    print("\nGoals: first byte <= 200 ms, whole <= 2 s, memory flat (growth independent of "
          "the post count: compare with `python bench/bench_export.py 2500`).")


if __name__ == "__main__":
    main()
