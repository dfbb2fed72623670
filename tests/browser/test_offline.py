"""The map needs nothing but JobNet itself (and, if reachable, the configured tile server)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser.map_helpers import load_demo_posts, loopback_tiles, open_map  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("loopback_tiles")]


def test_map_works_with_the_network_cut_off(page, db, tmp_path):
    load_demo_posts(db, tmp_path)
    foreign, tiles = [], []

    def gate(route):
        url = route.request.url
        if urlsplit(url).hostname != "127.0.0.1":
            foreign.append(url)
            route.abort()
        else:
            if "/kacheln/" in url:
                tiles.append(url)
            route.continue_()

    page.route("**/*", gate)
    open_map(page)
    assert foreign == []
    assert tiles, "the configured tile server was asked"  # and answered 404: no tile shown
    assert page.locator(".leaflet-overlay-pane path.leaflet-interactive").count() == 26
    assert sum(page.evaluate("jobnetMap.counts()").values()) > 0
    assert page.locator(".map-marker, .map-cluster").count() > 0
    settlement = page.evaluate("jobnetMap.ids('settlement')[0]")
    page.evaluate(f"jobnetMap.openPopup({settlement})")
    page.locator(".leaflet-popup-content .popup-link").wait_for()
    assert foreign == []
