"""A selection above MAP_CLIENT_MARKERS_MAX in Debian's Chromium: the server's clusters are drawn
for the map on screen, hold every post, open with a click or the keyboard down to the posts'
own markers and popups, and follow the layer switches (the demo data with a limit of 5)."""

from __future__ import annotations

import re

import pytest

from tests.browser.map_helpers import (  # noqa: F401
    load_demo_posts,
    loopback_tiles,
    open_map,
    published_counts,
    wait_ready,
)
from tests.browser.test_csp import csp_page, violations  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("loopback_tiles")]
# Posts on the map now: the server's clusters and the markers (alone or in the plugin's clusters).
ON_MAP = """() => jobnetMap.gridClusters().reduce((sum, c) => sum + c.count, 0)
                  + jobnetMap.group.getLayers().length"""


@pytest.fixture()
def large(app, monkeypatch, db, tmp_path):
    load_demo_posts(db, tmp_path)
    monkeypatch.setitem(app.config, "MAP_CLIENT_MARKERS_MAX", 5)
    return published_counts(db)


def data_requests(page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if "/karte/daten.json" in r.url else None)
    return requests


def test_clusters_hold_every_post_and_open_down_to_a_popup(csp_page, large):  # noqa: F811
    page, expected = csp_page, large
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    asked = data_requests(page)
    open_map(page)
    # All of Hesse on screen: every post is in a server cluster or a marker, once.
    assert page.evaluate("jobnetMap.gridClusters().length") > 0
    assert page.evaluate(ON_MAP) == sum(expected.values())
    for kind, count in expected.items():  # the layer list counts the whole selection
        assert page.locator(f'.layer-count[data-kind="{kind}"]').inner_text() == str(count)
    assert re.search(r"zoom=\d+&bbox=[-\d.]+,[-\d.]+,[-\d.]+,[-\d.]+$", asked[-1])

    # A layer switched off leaves the clusters' counts (and their rings) at once.
    page.get_by_role("checkbox", name=re.compile("^Jobbörsen")).uncheck()
    assert page.evaluate(ON_MAP) == sum(expected.values()) - expected["fair"]
    assert page.locator(".map-cluster.has-fair, .map-marker.kind-fair").count() == 0
    page.get_by_role("checkbox", name=re.compile("^Jobbörsen")).check()

    # Clicked like a person, the largest cluster zooms in; the map asks for that part, until
    # the posts' own markers come.
    zoom = page.evaluate("jobnetMap.map.getZoom()")
    for _ in range(6):
        if page.evaluate("jobnetMap.gridClusters().length") == 0:
            break
        before = len(asked)
        biggest = page.locator(".leaflet-marker-pane .map-cluster").evaluate_all(
            "els => els.map(e => +e.textContent).indexOf(Math.max(...els.map(e => +e.textContent)))")
        page.locator(".leaflet-marker-pane .map-cluster").nth(biggest).click()
        page.wait_for_function("z => jobnetMap.map.getZoom() > z", arg=zoom)
        zoom = page.evaluate("jobnetMap.map.getZoom()")
        wait_ready(page)
        assert len(asked) > before  # a new part of the map, a new answer
    post_id = next(iter(page.evaluate(f"jobnetMap.ids('{kind}')") for kind in expected
                        if page.evaluate(f"jobnetMap.ids('{kind}')")))[0]
    page.evaluate(f"jobnetMap.reveal({post_id})")
    page.locator(f'.map-marker[data-post-id="{post_id}"]').click()
    page.locator(".leaflet-popup").get_by_role("link", name="Zum Beitrag").wait_for()
    assert errors == []
    assert violations(page) == []


def test_a_cluster_opens_from_the_keyboard_and_the_focus_stays_on_the_map(page, large):
    open_map(page)
    cluster = page.locator(".leaflet-marker-pane .map-cluster").first
    assert cluster.get_attribute("role") == "button" and "Beiträge" in cluster.get_attribute(
        "aria-label")
    zoom = page.evaluate("jobnetMap.map.getZoom()")
    cluster.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("z => jobnetMap.map.getZoom() > z", arg=zoom)
    wait_ready(page)
    page.wait_for_function("""() => document.activeElement.closest('.leaflet-marker-pane')
        && /map-(marker|cluster)/.test(document.activeElement.className)""")


def test_zoomed_out_past_the_world_s_edge_the_map_asks_once(page, large):
    open_map(page)
    asked = data_requests(page)
    # A box can only cover up to 85° and ±180°: a view beyond must not count as left behind
    # again and again (a request storm).
    page.evaluate("jobnetMap.map.setMinZoom(0); jobnetMap.map.setZoom(1, {animate: false})")
    wait_ready(page)
    page.wait_for_timeout(1500)
    assert len(asked) == 1 and "zoom=1&bbox=-180,-85,180,85" in asked[0]
    assert page.evaluate(ON_MAP) == sum(large.values())
