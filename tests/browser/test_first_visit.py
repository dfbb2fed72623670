"""A first visit on a laptop screen: a sentence says what JobNet is, the legend is in sight
without scrolling, and tiles that cannot load are reported instead of a silent grey map."""

from __future__ import annotations

import pytest

from tests.browser.map_helpers import load_demo_posts, loopback_tiles, open_map  # noqa: F401

pytestmark = [pytest.mark.browser]
LAPTOP = {"width": 1366, "height": 768}


@pytest.mark.usefixtures("loopback_tiles")  # tiles from the app itself, where every one is a 404
def test_a_first_visit_says_what_this_is_and_shows_the_legend(page, db, tmp_path):
    load_demo_posts(db, tmp_path)
    page.set_viewport_size(LAPTOP)
    open_map(page)
    assert "kommunalen Jobcenter in Hessen" in page.locator("p.intro").inner_text()
    legend = page.get_by_role("group", name="Ebenen und Legende")
    assert legend.is_visible()
    box = legend.bounding_box()
    assert box["y"] + box["height"] <= LAPTOP["height"], box  # in sight without scrolling
    assert page.evaluate("() => window.scrollY") == 0
    notice = page.locator("#map-tiles-notice")
    notice.wait_for(state="visible")
    assert "Hintergrundkarte" in notice.inner_text()


def test_no_tile_notice_without_a_tile_layer(page, db, tmp_path):
    load_demo_posts(db, tmp_path)
    open_map(page)  # the tests' MAP_TILE_URL is empty: no tiles asked, none failed
    assert page.locator("#map-tiles-notice").is_hidden()
