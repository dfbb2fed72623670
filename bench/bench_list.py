"""Figures for the post list with 100,000 published posts: word search and count, today's code
beside the code before the full-text index (issue 15), in the same run on the same data.

Run: python bench/bench_list.py [posts] [database URL]. Without a URL it uses a new SQLite file;
a PostgreSQL URL must name a scratch database (its tables are dropped and created again).
Target (issue 15): a list with a word search <= 50 ms at 100k posts.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_map import build_database
from sqlalchemy import func, select

from jobnet import create_app
from jobnet.clock import utcnow
from jobnet.extensions import db
from jobnet.posts.queries import (
    PostFilter,
    count_published,
    published_posts,
    published_statement,
)
from jobnet.posts.search import search_key

RUNS = 15
QUERIES = {"no search": "", "one word (2 %)": "logistik", "two words": "pflege beitrag",
           "rare word": "beitrag 4711", "no match": "unbekanntwort"}


def before_list(post_filter: PostFilter, now, per_page: int = 20):
    """The list as it was before issue 15: LIKE '%word%' per word on the folded text, and the
    pagination's COUNT(*) over a subquery of the four kinds' joined tables."""
    stmt = published_statement(replace(post_filter, q=""), now=now)
    poly = stmt.column_descriptions[0]["entity"]
    words = search_key(post_filter.q).split()[:10]
    stmt = stmt.where(*[poly.search_text.contains(word, autoescape=True) for word in words])
    return db.paginate(stmt, page=1, per_page=per_page, error_out=False, max_per_page=100)


def before_count(post_filter: PostFilter, now) -> int:
    sub = published_statement(post_filter, now=now).order_by(None).subquery()
    return db.session.execute(select(func.count()).select_from(sub)).scalar_one()


def median_ms(function, runs: int = RUNS, *, in_app: bool = True) -> float:
    function()  # warm up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
        if in_app:
            db.session.rollback()
    return statistics.median(times) * 1000


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as folder:
        url = sys.argv[2] if len(sys.argv) > 2 else f"sqlite:///{folder}/bench.sqlite3"
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench",
                          "MAIL_TRANSPORT": "memory", "MAP_TILE_URL": "", "PAGE_CACHE": False})
        with app.app_context():
            db.drop_all()
        start = time.perf_counter()
        build_database(app, count)
        print(f"{url.partition(':')[0]}: {count} published "
              f"posts inserted in {time.perf_counter() - start:.1f} s")
        client = app.test_client()
        with app.app_context():
            if db.engine.dialect.name == "postgresql":
                with db.engine.connect() as connection:
                    connection.exec_driver_sql("ANALYZE")
                    connection.commit()
            now = utcnow()
            print(f"{'list page 1 (items + count)':34} {'before':>9} {'now':>9}   found")
            for name, query in QUERIES.items():
                post_filter = PostFilter(q=query)
                old = before_list(post_filter, now)
                new = published_posts(post_filter, now=now)
                # Words match word beginnings now, anywhere before ("pflege" was also in
                # "Altenpflege"): the totals may differ with words, never without.
                assert [p.id for p in old.items] == [p.id for p in new.items] or query, name
                before = median_ms(lambda f=post_filter: before_list(f, now))
                after = median_ms(lambda f=post_filter: published_posts(f, now=now))
                print(f"  {name:32} {before:7.1f} ms {after:7.1f} ms   {new.total} "
                      f"(before {old.total})")
            every = PostFilter()
            print(f"  {'count alone, no filter':32} {median_ms(lambda: before_count(every, now)):7.1f}"
                  f" ms {median_ms(lambda: count_published(every, now=now)):7.1f} ms")
        for query in ("", "logistik"):
            path = "/beitraege/" + (f"?q={query}" if query else "")
            client.get(path)
            print(f"GET {path} (server, no page cache): "
                  f"{median_ms(lambda p=path: client.get(p), in_app=False):.1f} ms")


if __name__ == "__main__":
    main()
