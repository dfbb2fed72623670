"""The list of places to choose from (issue 15, point 4): typing narrows it, Enter takes the first
place still shown, and the choice is what the form saves."""

from __future__ import annotations

import pytest

from jobnet.accounts.models import Role
from tests.browser.test_foundation_journey import sign_in

pytestmark = pytest.mark.browser


def test_typing_narrows_the_candidates_and_enter_chooses(page, db, make_user):
    sign_in(page, make_user(Role.COORDINATOR).email)
    page.goto("/beitraege/neu/project")
    page.fill("input[name=place]", "Reichelsheim")
    page.get_by_role("button", name="Ort prüfen").click()
    page.wait_for_load_state()

    options = page.locator(".place-choice label.check")
    assert options.count() == 2
    box = page.get_by_label("Liste der Orte eingrenzen")
    assert page.locator("#place-choice-count").text_content() == "2 von 2 Orten"

    box.press_sequentially("wetter", delay=20)
    page.wait_for_function(
        "() => document.getElementById('place-choice-count').textContent === '1 von 2 Orten'")
    visible = [label.text_content().strip() for label in options.all() if label.is_visible()]
    assert visible == ["Reichelsheim (Wetterau) – Wetteraukreis"]

    box.press("Enter")  # takes the one shown, does not submit the half-filled form
    assert page.url.endswith("/beitraege/neu/project")
    checked = page.locator("input[name=place_choice]:checked")
    assert checked.count() == 1 and checked.evaluate("e => e === document.activeElement")
    assert checked.get_attribute("value").startswith("50.3")  # Reichelsheim (Wetterau), 50.36 N

    box.fill("")
    box.dispatch_event("input")
    page.wait_for_function(
        "() => document.getElementById('place-choice-count').textContent === '2 von 2 Orten'")
