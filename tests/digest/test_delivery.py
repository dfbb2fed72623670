"""The outbox: unique rows, claims, retries with backoff, permanent failures, restarts."""

from __future__ import annotations

import smtplib
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from jobnet.accounts.models import Role
from jobnet.digest import outbox
from jobnet.digest.models import DeliveryStatus, DigestDelivery
from jobnet.digest.periods import period_for_slot
from jobnet.digest.render import message_id
from jobnet.digest.rounds import run_round
from jobnet.digest.settings import DigestSettings
from jobnet.posts.models import Kind

SLOT = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
PERIOD = period_for_slot("weekly", SLOT)


class ScriptedTransport:
    """Answers each send with the next scripted error (None: accepted)."""

    def __init__(self, *script) -> None:
        self.script, self.sent = list(script), []

    def send(self, message) -> None:
        error = self.script.pop(0) if self.script else None
        if error:
            raise error
        self.sent.append(message)


class FakeClock:
    def __init__(self, start: datetime) -> None:
        self.now, self.sleeps = start, []

    def __call__(self) -> datetime:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += timedelta(seconds=seconds)


@pytest.fixture()
def news(make_post):
    make_post(Kind.SETTLEMENT, district_ags="06435", now=SLOT - timedelta(days=1))


def _round(app, transport, clock=None):
    clock = clock or FakeClock(SLOT + timedelta(minutes=1))
    return run_round(PERIOD, settings=DigestSettings.from_config(app.config), transport=transport,
                     clock=clock, sleep=clock.sleep), clock


def test_one_row_per_subscription_and_period(app, db, make_subscription):
    subscription = make_subscription()
    assert outbox.prepare(PERIOD, now=SLOT) == 1
    assert outbox.prepare(PERIOD, now=SLOT) == 0
    db.session.add(DigestDelivery(subscription_id=subscription.id, period=PERIOD.key,
                                  next_attempt_at=SLOT, message_id="<x>"))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_a_claimed_row_cannot_be_claimed_again(db, make_subscription):
    make_subscription()
    outbox.prepare(PERIOD, now=SLOT)
    [row_id] = outbox.due_ids(PERIOD, SLOT)
    assert outbox.claim(row_id, now=SLOT) is True
    assert outbox.claim(row_id, now=SLOT) is False


def test_temporary_failures_are_retried_with_backoff(app, db, news, make_subscription):
    make_subscription()
    transport = ScriptedTransport(
        smtplib.SMTPDataError(451, b"try later"), ConnectionRefusedError(), TimeoutError(), None)
    report, clock = _round(app, transport)
    assert report.sent == 1 and report.deferred == 3 and len(transport.sent) == 1
    assert clock.sleeps == [60, 300, 900]  # DIGEST_RETRY_BACKOFF_SECONDS
    row = db.session.query(DigestDelivery).one()
    assert (row.status, row.attempts) == (DeliveryStatus.SENT, 4)


def test_permanent_failures_are_marked_and_shown_to_admins(
        app, db, news, make_subscription, login_as, client):
    make_subscription("weg@example.org")
    refused = smtplib.SMTPRecipientsRefused({"weg@example.org": (550, b"no such user")})
    report, clock = _round(app, ScriptedTransport(refused))
    assert report.failed == 1 and clock.sleeps == []
    row = db.session.query(DigestDelivery).one()
    assert row.status == DeliveryStatus.FAILED and "550" in row.last_error
    assert "weg@example.org" not in row.last_error
    login_as(Role.ADMIN)
    page = client.get("/verwaltung/wochenuebersicht/").get_data(as_text=True)
    assert "Fehlgeschlagene Zustellungen" in page and "550" in page


def test_a_restart_finishes_the_period_without_sending_twice(app, db, news, make_subscription):
    for _ in range(3):
        make_subscription()
    outbox.prepare(PERIOD, now=SLOT)
    first, second, third = outbox.due_ids(PERIOD, SLOT)
    outbox.claim(first, now=SLOT)
    outbox.finish(db.session.get(DigestDelivery, first), DeliveryStatus.SENT, now=SLOT)
    outbox.claim(second, now=SLOT)  # then the process died while talking to the server
    db.session.get(DigestDelivery, second).claimed_by = "elsewhere:1"
    db.session.commit()
    transport = ScriptedTransport()
    report, _clock = _round(app, transport, FakeClock(SLOT + timedelta(minutes=30)))
    assert report.sent == 2 and len(transport.sent) == 2  # the stale claim and the untouched row
    assert {m["Message-ID"] for m in transport.sent} == {
        message_id(db.session.get(DigestDelivery, i).subscription_id, "2026-W48")
        for i in (second, third)}
    again = ScriptedTransport()
    assert _round(app, again)[0].sent == 0 and again.sent == []


def test_admin_preview_shows_the_next_digest(app, db, make_post, make_subscription, login_as, client):
    subscription = make_subscription()
    login_as(Role.ADMIN)
    assert client.get(f"/verwaltung/wochenuebersicht/{subscription.id}/vorschau").status_code == 200
    assert client.get("/verwaltung/wochenuebersicht/999/vorschau").status_code == 404


def test_preview_is_for_admins_only(db, make_subscription, login_as, client):
    subscription = make_subscription()
    login_as(Role.MODERATOR)
    assert client.get(f"/verwaltung/wochenuebersicht/{subscription.id}/vorschau").status_code == 403
