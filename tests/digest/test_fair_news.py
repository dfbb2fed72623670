"""Moved and cancelled fairs and near registration deadlines in the next digest (real SMTP)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from jobnet.accounts.models import Role
from jobnet.clock import local_today, utcnow
from jobnet.digest.jobs import digest_job
from jobnet.fairs.rules import all_day_span
from jobnet.fairs.services import cancel_fair, move_fair
from jobnet.mail.transports import SMTPTransport
from jobnet.posts.models import Kind
from tests.digest.conftest import monday_slot, parts_of


@pytest.fixture()
def smtp(app, smtp_server, monkeypatch):
    transport = SMTPTransport(smtp_server.host, smtp_server.port)
    monkeypatch.setitem(app.extensions, "jobnet_mail", transport)
    return transport


def _fair(make_post, author, slot, *, weeks: int, **fields):
    start = slot + timedelta(weeks=weeks)
    return make_post(Kind.FAIR, author=author, district_ags="06435", now=slot - timedelta(days=40),
                     starts_at=start, ends_at=start + timedelta(hours=6), **fields)


def test_a_moved_and_a_cancelled_fair_reach_the_next_digest_though_nothing_else_is_new(
        app, db, smtp, smtp_server, make_post, make_user, make_subscription):
    make_subscription("leserin@example.org", kinds=["fair"])
    slot = monday_slot(utcnow() + timedelta(days=1))
    author = make_user(Role.ORGANISER)
    far = _fair(make_post, author, slot, weeks=20, title="Jobbörse am Flughafen")
    near = _fair(make_post, author, slot, weeks=2, title="Jobdating Gelnhausen")
    # Before the change, nothing is new: no digest at all.
    report = digest_job(app, "weekly", now=slot - timedelta(days=7) + timedelta(minutes=2),
                        transport=smtp)
    assert report.sent == 0

    move_fair(far, user=author, now=slot - timedelta(days=2),
              starts_at=far.starts_at + timedelta(weeks=1), ends_at=far.ends_at + timedelta(weeks=1))
    cancel_fair(near, user=author, now=slot - timedelta(days=1), reason="Halle gesperrt")
    report = digest_job(app, "weekly", now=slot + timedelta(minutes=2), transport=smtp)
    assert (report.sent, report.failed) == (1, 0)
    [(_recipients, digest)] = smtp_server.messages
    text, html = parts_of(digest)
    assert "2 Jobbörsen" in digest["Subject"]
    assert "ABGESAGT: Halle gesperrt" in text and "Halle gesperrt" in html
    assert "VERSCHOBEN – bisher:" in text and "VERSCHOBEN" in html
    assert f"/beitraege/{far.id}" in text and f"/beitraege/{near.id}" in text


def test_a_registration_deadline_in_the_next_seven_days_is_marked(
        app, db, smtp, smtp_server, make_post, make_user, make_subscription):
    make_subscription("leser@example.org", kinds=["fair", "settlement"])
    slot = monday_slot(utcnow() + timedelta(days=1))
    author = make_user(Role.ORGANISER)
    deadline = local_today(slot) + timedelta(days=3)
    # Starts beyond the digest's calendar weeks, but the deadline is near: it is listed.
    _fair(make_post, author, slot, weeks=12, title="Jobbörse Wächtersbach",
          registration_deadline=deadline)
    _fair(make_post, author, slot, weeks=12, title="Jobbörse später",
          registration_deadline=local_today(slot) + timedelta(days=20))
    make_post(Kind.SETTLEMENT, district_ags="06435", now=slot - timedelta(hours=5))
    report = digest_job(app, "weekly", now=slot + timedelta(minutes=2), transport=smtp)
    assert report.sent == 1
    text, html = parts_of(smtp_server.messages[0][1])
    assert "Jobbörse Wächtersbach" in text and "Anmeldung bis" in text and "Anmeldung bis" in html
    assert "Jobbörse später" not in text
    # The deadline once: "Anmeldung bis" says it, no "Anmeldeschluss" line repeats it.
    day = f"{deadline:%d.%m.%Y}"
    assert text.count(day) == 1 and html.count(day) == 1, text


def test_an_all_day_fair_is_dated_without_a_time(
        app, db, smtp, smtp_server, make_post, make_user, make_subscription):
    make_subscription("leserin@example.org", kinds=["fair"])
    slot = monday_slot(utcnow() + timedelta(days=1))
    first = local_today(slot) + timedelta(days=10)
    starts, ends = all_day_span(first, first + timedelta(days=1))
    make_post(Kind.FAIR, author=make_user(Role.ORGANISER), district_ags="06435",
              now=slot - timedelta(days=2), starts_at=starts, ends_at=ends, all_day=True,
              title="Zwei Tage Messe Wächtersbach")
    report = digest_job(app, "weekly", now=slot + timedelta(minutes=2), transport=smtp)
    assert report.sent == 1
    text, html = parts_of(smtp_server.messages[0][1])
    day = first.strftime("%d.%m.%Y")
    # Stored from local midnight: "00:00" would read as a fair at midnight.
    assert day in text and day in html
    assert f"{day}, 00:00" not in text and f"{day}, 00:00" not in html


def test_a_fair_held_daily_reads_as_its_days_and_hours_in_both_languages(
        app, db, make_post, make_subscription, mail_outbox):
    make_subscription("leserin@example.org", kinds=["fair"])
    make_subscription("reader@example.org", kinds=["fair"], locale="en")
    slot = monday_slot(datetime(2027, 1, 1, tzinfo=UTC))  # Monday 4 January 2027
    make_post(Kind.FAIR, district_ags="06435", now=slot - timedelta(days=1),
              title="Jobmesse am Flughafen", starts_at=datetime(2027, 1, 13, 9, tzinfo=UTC),
              ends_at=datetime(2027, 1, 14, 15, tzinfo=UTC))  # 10:00-16:00 in Hesse, two days
    make_post(Kind.FAIR, district_ags="06435", now=slot - timedelta(days=1),
              title="Nacht der Ausbildung", starts_at=datetime(2027, 1, 15, 17, tzinfo=UTC),
              ends_at=datetime(2027, 1, 16, 1, tzinfo=UTC))  # 18:00-02:00: one evening
    report = digest_job(app, "weekly", now=slot + timedelta(minutes=2))
    assert report.sent == 2
    by_address = {message["To"]: message for message in mail_outbox}
    for address, daily, evening in (
            ("leserin@example.org", "13.–14.01.2027, täglich 10:00–16:00", "15.01.2027, 18:00"),
            ("reader@example.org", "13–14 Jan 2027, daily 10:00–16:00", "15 Jan 2027, 18:00")):
        text, html = parts_of(by_address[address])
        for part in (text, html):
            assert daily in part and evening in part
            assert "täglich 18:00" not in part and "daily 18:00" not in part
