"""The embed snippet in a page on another origin (another host name and port): the filtered map
shows exactly the filter's markers, with no CSP violation; JobNet's other pages refuse the frame."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import or_, select

from jobnet.clock import local_today, utcnow
from jobnet.posts.models import JobFair, Post, Status
from tests.browser.map_helpers import load_demo_posts, loopback_tiles  # noqa: F401
from tests.browser.test_csp import csp_page, violations  # noqa: F401

pytestmark = pytest.mark.browser
DISTRICT = "06435"  # Main-Kinzig-Kreis: the demo network's busiest district


@pytest.fixture()
def foreign_site():
    """A job centre's site: serves whatever HTML the test puts in `pages` at http://localhost."""
    pages: dict[str, str] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            body = pages.get(self.path, "").encode()
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://localhost:{server.server_port}", pages
    server.shutdown()


@pytest.fixture()
def embedding_allowed(app, foreign_site):
    previous = app.config["EMBED_FRAME_ANCESTORS"]
    app.config["EMBED_FRAME_ANCESTORS"] = [foreign_site[0]]
    yield
    app.config["EMBED_FRAME_ANCESTORS"] = previous


def expected_ids(db, district: str) -> set[int]:
    """Current published posts of the district with a point, straight from the database."""
    now, fairs = utcnow(), JobFair.__table__
    rows = db.session.execute(select(Post.id, fairs.c.ends_at).outerjoin(
        fairs, fairs.c.id == Post.id).where(
        Post.status == Status.PUBLISHED, Post.latitude.is_not(None), Post.district_ags == district,
        or_(Post.valid_until.is_(None), Post.valid_until >= local_today(now))))
    return {post_id for post_id, ends_at in rows if ends_at is None or ends_at >= now}


def test_snippet_on_another_origin_shows_the_filtered_map(
        csp_page, db, tmp_path, live_server, foreign_site, embedding_allowed, loopback_tiles):
    load_demo_posts(db, tmp_path)
    wanted = expected_ids(db, DISTRICT)
    assert 0 < len(wanted) < db.session.scalar(select(Post.id).order_by(Post.id.desc()).limit(1))
    # The job centre takes the snippet from the builder page, as a person would copy it.
    csp_page.goto(f"/einbetten?district={DISTRICT}&width=700&height=500")
    snippet = csp_page.locator("#embed-code").input_value()
    assert f"district={DISTRICT}" in snippet and 'title="' in snippet
    assert violations(csp_page) == []

    site, pages = foreign_site
    pages["/jobcenter.html"] = (f"<!doctype html><html lang=de><title>Jobcenter</title>"
                                f"<h1>Unsere Karte</h1>{snippet}</html>")
    csp_page.goto(f"{site}/jobcenter.html")
    frame = csp_page.frame_locator("iframe")
    frame.locator("#map-root[data-ready='1']").wait_for()
    inner = next(f for f in csp_page.frames if f.url.startswith(live_server))
    shown = set(inner.evaluate(
        "() => ['settlement', 'programme', 'project', 'fair'].flatMap(k => window.jobnetMap.ids(k))"))
    assert shown == wanted
    assert frame.get_by_role("link", name="In JobNet öffnen").get_attribute("href").endswith(
        f"/?district={DISTRICT}")
    assert "GeoBasis-DE" in frame.locator("#map-attribution").inner_text()
    assert inner.evaluate("window.cspViolations") == []
    assert [m for m in csp_page.console_csp if "frame-ancestors" in m] == []


def test_other_pages_refuse_the_frame(csp_page, live_server, foreign_site, embedding_allowed):
    site, pages = foreign_site
    pages["/fremd.html"] = (f"<!doctype html><html lang=de><title>Fremd</title>"
                            f'<iframe src="{live_server}/" title="JobNet"></iframe></html>')
    with csp_page.expect_console_message(
            lambda m: "frame-ancestors" in m.text or "Refused to display" in m.text):
        csp_page.goto(f"{site}/fremd.html")
    assert not any(f.url.startswith(live_server) and f.url != "about:blank"
                   and f.evaluate("() => !!document.getElementById('map-root')")
                   for f in csp_page.frames[1:] if not f.is_detached())
