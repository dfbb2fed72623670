"""Bytes on the wire for the home page and the scripts and styles it loads, on a first visit and
on a repeat visit (what the browser may take from its cache without asking, what it must
revalidate). Figures for docs/architecture.md, "Static files".

Run: python bench/bench_static.py (any checkout: run it from an old one for the before figures).
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jobnet import create_app
from jobnet.clock import utcnow
from jobnet.demo.loader import load_demo
from jobnet.extensions import db

GZIP = {"Accept-Encoding": "gzip, deflate, br"}
ASSET_RE = re.compile(r'<(?:script[^>]*\ssrc|link rel="stylesheet" href)="([^"]+)"')
IMPORT_RE = re.compile(r'\bfrom\s+"(\.[^"]+)"|\bimport\s+"(\.[^"]+)"')


def page_assets(client, html: str) -> list[str]:
    """Scripts and stylesheets of the page, and the modules they import, in load order."""
    found, queue = [], [urljoin("/", url) for url in ASSET_RE.findall(html)]
    while queue:
        url = queue.pop(0)
        if url in found:
            continue
        found.append(url)
        if urlsplit(url).path.endswith(".js"):
            source = client.get(url).get_data(as_text=True)
            queue += [urljoin(url, a or b) for a, b in IMPORT_RE.findall(source)]
    return found


def fresh_for(cache_control: str) -> bool:
    """Whether a browser may reuse the response without asking the server again."""
    match = re.search(r"max-age=(\d+)", cache_control)
    return bool(match) and int(match.group(1)) > 0 and "no-cache" not in cache_control


def measure(client) -> None:
    html = client.get("/").get_data(as_text=True)
    print(f"{'asset':62} {'identity':>8} {'on wire':>8}  {'enc':5} cache-control / repeat visit")
    totals = {"identity": 0, "wire": 0, "requests": 0, "revalidated": 0, "repeat_bytes": 0}
    for url in ["/", *page_assets(client, html)]:
        plain, sent = client.get(url), client.get(url, headers=GZIP)
        assert plain.status_code == sent.status_code == 200, url
        cache = sent.headers.get("Cache-Control", "-")
        if url == "/":
            repeat = "the page itself"
        elif fresh_for(cache):
            repeat = "from cache, no request"
        else:
            etag = sent.headers.get("ETag")
            again = client.get(url, headers={**GZIP, **({"If-None-Match": etag} if etag else {})})
            totals["revalidated"] += 1
            totals["repeat_bytes"] += len(again.get_data())
            repeat = f"request -> {again.status_code}, {len(again.get_data())} B"
        totals["identity"] += len(plain.get_data())
        totals["wire"] += len(sent.get_data())
        totals["requests"] += 1
        print(f"{url[:62]:62} {len(plain.get_data()):8d} {len(sent.get_data()):8d}  "
              f"{sent.headers.get('Content-Encoding', '-'):5} {cache} / {repeat}")
    print(f"first visit: {totals['requests']} requests, {totals['identity']} bytes uncompressed, "
          f"{totals['wire']} bytes of bodies on the wire")
    print(f"repeat visit: {totals['revalidated']} of {totals['requests'] - 1} assets revalidated, "
          f"{totals['repeat_bytes']} bytes")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite3",
                          "SECRET_KEY": "bench", "MAIL_TRANSPORT": "memory", "MAP_TILE_URL": ""})
        with app.app_context():
            db.create_all()
            load_demo(now=utcnow(), instance_path=folder)
        measure(app.test_client())


if __name__ == "__main__":
    main()
