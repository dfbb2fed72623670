"""A page on another origin reads the API in Chromium (CORS), and nothing else of JobNet."""

from __future__ import annotations

import threading

import pytest
from werkzeug.serving import make_server
from werkzeug.wrappers import Response

from jobnet.posts.models import Kind
from tests.map.conftest import make_post  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser
# What the other site's script sees: the body's item count, or the error the browser raised.
READ = """async (url) => {
  try { const answer = await fetch(url, {headers: {"Accept-Language": "de"}});
        const body = await answer.json(); return body.features ? body.features.length
                                                                : body.items.length; }
  catch (error) { return error.name; }
}"""
WRITE = """async ([url, method]) => {
  try { return (await fetch(url, {method, body: "{}"})).status; }
  catch (error) { return error.name; }
}"""
READ_PAGE = """async (url) => {
  try { await (await fetch(url)).text(); return "read"; } catch (error) { return error.name; }
}"""


@pytest.fixture()
def other_site():
    """A job centre's page on another origin (another port of this machine)."""
    page = Response("<!doctype html><title>Jobcenter</title>", mimetype="text/html")
    server = make_server("127.0.0.1", 0, page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


def test_another_site_reads_the_api_but_not_the_pages(page, live_server, other_site,
                                                      make_post):  # noqa: F811
    make_post(Kind.FAIR)
    make_post(Kind.SETTLEMENT)
    page.goto(other_site)
    assert page.evaluate(READ, f"{live_server}/api/v1/posts") == 2
    assert page.evaluate(READ, f"{live_server}/api/v1/ogc/collections/posts/items") == 2
    # No CORS outside /api/. DELETE and PUT need a preflight, which allows GET and HEAD only;
    # POST never does (a CORS-safelisted method): it reaches the API and gets its 405.
    assert page.evaluate(READ_PAGE, f"{live_server}/beitraege/") == "TypeError"
    api = f"{live_server}/api/v1/posts"
    assert page.evaluate(WRITE, [api, "DELETE"]) == "TypeError"
    assert page.evaluate(WRITE, [api, "PUT"]) == "TypeError"
    assert page.evaluate(WRITE, [api, "POST"]) == 405
