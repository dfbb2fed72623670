"""The legal pages and the subscription form's district picker in Chromium: axe-core finds no
violation at all (also with the feedback form's errors showing), and the footer's links are
reached from the keyboard."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from jobnet.legal.settings import LegalSettings

pytestmark = pytest.mark.browser


def violations(page) -> list[str]:
    results = Axe().run(page)
    assert results.response["passes"], "axe ran no rules"
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
            for v in results.response["violations"]]


@pytest.fixture()
def feedback_address(app, monkeypatch):
    monkeypatch.setitem(app.extensions, "jobnet_legal", LegalSettings.from_config(
        {**app.config, "ACCESSIBILITY_FEEDBACK_TO": "barrierefreiheit@kreis.example"}))


def test_legal_pages_and_the_picker_pass_axe(page, feedback_address):
    for path in ("/impressum", "/datenschutz", "/barrierefreiheit", "/wochenuebersicht/"):
        page.goto(path)
        assert violations(page) == [], path
    page.goto("/barrierefreiheit")
    page.get_by_role("button", name="Rückmeldung senden").click()  # empty: errors at the fields
    page.wait_for_load_state()
    assert page.get_by_role("alert").filter(has_text="Bitte füllen Sie dieses Feld aus.").count() == 1
    assert violations(page) == []


def test_the_footer_links_are_reached_with_the_keyboard(page):
    page.goto("/beitraege/")
    footer = page.get_by_role("navigation", name="Rechtliches")
    assert [link.inner_text() for link in footer.get_by_role("link").all()] == [
        "Impressum", "Datenschutz", "Barrierefreiheit"]
    footer.get_by_role("link", name="Barrierefreiheit").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/barrierefreiheit")
    assert page.get_by_role("heading", level=1).inner_text() == "Erklärung zur Barrierefreiheit"
