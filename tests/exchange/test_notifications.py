"""Who is told of what, following and muting, the unread count, and the outbox of mails."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from jobnet.accounts.models import Role
from jobnet.digest.models import DeliveryStatus as S
from jobnet.exchange import follows, notification_mail, services, threads
from jobnet.exchange.models import MarkType
from jobnet.exchange.notification_models import (
    MailFrequency,
    Notification,
    NotificationMail,
    Target,
)
from jobnet.exchange.notification_text import line
from jobnet.extensions import db
from jobnet.mail.transports import MemoryTransport
from tests.exchange.conftest import NOW


def _told(user) -> list[str]:
    return [line(n) for n in db.session.scalars(select(Notification).where(
        Notification.user_id == user.id).order_by(Notification.id))]


def test_question_tells_the_posts_organisation_and_answer_tells_the_asker(network, make_user):
    colleague = make_user(Role.ORGANISER, organisation=network.kca)
    thread = threads.ask_on_post(network.offenbach_coordinator, network.project,
                                 body="Frage", now=NOW)
    assert _told(network.kca_coordinator) == [
        "Neue Frage von Jobcenter Kreis Offenbach zu „Ausbildungsprojekt für junge Geflüchtete“"]
    assert len(_told(colleague)) == 1 and _told(network.offenbach_coordinator) == []
    threads.reply(network.kca_coordinator, thread, body="Antwort", now=NOW)
    assert _told(network.offenbach_coordinator) == [(
        "Neue Antwort von Kommunales Center für Arbeit (KCA) Main-Kinzig-Kreis zu "
        "„Ausbildungsprojekt für junge Geflüchtete“")]


def test_muted_thread_tells_nothing_more(network):
    thread = threads.ask_on_post(network.offenbach_coordinator, network.project, body="F", now=NOW)
    follows.set_follow(network.offenbach_coordinator, Target.THREAD, str(thread.id), follow=True,
                       muted=True, now=NOW)
    threads.reply(network.kca_coordinator, thread, body="A", now=NOW)
    assert _told(network.offenbach_coordinator) == []


def test_followers_of_topic_and_district_hear_of_network_questions(network, make_user,
                                                                   make_organisation):
    fulda = make_user(Role.COORDINATOR, organisation=make_organisation("KJC Fulda", "06631"))
    kassel = make_user(Role.COORDINATOR, organisation=make_organisation("KJC Kassel", "06633"))
    follows.set_follow(fulda, Target.TOPIC, "training", follow=True, now=NOW)
    follows.set_follow(kassel, Target.DISTRICT, "06438", follow=True, now=NOW)
    threads.ask_network(network.offenbach_coordinator, title="Teilqualifizierung im Lager?",
                        body="Wer?", topic="training", districts=["06438"], now=NOW)
    assert _told(fulda) == _told(kassel) == [
        "Neue Frage an das Netzwerk von Jobcenter Kreis Offenbach: „Teilqualifizierung im Lager?“"]
    assert _told(network.kca_coordinator) == []


def test_a_mark_tells_the_posts_organisation(network):
    services.save_mark(network.offenbach_coordinator, network.project, MarkType.INTEREST, now=NOW)
    assert _told(network.kca_coordinator) == [
        "Jobcenter Kreis Offenbach hat Interesse an „Ausbildungsprojekt für junge Geflüchtete“"]


def test_hidden_message_tells_its_author_why(network, make_user):
    thread = threads.ask_on_post(network.offenbach_coordinator, network.project, body="F", now=NOW)
    threads.hide(make_user(Role.MODERATOR), thread.opening, reason="Bitte sachlich", now=NOW)
    assert "Grund: Bitte sachlich" in _told(network.offenbach_coordinator)[-1]


def test_each_notification_is_mailed_exactly_once(network, app):
    transport = MemoryTransport()
    threads.ask_on_post(network.offenbach_coordinator, network.project, body="F", now=NOW)
    assert notification_mail.prepare(now=NOW) == 1
    assert notification_mail.prepare(now=NOW) == 0  # a second scheduler run makes no second row
    counts = notification_mail.send_due(transport, now=NOW)
    assert counts[S.SENT] == 1 and len(transport.outbox) == 1
    assert notification_mail.send_due(transport, now=NOW)[S.SENT] == 0
    assert len(transport.outbox) == 1
    row = NotificationMail.query.one()
    assert not notification_mail.claim(row.id, now=NOW)  # sent rows are never claimed again


def test_daily_members_get_one_mail_after_the_hour(network, app):
    setting = notification_mail.setting_of(network.kca_coordinator)
    setting.frequency = MailFrequency.DAILY
    db.session.commit()
    early = NOW.replace(hour=4, minute=0)  # 05:00 in Hesse: before NOTIFICATION_MAIL_HOUR
    for body in ("F1", "F2"):
        threads.ask_on_post(network.offenbach_coordinator, network.project, body=body, now=early)
    assert notification_mail.prepare(now=early) == 0
    later = early + timedelta(hours=4)
    assert notification_mail.prepare(now=later) == 1
    transport = MemoryTransport()
    notification_mail.send_due(transport, now=later)
    assert len(transport.outbox) == 1 and "2 Neuigkeiten" in transport.outbox[0]["Subject"]


def test_temporary_failure_is_retried_and_then_sent_once(network, app):
    class Flaky(MemoryTransport):
        calls = 0

        def send(self, message):
            self.calls += 1
            if self.calls == 1:
                raise ConnectionResetError("lost")
            super().send(message)

    transport = Flaky()
    threads.ask_on_post(network.offenbach_coordinator, network.project, body="F", now=NOW)
    notification_mail.prepare(now=NOW)
    assert notification_mail.send_due(transport, now=NOW)[S.RETRY] == 1
    assert notification_mail.send_due(transport, now=NOW)[S.SENT] == 0  # not due yet
    assert notification_mail.send_due(transport, now=NOW + timedelta(hours=1))[S.SENT] == 1
    assert len(transport.outbox) == 1


def test_unread_count_in_the_header_and_list_page(network, client, login_as):
    threads.ask_on_post(network.offenbach_coordinator, network.project, body="F", now=NOW)
    login_as(network.kca_coordinator)
    html = client.get("/benachrichtigungen/").get_data(as_text=True)
    assert '<span class="badge" id="unread-count"' in html and ">1</span>" in html
    assert "Neue Frage von Jobcenter Kreis Offenbach" in html
    notification = Notification.query.one()
    response = client.get(f"/benachrichtigungen/{notification.id}")
    assert response.status_code == 302 and response.location.startswith("/fragen/")
    assert 'id="unread-count"' not in client.get("/benachrichtigungen/").get_data(as_text=True)


def test_follow_buttons_and_bad_targets(network, client, login_as, submit):
    login_as(network.offenbach_coordinator)
    url = f"/organisationen/{network.kca.id}"
    response = submit("/benachrichtigungen/folgen", {"target": "organisation",
                                                     "key": str(network.kca.id),
                                                     "action": "follow", "next": url}, page=url)
    assert response.status_code == 302 and response.location == url
    assert "Nicht mehr folgen" in client.get(url).get_data(as_text=True)
    submit("/benachrichtigungen/folgen", {"target": "district", "key": "06438",
                                          "action": "follow", "next": url}, page=url)
    # The member's list names what they follow and links to it.
    page = client.get("/benachrichtigungen/").get_data(as_text=True)
    assert f'<a href="{url}">{network.kca.name}</a>' in page
    assert '<a href="/beitraege/?district=06438">Kreis Offenbach</a>' in page
    response = submit("/benachrichtigungen/folgen", {"target": "organisation", "key": "999999",
                                                     "action": "follow"}, page=url)
    assert response.status_code == 404
    response = submit("/benachrichtigungen/folgen", {"target": "wetter", "key": "1",
                                                     "action": "follow"}, page=url)
    assert response.status_code == 400


def test_followers_of_an_organisation_and_district_hear_of_its_new_posts(network, make_post,
                                                                         make_user):
    from jobnet.posts.models import Kind

    follows.set_follow(network.offenbach_coordinator, Target.ORGANISATION, str(network.kca.id),
                       follow=True, now=NOW)
    make_post(Kind.PROGRAMME, author=network.kca_coordinator, district_ags="06435",
              title="Teilqualifizierung Lager")
    assert _told(network.offenbach_coordinator) == [(
        "Neuer Beitrag von Kommunales Center für Arbeit (KCA) Main-Kinzig-Kreis: "
        "„Teilqualifizierung Lager“")]
    assert _told(network.kca_coordinator) == []  # the author is not told of their own post


def test_member_chooses_weekly_mails_and_gets_one_on_monday_morning(network, client, login_as,
                                                                    submit):
    login_as(network.kca_coordinator)
    response = submit("/benachrichtigungen/mails", {"frequency": "weekly"},
                      page="/benachrichtigungen/")
    assert response.status_code == 302
    assert submit("/benachrichtigungen/mails", {"frequency": "hourly"},
                  page="/benachrichtigungen/").status_code == 400
    tuesday = NOW + timedelta(days=1)  # NOW is a Monday, 10:00 in Hesse
    for body in ("F1", "F2"):
        threads.ask_on_post(network.offenbach_coordinator, network.project, body=body, now=tuesday)
    for day in range(1, 7):  # Tuesday to Sunday: nothing yet
        assert notification_mail.prepare(now=NOW + timedelta(days=day, hours=5)) == 0
    monday = NOW + timedelta(days=7)
    assert notification_mail.prepare(now=monday.replace(hour=4)) == 0  # 05:00, before the hour
    assert notification_mail.prepare(now=monday) == 1
    assert notification_mail.prepare(now=monday + timedelta(hours=3)) == 0
    transport = MemoryTransport()
    notification_mail.send_due(transport, now=monday)
    assert len(transport.outbox) == 1 and "2 Neuigkeiten" in transport.outbox[0]["Subject"]


def test_followers_of_the_post_and_mentioned_organisations_are_told(network, make_user,
                                                                    make_organisation):
    fulda = make_user(Role.COORDINATOR, organisation=make_organisation("KJC Fulda", "06631"))
    kassel_org = make_organisation("KJC Kassel", "06633")
    kassel = make_user(Role.COORDINATOR, organisation=kassel_org)
    follows.set_follow(fulda, Target.POST, str(network.project.id), follow=True, now=NOW)
    thread = threads.ask_on_post(network.offenbach_coordinator, network.project, body="F", now=NOW)
    assert _told(fulda) == [
        "Neue Frage von Jobcenter Kreis Offenbach zu „Ausbildungsprojekt für junge Geflüchtete“"]
    assert _told(kassel) == []
    threads.reply(network.kca_coordinator, thread, body="Fragt Kassel", mentions=[kassel_org.id],
                  now=NOW)
    assert _told(kassel) == [(
        "Neue Antwort von Kommunales Center für Arbeit (KCA) Main-Kinzig-Kreis zu "
        "„Ausbildungsprojekt für junge Geflüchtete“")]
