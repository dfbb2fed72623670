"""In Chromium, issue 14's journey: Offenbach asks on a KCA project; the KCA coordinator gets
the mail, follows its link and answers; Offenbach is told; a third organisation marks
"Erfahrung"; a visitor sees none of it; a moderator hides a reply after a report; payloads stay
text; a question to the network reaches the next digest of a member whose preferences match.
The district table's mark columns follow the filters applied in the page."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest

from jobnet.accounts.models import Role
from jobnet.clock import utcnow
from jobnet.digest.jobs import digest_job
from jobnet.mail.transports import SMTPTransport
from jobnet.posts import services
from jobnet.posts.models import Kind
from jobnet.scheduler import notification_mail_job
from tests.browser.map_helpers import loopback_tiles, open_map  # noqa: F401
from tests.browser.test_foundation_journey import sign_in, sign_out
from tests.digest.conftest import monday_slot
from tests.posts.conftest import post_data

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("loopback_tiles")]
PAYLOAD = '</script><script>alert(1)</script> ${alert(2)} ` <img src=x onerror=alert(3)>'
QUESTION = "Wer hat Erfahrung mit der Teilqualifizierung im Lager?"


def _mails_to(smtp_server, address: str) -> list:
    return [message for recipients, message in smtp_server.messages if address in recipients]


def _text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_question_answer_mark_report_hide_and_digest(page, db, app, live_server, smtp_server,
                                                     make_organisation, make_user,
                                                     make_subscription):
    kca = make_organisation("Kommunales Center für Arbeit (KCA) Main-Kinzig-Kreis", "06435")
    offenbach = make_organisation("Jobcenter Kreis Offenbach", "06438")
    fulda = make_organisation("Kreisjobcenter Fulda", "06631")
    kira, olaf = (make_user(Role.COORDINATOR, organisation=kca),
                  make_user(Role.COORDINATOR, organisation=offenbach))
    fritz, moderator = make_user(Role.COORDINATOR, organisation=fulda), make_user(Role.MODERATOR)
    kira.name, olaf.name, fritz.name = "Kira Kinzig", "Olaf Offen", "Fritz Fulda"
    db.session.commit()
    project = services.create_post(Kind.PROJECT, post_data(
        Kind.PROJECT, title="Ausbildung für junge Geflüchtete", latitude=50.202, longitude=9.188,
        place="Gelnhausen"), author=kira, now=utcnow(), publish=True)
    transport = SMTPTransport(smtp_server.host, smtp_server.port)

    # Offenbach asks on the KCA's project, mentioning the KCA.
    sign_in(page, olaf.email)
    page.goto(f"/beitraege/{project.id}")
    page.get_by_label("Ihr Text").fill("Wie habt ihr die Betriebe gewonnen? " + PAYLOAD)
    page.get_by_label("Organisation erwähnen").select_option(label=kca.name)
    page.get_by_role("button", name="Frage stellen").click()
    page.wait_for_url("**/fragen/*")
    assert PAYLOAD in page.locator(".exchange-body").first.inner_text()
    sign_out(page)

    # The KCA coordinator gets the mail and follows its link.
    assert notification_mail_job(app, transport=transport)["sent"] == 1
    [mail] = _mails_to(smtp_server, kira.email)
    assert "Neue Frage von Jobcenter Kreis Offenbach" in mail["Subject"]
    link = re.search(re.escape(live_server) + r"(/fragen/\d+)", _text(mail)).group(1)
    sign_in(page, kira.email)
    page.goto(link)
    page.get_by_label("Ihr Text").fill("Über die IHK und zwei Träger. " + PAYLOAD)
    page.get_by_role("button", name="Antwort senden").click()
    page.wait_for_url("**/fragen/*#antwort-*")
    sign_out(page)

    # Offenbach is told: a mail and the unread count in the header.
    assert notification_mail_job(app, transport=transport)["sent"] == 1
    assert "Neue Antwort von Kommunales Center" in _mails_to(smtp_server, olaf.email)[0]["Subject"]
    sign_in(page, olaf.email)
    assert page.locator("#unread-count").inner_text() == "1"
    page.locator("#notification-link").click()
    page.get_by_role("link", name=re.compile("Neue Antwort von Kommunales Center")).click()
    page.wait_for_url("**/fragen/*")
    assert page.locator("#unread-count").count() == 0
    answer = page.locator(".exchange-message").nth(1)
    assert PAYLOAD in answer.locator(".exchange-body").inner_text()
    answer.get_by_role("link", name="Melden").click()
    page.get_by_label("Grund").fill("Enthält Schadcode")
    page.get_by_role("button", name="Melden", exact=True).click()
    page.wait_for_url("**/fragen/*")
    sign_out(page)

    # A third organisation marks "Erfahrung"; the KCA is told.
    sign_in(page, fritz.email)
    page.goto(f"/beitraege/{project.id}")
    page.get_by_role("link", name="Wir haben Erfahrung damit").click()
    page.get_by_label("Notiz").fill("Ähnliches Projekt 2025 in Fulda.")
    page.get_by_label("Ansprechperson aus Ihrer Organisation").select_option(label="Fritz Fulda")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url(f"**/beitraege/{project.id}*")
    assert "1 Organisation hat Erfahrung damit" in page.locator("#austausch").inner_text()
    # ... and asks the network a question.
    page.goto("/fragen/neu")
    page.get_by_label("Ihre Frage in einer Zeile").fill(QUESTION)
    page.get_by_label("Thema").select_option(label="Berufe und Qualifizierung")
    page.get_by_label("Landkreise (freiwillig)").select_option(label="Main-Kinzig-Kreis")
    page.get_by_label("Ihr Text").fill("Wir planen das ab Frühjahr.")
    page.get_by_role("button", name="Frage stellen").click()
    page.wait_for_url("**/fragen/*")
    sign_out(page)
    assert notification_mail_job(app, transport=transport)["sent"] == 1
    assert "Kreisjobcenter Fulda hat Erfahrung" in _mails_to(smtp_server, kira.email)[-1]["Subject"]

    # A visitor sees none of it.
    page.goto(f"/beitraege/{project.id}")
    body = page.locator("main").inner_text()
    assert "Betriebe gewonnen" not in body and "Fragen und Antworten" not in body
    assert "Über die IHK" not in body and "Erfahrung damit" not in body
    assert "/konto/anmelden" in page.goto("/fragen/").url
    # Nor do the exports, the feed, the API and the map's data, which carry the post itself.
    for path in ("/beitraege/export.csv", "/beitraege/export.geojson", "/beitraege/feed.atom",
                 "/api/v1/posts", f"/api/v1/posts/{project.id}", "/karte/daten.json",
                 f"/karte/beitrag/{project.id}.json"):
        answer = page.request.get(path)
        assert answer.ok, path
        text = answer.text()
        if "json" in answer.headers["content-type"]:  # as a reader sees it, \u escapes decoded
            text = json.dumps(answer.json(), ensure_ascii=False)
        assert project.title in text or path == "/karte/daten.json" and str(project.id) in text
        for secret in ("Betriebe gewonnen", "Über die IHK", QUESTION, "Erfahrung damit"):
            assert secret not in text, (path, secret)

    # The moderator hides the reported reply; its author sees why.
    sign_in(page, moderator.email)
    page.goto("/moderation/austausch/")
    assert "Enthält Schadcode" in page.locator("#reported").inner_text()
    page.locator("#reported").get_by_role("link", name="Ausblenden").click()
    page.get_by_label("Grund").fill("Bitte ohne Code-Schnipsel")
    page.get_by_role("button", name="Ausblenden").click()
    page.wait_for_url("**/moderation/austausch/")
    assert "Keine offenen Meldungen" in page.locator("#reported").inner_text()
    sign_out(page)
    sign_in(page, kira.email)
    page.goto(link)
    assert "Bitte ohne Code-Schnipsel" in page.locator(".hidden-message").inner_text()
    sign_out(page)
    sign_in(page, olaf.email)
    page.goto(link)
    assert "Über die IHK" not in page.locator("main").inner_text()
    assert page.dialogs == []

    # The next digest of a member whose preferences match carries the network question.
    make_subscription(kira.email, districts=["06435"], kinds=["programme", "project"])
    make_subscription("leser@example.org", districts=["06435"], kinds=["programme", "project"])
    slot = monday_slot(utcnow() + timedelta(days=1))
    report = digest_job(app, "weekly", now=slot + timedelta(minutes=2), transport=transport)
    assert report.sent == 2
    assert QUESTION in _text(_mails_to(smtp_server, kira.email)[-1])
    visitor_digest = _text(_mails_to(smtp_server, "leser@example.org")[-1])
    assert "Ausbildung für junge Geflüchtete" in visitor_digest and QUESTION not in visitor_digest


def test_district_table_mark_columns_follow_the_filters(page, db, make_organisation, make_user):
    from jobnet.exchange import services as exchange_services
    from jobnet.exchange.models import MarkType

    kca = make_organisation("KCA", "06435")
    offenbach = make_organisation("Jobcenter Kreis Offenbach", "06438")
    kira = make_user(Role.COORDINATOR, organisation=kca)
    olaf = make_user(Role.COORDINATOR, organisation=offenbach)
    project = services.create_post(Kind.PROJECT, post_data(
        Kind.PROJECT, title="Projekt A", latitude=50.202, longitude=9.188, place="Gelnhausen"),
        author=kira, now=utcnow(), publish=True)
    services.create_post(Kind.PROGRAMME, post_data(
        Kind.PROGRAMME, title="Programm B", latitude=50.202, longitude=9.188, place="Gelnhausen"),
        author=kira, now=utcnow(), publish=True)
    exchange_services.save_mark(olaf, project, MarkType.INTEREST, now=utcnow())
    sign_in(page, olaf.email)
    open_map(page)
    cell = '#district-table tr[data-ags="06435"] [data-marks="interest"]'
    assert page.locator(cell).text_content() == "1"
    page.evaluate("window.samePage = true")
    page.select_option("select[name=kind]", "programme")
    page.locator("#map-filters button[type=submit]").click()
    page.wait_for_function(f"() => document.querySelector('{cell}').textContent === '0'")
    assert page.locator('#district-table tfoot [data-marks="interest"]').text_content() == "0"
    assert page.evaluate("window.samePage") is True  # no page load: the script refreshed them
