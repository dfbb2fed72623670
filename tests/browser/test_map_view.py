"""The map on a phone and its view in the URL, in Debian's Chromium: a popup fits a 390x844
screen, the attribution leaves the scale bar free, and zoom, centre, layers and colouring survive
a shared link and the way back from a post, while nonsense in the URL is ignored."""

from __future__ import annotations

import re

import pytest

from tests.browser.map_helpers import (  # noqa: F401
    load_demo_posts,
    loopback_tiles,
    open_map,
    wait_ready,
)
from tests.browser.test_csp import csp_page, violations  # noqa: F401
from tests.browser.test_map_keyboard import overlaps

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("loopback_tiles")]
PHONE = {"width": 390, "height": 844}
KINDS = ("settlement", "programme", "project", "fair")


def box(page, selector: str) -> dict:
    return page.locator(selector).first.evaluate("e => e.getBoundingClientRect().toJSON()")


def inside(inner: dict, outer: dict) -> bool:
    return (inner["left"] >= outer["left"] - 0.5 and inner["right"] <= outer["right"] + 0.5
            and inner["top"] >= outer["top"] - 0.5 and inner["bottom"] <= outer["bottom"] + 0.5)


def test_popup_fits_a_phone_and_its_close_button_works(csp_page, db, tmp_path):  # noqa: F811
    page = csp_page
    load_demo_posts(db, tmp_path)
    page.set_viewport_size(PHONE)
    open_map(page)
    screen = {"left": 0, "top": 0, "right": PHONE["width"], "bottom": PHONE["height"]}
    for kind in KINDS:  # every kind's first post, clicked like a person
        post_id = page.evaluate(f"jobnetMap.ids('{kind}')[0]")
        page.evaluate(f"jobnetMap.reveal({post_id})")
        page.locator(f'.map-marker[data-post-id="{post_id}"]').click()
        popup = page.locator(".leaflet-popup")
        popup.get_by_role("link", name="Zum Beitrag").wait_for()
        page.wait_for_function("() => !jobnetMap.map._panAnim || !jobnetMap.map._panAnim._inProgress")
        shown = box(page, ".leaflet-popup")
        frame = box(page, "#map-root")
        assert inside(shown, screen) and inside(shown, frame), (kind, shown, frame)
        # Neither the zoom buttons nor the scale bar lie on it.
        assert not overlaps(shown, box(page, ".leaflet-control-zoom")), kind
        assert not overlaps(shown, box(page, ".leaflet-control-scale")), kind
        close = page.get_by_role("button", name="Schließen")
        assert inside(box(page, ".leaflet-popup-close-button"), screen)
        close.click()  # Playwright clicks only what is on top at that spot
        page.locator(".leaflet-popup").wait_for(state="detached")
    assert violations(page) == []


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}])
def test_attribution_leaves_the_scale_bar_free(page, db, viewport):
    page.set_viewport_size(viewport)
    open_map(page)
    attribution, scale = box(page, ".leaflet-control-attribution"), box(page, ".leaflet-control-scale")
    assert not overlaps(attribution, scale)
    assert inside(scale, box(page, "#map-root"))
    assert "GeoBasis-DE / BKG 2017" in page.locator(".leaflet-control-attribution").inner_text()


def view_of(page) -> dict:
    return page.evaluate("""() => { const m = jobnetMap.map, c = m.getCenter();
        return {zoom: m.getZoom(), lat: +c.lat.toFixed(4), lon: +c.lng.toFixed(4),
                layers: ['settlement', 'programme', 'project', 'fair'].filter(k => jobnetMap.visible(k)),
                colour: document.querySelector('input[name=choropleth]:checked').value}; }""")


def test_view_comes_back_from_a_shared_link_and_from_a_post(csp_page, db, tmp_path, chromium,  # noqa: F811
                                                            live_server):
    page = csp_page
    load_demo_posts(db, tmp_path)
    open_map(page, "/?zoom=9&lat=50.3&lon=8.9&layers=project,fair&colour=jobs")
    assert view_of(page) == {"zoom": 9, "lat": 50.3, "lon": 8.9, "layers": ["project", "fair"],
                             "colour": "jobs"}
    assert page.locator(".map-marker.kind-settlement, .map-cluster.has-settlement").count() == 0
    assert page.get_by_role("checkbox", name=re.compile("Firmenansiedlungen")).is_checked() is False
    assert "Angekündigte Arbeitsplätze" in page.locator("#choropleth-legend").inner_text()

    # Zoom in, a layer on, another colouring: each step is in the URL at once, next to a filter.
    page.get_by_role("button", name="Vergrößern").click()
    page.wait_for_url(re.compile(r"zoom=10&"))
    page.get_by_role("checkbox", name=re.compile("Berufsbilder")).check()
    page.get_by_role("radio", name="Beiträge", exact=True).check()
    page.select_option("select[name=target_group]", "youth_u25")
    page.locator("#map-filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"\?target_group=youth_u25&zoom=10&lat=50\.3&lon=8\.9&"
                                 r"layers=programme,project,fair&colour=posts$"))
    wait_ready(page)
    before = view_of(page)
    assert before["zoom"] == 10 and before["layers"] == ["programme", "project", "fair"]

    # A shared link: another browser opens the same view.
    other = chromium.new_context(base_url=live_server, locale="de-DE",
                                 viewport={"width": 1280, "height": 900})
    friend = other.new_page()
    open_map(friend, page.url)
    assert view_of(friend) == before
    assert friend.locator("select[name=target_group]").input_value() == "youth_u25"
    other.close()

    # A post opened from the popup at once, then back: the view as it was when the post was
    # opened (the popup panned the map a moment before), the filter and the list.
    post_id = page.evaluate("jobnetMap.ids('project')[0]")
    page.evaluate(f"jobnetMap.openPopup({post_id})")  # resolves once the map stands still
    leaving = view_of(page)
    page.locator(".leaflet-popup").get_by_role("link", name="Zum Beitrag").click()
    page.wait_for_url(f"**/beitraege/{post_id}")
    page.go_back()
    wait_ready(page)
    assert view_of(page) == leaving
    assert page.locator("select[name=target_group]").input_value() == "youth_u25"
    assert violations(page) == []


@pytest.mark.parametrize("query", [
    "zoom=abc&lat=50&lon=9", "zoom=99&lat=50.5&lon=9", "zoom=0x9&lat=50.5&lon=9",
    "zoom=9&lat=1e2&lon=9", "zoom=9&lat=50.5", "zoom=9&lat=-&lon=Infinity",
    "layers=%3Cscript%3E&colour=red", "layers=,,&colour=", "colour=__proto__&zoom=",
])
def test_nonsense_in_the_url_is_ignored(page, db, query):
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    open_map(page, "/")
    home = view_of(page)
    open_map(page, f"/?{query}")
    assert errors == []
    shown = view_of(page)
    # Only the valid part counts: "layers=,," is no layer at all, nothing else is taken.
    expected_layers = [] if query.startswith("layers=,,") else list(KINDS)
    assert shown == {**home, "layers": expected_layers}
