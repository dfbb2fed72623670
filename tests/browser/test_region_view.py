"""The map's view follows the region (issue 15), in Debian's Chromium at a usual window size:
the home map shows the whole region's box, Germany's Alpine edge and Sylt included, and the pin
picker of the post form opens on the region."""

from __future__ import annotations

import pytest

from jobnet.accounts.models import Role
from jobnet.geo.regiondata import region_profile
from jobnet.geo.settings import EXTENSION_KEY, GeoSettings
from tests.browser.map_helpers import loopback_tiles, wait_ready  # noqa: F401
from tests.browser.test_foundation_journey import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("loopback_tiles")]
WINDOW = {"width": 1280, "height": 800}
SHOWN = "() => { const b = jobnetMap.map.getBounds(); return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth(), jobnetMap.map.getZoom(), jobnetMap.map.getMinZoom()]; }"


@pytest.fixture(params=["hessen", "deutschland"])
def region(request, app):
    """The app serves the region for the test's length ("deutschland" needs the national build)."""
    if request.param == "deutschland":
        request.getfixturevalue("national_region")
    previous = app.extensions.get(EXTENSION_KEY)
    app.extensions[EXTENSION_KEY] = GeoSettings(region=request.param)
    yield request.param
    app.extensions[EXTENSION_KEY] = previous


def holds(shown, box) -> bool:
    west, south, east, north = box
    return shown[0] <= west and shown[1] <= south and shown[2] >= east and shown[3] >= north


def test_home_map_shows_the_whole_region_and_zooms_out_no_further_than_needed(page, region):
    page.set_viewport_size(WINDOW)
    page.goto(f"/?region={region}")  # its own page-cache entry
    wait_ready(page)
    shown = page.evaluate(SHOWN)
    box = region_profile(region).bounds
    assert holds(shown, box), (region, shown, box)
    # Germany's box: 47.27° N (the Alps) to 55.06° N (Sylt); minZoom 6 cut both off.
    if region == "deutschland":
        assert shown[1] < 47.28 and shown[3] > 55.05 and shown[5] < 6
    # Fitted, not lost in the distance: the region fills most of the map's height or width.
    width, height = (box[2] - box[0]) / (shown[2] - shown[0]), (box[3] - box[1]) / (shown[3] - shown[1])
    assert max(width, height) > 0.6, (width, height)
    # Somewhat further out is possible, then the limit: the region stays in view.
    page.evaluate("() => jobnetMap.map.setZoom(0, {animate: false})")
    assert page.evaluate("() => jobnetMap.map.getZoom()") == shown[5] > shown[4] - 2


def test_pin_picker_opens_on_the_region(page, region, make_user):
    sign_in(page, make_user(Role.COORDINATOR).email)
    page.set_viewport_size(WINDOW)
    page.goto("/beitraege/neu/settlement")
    page.wait_for_function("() => window.jobnetPinPicker !== undefined")
    shown = page.evaluate("() => { const b = jobnetPinPicker.map.getBounds(); "
                          "return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; }")
    # It used to open at zoom 7 on Hesse whatever the region, which cut Germany off.
    assert holds(shown, region_profile(region).bounds), (region, shown)
