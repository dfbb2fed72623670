"""Issue 12 as organisers would check it in Chromium: a two-day fair at Frankfurt Airport announced
with two co-organisers, edited by a co-organiser, moved by a week and cancelled, each on its page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from jobnet.accounts.models import Role
from tests.browser.conftest import save_screenshot
from tests.browser.fair_helpers import announce_airport_fair
from tests.browser.test_foundation_journey import sign_in, sign_out

pytestmark = pytest.mark.browser


def test_announce_edit_move_and_cancel_a_two_day_fair(page, make_user, make_organisation):
    chamber = make_organisation("IHK Frankfurt am Main", district_ags="06412")
    make_organisation("Agentur für Arbeit Frankfurt am Main", district_ags="06412")
    organiser = make_user(Role.ORGANISER, organisation=make_organisation("Jobcenter Frankfurt"))
    partner = make_user(Role.ORGANISER, organisation=chamber)
    day = date.today() + timedelta(days=30)

    sign_in(page, organiser.email)

    def accessible_with_exhibitors(form) -> None:
        form.fill("input[name='exhibitors-0-name']", "Fraport (fiktiv)")
        form.fill("input[name='exhibitors-0-sector']", "Luftverkehr")
        form.get_by_label("Stufenloser Zugang").check()
        form.fill("textarea[name=directions]", "S8/S9 bis Flughafen Regionalbahnhof")

    fair_url = announce_airport_fair(page, day, accessible_with_exhibitors)
    main = page.locator("main")
    for text in ("Gemeinsam veranstaltet von", "IHK Frankfurt am Main", "Fraport (fiktiv)",
                 "Stufenloser Zugang", "S8/S9"):
        assert text in main.inner_text(), text
    sign_out(page)

    sign_in(page, partner.email)  # a co-organiser edits it
    page.goto(fair_url + "/bearbeiten")
    page.fill("input[name=venue]", "Terminal 1, Ebene 2")
    page.get_by_role("button", name="Änderungen speichern").click()
    page.wait_for_load_state()
    assert "Terminal 1, Ebene 2" in main.inner_text()

    page.get_by_role("link", name="Verschieben").click()
    new_day = day + timedelta(days=7)
    page.fill("input[name=starts_at]", f"{new_day.isoformat()}T10:00")
    page.fill("input[name=ends_at]", f"{(new_day + timedelta(days=1)).isoformat()}T16:00")
    page.fill("textarea[name=note]", "Halle belegt")
    page.get_by_role("button", name="Jobbörse verschieben").click()
    page.wait_for_load_state()
    state = page.locator(".fair-state")
    assert "Verschoben" in state.inner_text() and "Halle belegt" in state.inner_text()

    page.get_by_role("link", name="Absagen").click()
    page.fill("textarea[name=reason]", "Zu wenige Anmeldungen von Ausstellern")
    page.get_by_role("button", name="Jobbörse absagen").click()
    page.wait_for_load_state()
    assert "Abgesagt" in state.inner_text()
    assert "Zu wenige Anmeldungen von Ausstellern" in state.inner_text()
    assert page.get_by_role("link", name="Bearbeiten").count() == 0
    save_screenshot(page, "fair-cancelled")
    assert page.dialogs == []
