"""The pin picker in the post form: the geocoder places the pin, a click or drag moves it, and
the district found is shown before saving."""

from __future__ import annotations

import pytest

from jobnet.accounts.models import Role
from jobnet.posts.models import Post
from tests.browser.test_foundation_journey import sign_in

pytestmark = pytest.mark.browser
FULDA = (50.5510, 9.6750)


def click_on_map(page, lat: float, lon: float) -> None:
    point = page.evaluate(
        "([lat, lon]) => window.jobnetPinPicker.map.latLngToContainerPoint([lat, lon])",
        [lat, lon])
    # A real mouse click at that spot (Leaflet's panes lie over the container itself).
    box = page.locator("#pin-map").bounding_box()
    x, y = box["x"] + point["x"], box["y"] + point["y"]
    page.mouse.click(x, y)


def test_pin_follows_the_geocoder_moves_on_click_and_shows_the_district(page, db, make_user):
    author = make_user(Role.COORDINATOR)
    sign_in(page, author.email)
    page.goto("/beitraege/neu/project")
    page.wait_for_function("() => window.jobnetPinPicker !== undefined")
    assert page.evaluate("window.jobnetPinPicker.pin()") is None

    # The geocoder's choice places the pin first.
    page.locator("input[name=place]").press_sequentially("Gelnhausen", delay=20)
    page.locator("#place-suggestions button").first.click()
    page.wait_for_function("() => window.jobnetPinPicker.pin() !== null")
    pin = page.evaluate("window.jobnetPinPicker.pin().getLatLng()")
    assert pin["lat"] == pytest.approx(50.20, abs=0.02) and pin["lng"] == pytest.approx(9.19, abs=0.03)
    page.wait_for_function("() => document.getElementById('place-found').textContent.includes('Main-Kinzig')")

    # A click on the map moves the pin there and shows that district.
    page.locator("#pin-map").scroll_into_view_if_needed()
    # Wait for the pan to the geocoded pin to end before moving the view to Fulda.
    page.wait_for_function("() => !window.jobnetPinPicker.map._animatingZoom")
    page.evaluate("window.jobnetPinPicker.map.setView([50.55, 9.675], 11, {animate: false})")
    page.wait_for_function(
        "() => Math.abs(window.jobnetPinPicker.map.getCenter().lat - 50.55) < 0.01")
    click_on_map(page, *FULDA)
    page.wait_for_function("() => document.getElementById('place-found').textContent.includes('Fulda')")
    assert float(page.input_value("input[name=latitude]").replace(",", ".")) == pytest.approx(FULDA[0], abs=0.01)

    # Saving keeps the picked point and its district.
    page.fill("input[name=title]", "Projekt mit gesetztem Punkt")
    page.fill("textarea[name=summary]", "Ein Projekt, dessen Punkt auf der Karte gesetzt wurde.")
    page.check("input[name=target_groups][value=over_50]")
    page.get_by_role("button", name="Veröffentlichen").click()
    page.wait_for_load_state()
    post = db.session.scalars(db.select(Post)).one()
    assert post.district_ags == "06631"
    assert page.dialogs == []
