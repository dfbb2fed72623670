"""In Chromium: a coordinator of the Kreis Offenbach marks "Erfahrung" on a KCA project with a
contact; the post and both profiles show it, a visitor sees none of it, the payload stays text."""

from __future__ import annotations

import pytest

from jobnet.accounts.models import Role
from jobnet.clock import utcnow
from jobnet.posts import services
from jobnet.posts.models import Kind
from tests.browser.map_helpers import loopback_tiles, open_map  # noqa: F401
from tests.browser.test_foundation_journey import sign_in, sign_out
from tests.posts.conftest import post_data

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("loopback_tiles")]
PAYLOAD = '</script><script>alert(1)</script> ${alert(2)} ` <img src=x onerror=alert(3)>'


def test_offenbach_marks_experience_on_a_kca_project(page, db, make_organisation, make_user):
    kca = make_organisation("Kommunales Center für Arbeit (KCA) Main-Kinzig-Kreis", "06435")
    offenbach = make_organisation("Jobcenter Kreis Offenbach", "06438")
    kca_coordinator = make_user(Role.COORDINATOR, organisation=kca)
    olaf = make_user(Role.COORDINATOR, organisation=offenbach)
    olaf.name = "Olaf Offen"
    db.session.commit()
    data = post_data(Kind.PROJECT, title="Ausbildung für junge Geflüchtete", latitude=50.202,
                     longitude=9.188, place="Gelnhausen")
    project = services.create_post(Kind.PROJECT, data, author=kca_coordinator, now=utcnow(),
                                   publish=True)

    sign_in(page, olaf.email)
    page.goto(f"/beitraege/{project.id}")
    page.get_by_role("link", name="Wir haben Erfahrung damit").click()
    page.get_by_label("Notiz").fill("Wir hatten 2025 ein ähnliches Projekt. " + PAYLOAD)
    page.get_by_label("Ansprechperson aus Ihrer Organisation").select_option(label="Olaf Offen")
    page.get_by_label("Telefon der Ansprechperson").fill("06074 000-0")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url(f"**/beitraege/{project.id}*")

    section = page.locator("#austausch")
    assert "1 Organisation hat Erfahrung damit" in section.inner_text()
    mark = section.locator("#exchange-experience li")
    assert "Jobcenter Kreis Offenbach" in mark.inner_text()
    assert "Olaf Offen" in mark.inner_text() and "06074 000-0" in mark.inner_text()
    assert PAYLOAD in mark.locator(".exchange-note").inner_text()  # shown as typed, as text
    assert section.locator("img, script").count() == 0

    page.get_by_role("link", name="Jobcenter Kreis Offenbach").click()  # Offenbach's profile
    assert "Ausbildung für junge Geflüchtete" in page.locator("#profile-experience").inner_text()
    assert PAYLOAD in page.locator("#profile-experience").inner_text()
    page.goto(f"/beitraege/{project.id}")
    page.locator("main .meta a", has_text="Main-Kinzig-Kreis").click()  # the KCA's profile
    posts = page.locator("#beitraege")
    assert "1 Organisation hat Erfahrung damit: Jobcenter Kreis Offenbach" in posts.inner_text()
    assert page.dialogs == []

    sign_out(page)
    page.goto(f"/beitraege/{project.id}")
    body = page.locator("main").inner_text()
    assert "Erfahrung damit" not in body and "Olaf Offen" not in body and "ähnliches" not in body
    assert page.locator("a[href^='/organisationen/']").count() == 0
    open_map(page)
    page.evaluate(f"jobnetMap.openPopup({project.id})")
    popup = page.locator(".leaflet-popup-content")
    popup.locator(f'a[href="/beitraege/{project.id}"]').wait_for()
    assert "Offenbach" not in popup.inner_text() and "ähnliches" not in popup.inner_text()
    assert "Erfahrung" not in page.locator("#district-table").inner_text()
    for url in ("/karte/daten.json", "/karte/kreise.json", f"/karte/beitrag/{project.id}.json",
                "/beitraege/?q=Gefl%C3%BCchtete", "/jobboersen/kalender.ics"):
        answer = page.request.get(url)
        assert "ähnliches" not in answer.text() and "Olaf" not in answer.text(), url
    response = page.goto("/organisationen/")
    assert "/konto/anmelden" in page.url and response.ok
    assert page.dialogs == []
