"""Issue 2 as a new user would check it, in Debian's Chromium: invite, post, edit, archive,
filter, permissions, moderation and the change history."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from jobnet.accounts.models import OrganisationKind, Role
from tests.browser.conftest import save_screenshot
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser
NEW_PASSWORD = "Gelnhausen-Kinzig-2026"


def sign_in(page, email: str, password: str = TEST_PASSWORD) -> None:
    page.goto("/konto/anmelden")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def sign_out(page) -> None:
    page.get_by_role("button", name="Abmelden").click()
    page.wait_for_load_state()


def fill_common(page, title: str, place: str = "Gelnhausen") -> None:
    page.fill("input[name=title]", title)
    page.fill("textarea[name=summary]", f"Kurzbeschreibung für {title}, lesbar in zwei Zeilen.")
    page.fill("textarea[name=body]", "Mehr dazu:\n\n- erster Punkt\n- zweiter Punkt")
    # The place field suggests places while typing; choosing one shows the district found.
    page.locator("input[name=place]").press_sequentially(place, delay=20)
    page.locator("#place-suggestions button").first.click()
    page.wait_for_function(
        "() => document.getElementById('place-found').textContent.includes('Main-Kinzig-Kreis')")
    assert "Gelnhausen" in page.locator("#place-found").inner_text()


def create_post(page, kind: str, title: str, extra) -> int:
    page.goto(f"/beitraege/neu/{kind}")
    fill_common(page, title)
    extra(page)
    page.get_by_role("button", name="Veröffentlichen").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == title, page.content()[:2000]
    return int(re.search(r"/beitraege/(\d+)", page.url).group(1))


def settlement_fields(page):
    page.fill("input[name=company]", "Kinzigtal Logistik GmbH (fiktiv)")
    page.fill("input[name=sector]", "Logistik")
    page.fill("input[name=jobs_expected]", "250")


def programme_fields(page):
    page.fill("input[name=programme_name]", "Fachkraft für Wasserstofftechnik")
    page.select_option("select[name=programme_type]", "new_occupation")


def project_fields(page):
    page.check("input[name=target_groups][value=youth_u25]")
    page.fill("input[name=participants]", "40")
    page.fill("input[name=integrations]", "12")


def fair_fields(page):
    start = date.today() + timedelta(days=30)
    page.fill("input[name=starts_at]", f"{start.isoformat()}T10:00")
    page.fill("input[name=ends_at]", f"{start.isoformat()}T16:00")
    page.fill("input[name=venue]", "Messe Wächtersbach")


def test_invite_post_edit_archive_filter_moderate_and_history(page, app, db, make_organisation,
                                                              make_user, mail_outbox):
    kca = make_organisation("KCA Main-Kinzig-Kreis", "06435")
    offenbach = make_organisation("Jobcenter Kreis Offenbach", "06438")
    ihk = make_organisation("IHK Frankfurt am Main", "06412", kind=OrganisationKind.PARTNER)
    admin = make_user(Role.ADMIN, organisation=kca, email="admin@example.org")
    other_coordinator = make_user(Role.COORDINATOR, organisation=offenbach, email="of@example.org")
    organiser = make_user(Role.ORGANISER, organisation=ihk, email="messen@example.org")
    moderator = make_user(Role.MODERATOR, organisation=offenbach, email="mod@example.org")

    # An admin invites a coordinator of the KCA.
    sign_in(page, admin.email)
    page.goto("/verwaltung/einladen")
    page.fill("input[name=email]", "neu.koordination@example.org")
    page.fill("input[name=name]", "Lena Neumann")
    page.select_option("select[name=role]", Role.COORDINATOR.value)
    page.select_option("select[name=organisation_id]", str(kca.id))
    page.get_by_role("button", name="Einladung senden").click()
    page.wait_for_load_state()
    assert "neu.koordination@example.org" in page.content()
    sign_out(page)

    # The coordinator follows the link in the mail and sets a password.
    link = re.search(r"https?://\S+", mail_outbox[-1].get_body(("plain",)).get_content()).group(0)
    page.goto(link)
    page.fill("input[name=password]", NEW_PASSWORD)
    page.fill("input[name=confirm]", NEW_PASSWORD)
    page.get_by_role("button", name="Konto einrichten").click()
    page.wait_for_load_state()
    assert "Lena Neumann" in page.locator("header").inner_text()

    # One post of each kind.
    ids = {
        "settlement": create_post(page, "settlement", "Logistikzentrum Gelnhausen-Hailer",
                                  settlement_fields),
        "programme": create_post(page, "programme", "Neuer Beruf Wasserstofftechnik",
                                 programme_fields),
        "project": create_post(page, "project", "Startklar U25 Gelnhausen", project_fields),
        "fair": create_post(page, "fair", "Jobbörse Wächtersbach Frühjahr", fair_fields),
    }

    # Edit one, archive one.
    page.goto(f"/beitraege/{ids['settlement']}/bearbeiten")
    page.fill("input[name=title]", "Logistikzentrum Gelnhausen-Hailer: 300 Stellen")
    page.get_by_role("button", name="Änderungen speichern").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Logistikzentrum Gelnhausen-Hailer: 300 Stellen"
    page.goto(f"/beitraege/{ids['programme']}")
    page.get_by_role("button", name="Archivieren").click()
    page.wait_for_load_state()
    assert "rchiviert" in page.locator("main").inner_text()

    # The list filters find them (the archived one is no longer listed).
    page.goto("/beitraege/?q=gelnhausen")
    listed = page.locator(".post-item h3").all_inner_texts()
    assert "Logistikzentrum Gelnhausen-Hailer: 300 Stellen" in listed
    assert "Startklar U25 Gelnhausen" in listed
    page.goto("/beitraege/?kind=fair&district=06435")
    assert page.locator(".post-item h3").all_inner_texts() == ["Jobbörse Wächtersbach Frühjahr"]
    page.goto("/beitraege/?target_group=youth_u25")
    assert page.locator(".post-item h3").all_inner_texts() == ["Startklar U25 Gelnhausen"]
    page.goto("/beitraege/?q=wasserstoff")
    assert page.locator(".post-item").count() == 0
    save_screenshot(page, "foundation-list")
    sign_out(page)

    # A coordinator of another organisation cannot edit them.
    sign_in(page, other_coordinator.email)
    response = page.goto(f"/beitraege/{ids['project']}/bearbeiten")
    assert response.status == 403
    assert "Keine Berechtigung" in page.content()
    sign_out(page)

    # An organiser can post only job fairs.
    sign_in(page, organiser.email)
    page.goto("/beitraege/neu")
    choices = page.locator("main").inner_text()
    assert "Jobbörse" in choices and "Firmenansiedlung" not in choices
    assert page.goto("/beitraege/neu/settlement").status == 403
    create_post(page, "fair", "IHK-Ausbildungsmesse Frankfurt", fair_fields)
    sign_out(page)

    # A moderator unpublishes one with a reason.
    sign_in(page, moderator.email)
    page.goto(f"/moderation/{ids['fair']}/zurueckziehen")
    page.fill("textarea[name=reason]", "Termin doppelt eingetragen, bitte prüfen.")
    page.locator("main button[type=submit], main input[type=submit]").first.click()
    page.wait_for_load_state()
    sign_out(page)

    # The author sees the reason, and the history shows all of it.
    sign_in(page, "neu.koordination@example.org", NEW_PASSWORD)
    page.goto("/beitraege/meine-organisation")
    assert "Termin doppelt eingetragen, bitte prüfen." in page.locator("main").inner_text()
    page.goto(f"/beitraege/{ids['settlement']}/verlauf")
    history = page.locator("main").inner_text()
    assert "Logistikzentrum Gelnhausen-Hailer" in history and "300 Stellen" in history
    assert "Lena Neumann" in history
    page.goto(f"/beitraege/{ids['fair']}/verlauf")
    assert "Termin doppelt eingetragen" in page.locator("main").inner_text()
    page.goto(f"/beitraege/{ids['programme']}/verlauf")
    assert "archiviert" in page.locator("main").inner_text()
    save_screenshot(page, "foundation-history")
    assert page.dialogs == []
