"""The district checkboxes in Chromium: "Nachbarkreise dazunehmen" ticks the neighbours in the
page under the CSP (no round trip), does the same as a form POST without JavaScript, and Enter in
the address field still subscribes."""

from __future__ import annotations

import pytest

from jobnet.digest.models import PendingSubscription

pytestmark = pytest.mark.browser

MAIN_KINZIG_AND_NEIGHBOURS = ["06412", "06413", "06435", "06438", "06440", "06535", "06631"]
TICKED = """() => Array.from(document.querySelectorAll("input[name=districts]:checked"),
                             (box) => box.value).sort()"""
RECORD_VIOLATIONS = """window.cspViolations = [];
document.addEventListener("securitypolicyviolation",
                          (event) => window.cspViolations.push(event.effectiveDirective), true);"""


def test_the_script_ticks_the_neighbours_in_the_page(page):
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto("/wochenuebersicht/")
    page.get_by_label("Main-Kinzig-Kreis").check()
    page.evaluate("() => { window.stillHere = true; }")  # gone if the page were loaded again

    page.get_by_role("button", name="Nachbarkreise dazunehmen").click()

    page.wait_for_function("() => document.querySelector('#district-status').textContent !== ''")
    assert page.evaluate("() => window.stillHere") is True
    assert page.evaluate(TICKED) == MAIN_KINZIG_AND_NEIGHBOURS
    assert page.locator("#district-status").text_content() == (
        "Dazugenommen: Frankfurt am Main, Kreis Offenbach, Landkreis Fulda, Offenbach am Main, "
        "Vogelsbergkreis, Wetteraukreis.")
    assert page.get_by_role("status").filter(has_text="Dazugenommen").count() == 1
    assert page.evaluate("() => window.cspViolations") == []

    page.get_by_role("button", name="Nachbarkreise dazunehmen").click()  # the neighbours' own
    page.wait_for_function("() => document.querySelectorAll('input[name=districts]:checked')"
                           ".length > 7")


def test_enter_in_the_address_field_subscribes_not_the_helper(page, db):
    page.goto("/wochenuebersicht/")
    page.get_by_label("Main-Kinzig-Kreis").check()
    page.get_by_label("E-Mail-Adresse").fill("leserin@example.org")
    page.get_by_label("E-Mail-Adresse").press("Enter")
    page.wait_for_load_state()
    assert page.get_by_text("Wir haben Ihnen eine E-Mail geschickt").count() == 1
    pending = db.session.query(PendingSubscription).one()
    assert pending.preferences["districts"] == ["06435"]


def test_without_javascript_the_button_sends_the_form(chromium, live_server, db):
    context = chromium.new_context(base_url=live_server, locale="de-DE", java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto("/wochenuebersicht/")
        tab.get_by_label("Main-Kinzig-Kreis").check()
        tab.get_by_label("E-Mail-Adresse").fill("leserin@example.org")
        with tab.expect_navigation():
            tab.get_by_role("button", name="Nachbarkreise dazunehmen").click()
        ticked = sorted(box.get_attribute("value")
                        for box in tab.locator("input[name=districts]:checked").all())
        assert ticked == MAIN_KINZIG_AND_NEIGHBOURS
        assert tab.get_by_label("E-Mail-Adresse").input_value() == "leserin@example.org"
        assert db.session.query(PendingSubscription).count() == 0
    finally:
        context.close()
