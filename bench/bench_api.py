"""Figures for the posts API with 10,000 published posts: a page of 100 by cursor.

Run: python bench/bench_api.py [posts] [--postgres URL] (its tables are dropped). Times (median of RUNS, in-process
test client, SQLite in a temporary file unless --postgres names an empty database) for
/api/v1/posts?limit=100 on its first page and deep in the list (page 90, reached through the
cursors), the same as GeoJSON and as OGC API items (which also count all matches), and as the
baseline the list's own offset query for page 90 (queries.published_posts). Keyset pages should
cost the same wherever they are; an offset page grows with its depth. Not a test.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_map import build_database
from sqlalchemy import text

from jobnet import create_app
from jobnet.clock import utcnow
from jobnet.extensions import db
from jobnet.posts.queries import PostFilter, published_posts

RUNS = 15
DEEP_PAGE = 90


def median_ms(action) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def get_ok(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response


def main() -> None:
    count = int(next((a for a in sys.argv[1:] if a.isdigit()), 10_000))
    url = sys.argv[sys.argv.index("--postgres") + 1] if "--postgres" in sys.argv else None
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"TESTING": True, "SECRET_KEY": "bench",
                          "SQLALCHEMY_DATABASE_URI": url or f"sqlite:///{tmp}/bench.sqlite3",
                          "MAIL_TRANSPORT": "memory", "MAP_TILE_URL": ""})
        with app.app_context():
            db.drop_all()  # a PostgreSQL database may hold an earlier run's tables
        build_database(app, count)
        if url:
            with app.app_context(), db.engine.connect() as connection:
                # Statistics as a live database has them; right after the bulk insert the
                # planner has none until autovacuum comes by.
                connection.execute(text("ANALYZE"))
                connection.commit()
        client = app.test_client()
        deep = "/api/v1/posts?limit=100"
        for _ in range(DEEP_PAGE - 1):
            deep = get_ok(client, deep).get_json()["next"].replace("http://localhost", "")
        first = get_ok(client, "/api/v1/posts?limit=100")
        rows = {
            "JSON, first page": median_ms(lambda: get_ok(client, "/api/v1/posts?limit=100")),
            f"JSON, page {DEEP_PAGE} by cursor": median_ms(lambda: get_ok(client, deep)),
            "GeoJSON, first page": median_ms(
                lambda: get_ok(client, "/api/v1/posts.geojson?limit=100")),
            "OGC items, first page (+ count)": median_ms(
                lambda: get_ok(client, "/api/v1/ogc/collections/posts/items?limit=100")),
        }
        with app.app_context():
            rows[f"baseline: list query, page {DEEP_PAGE} by offset"] = median_ms(
                lambda: published_posts(PostFilter(), now=utcnow(), page=DEEP_PAGE,
                                        per_page=100).items)
        print(f"{count} published posts, {'PostgreSQL' if url else 'SQLite'}, "
              f"median of {RUNS}; one page of 100 is {len(first.get_data()) // 1024} kB")
        for name, ms in rows.items():
            print(f"  {name:<40} {ms:8.1f} ms")
        with app.app_context():
            db.drop_all()
        print(f"  ratio page {DEEP_PAGE} / first page (keyset): "
              f"{rows[f'JSON, page {DEEP_PAGE} by cursor'] / rows['JSON, first page']:.2f}")


if __name__ == "__main__":
    main()
