"""District outlines per zoom in Debian's Chromium: zoomed out the map draws the coarse outlines
(a fraction of the download), zoomed in the detailed ones, and the district filtered to stays
outlined across the swap."""

from __future__ import annotations

import pytest

from tests.browser.map_helpers import loopback_tiles, open_map  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("loopback_tiles")]

# The districts on the map: how many, their vertices in all, how many carry the chosen border.
DRAWN = """() => {
  const drawn = {count: 0, points: 0, thick: 0};
  jobnetMap.map.eachLayer(layer => {
    if (!layer.feature || layer.feature.properties.kind === 'outline') return;
    drawn.count += 1;
    drawn.points += layer.getLatLngs().flat(Infinity).length;
    if (layer.options.weight === 4) drawn.thick += 1;
  });
  return drawn;
}"""


def zoom_to(page, zoom: int) -> None:
    page.evaluate(f"jobnetMap.map.setZoom({zoom}, {{animate: false}})")
    page.wait_for_function(f"() => jobnetMap.map.getZoom() === {zoom}")


def test_the_map_swaps_coarse_and_detailed_outlines_with_the_zoom(page, db):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    open_map(page)
    page.evaluate("jobnetMap.selectDistrict('06435')")
    page.wait_for_function("() => jobnetMap.selectedDistrict() === '06435'")
    zoom_to(page, 6)
    page.wait_for_function(f"() => ({DRAWN})().count === 26")
    coarse = page.evaluate(DRAWN)
    assert coarse["thick"] == 1  # the chosen district stays outlined
    assert any("/api/v1/districts?zoom=7" in url for url in requested)

    zoom_to(page, 9)
    page.wait_for_function(f"() => ({DRAWN})().points > {coarse['points'] * 3}")
    detailed = page.evaluate(DRAWN)
    assert detailed["count"] == 26 and detailed["thick"] == 1

    zoom_to(page, 7)
    page.wait_for_function(f"() => ({DRAWN})().points === {coarse['points']}")
    assert page.evaluate(DRAWN)["thick"] == 1
