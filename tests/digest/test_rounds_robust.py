"""Rounds that survive: unsubscribes mid-round, unexpected errors, logging, bounces that suspend."""

from __future__ import annotations

import dataclasses
import logging
import smtplib
from contextlib import contextmanager
from datetime import timedelta

import pytest

from jobnet.accounts.models import Role
from jobnet.digest import subscriptions
from jobnet.digest.links import manage_token
from jobnet.digest.models import DeliveryStatus, DigestDelivery, OptOut, Subscription
from jobnet.digest.periods import period_for_slot
from jobnet.digest import composer as composer_module
from jobnet.digest.rounds import run_round
from jobnet.digest.settings import DigestSettings
from jobnet.posts.models import Kind
from jobnet.scheduler import configure_logging
from tests.digest.test_delivery import SLOT, FakeClock

PERIOD = period_for_slot("weekly", SLOT)


class HookTransport:
    """Accepts everything, records recipients, and calls `hook(n)` inside the n-th send."""

    def __init__(self, hook=None, refuse=()) -> None:
        self.sent, self.hook, self.refuse, self.calls = [], hook, set(refuse), 0

    def send(self, message) -> None:
        self.calls += 1
        if self.hook:
            self.hook(self.calls)
        if message["To"] in self.refuse:
            raise smtplib.SMTPRecipientsRefused({message["To"]: (550, b"5.1.1 no such user")})
        self.sent.append(message)


@pytest.fixture()
def news(make_post):
    make_post(Kind.SETTLEMENT, district_ags="06435", now=SLOT - timedelta(days=1))


def _round(app, transport, period=PERIOD, **settings):
    values = DigestSettings.from_config(app.config)
    clock = FakeClock(period.slot + timedelta(minutes=1))
    return run_round(period, settings=dataclasses.replace(values, **settings),
                     transport=transport, clock=clock, sleep=clock.sleep)


def _statuses(db) -> dict[str, int]:
    db.session.expire_all()
    result: dict[str, int] = {}
    for status in db.session.scalars(db.select(DigestDelivery.status)):
        result[status] = result.get(status, 0) + 1
    return result


def test_an_unsubscribe_during_the_round_stops_that_digest_and_the_round_goes_on(
        app, db, news, make_subscription):
    people = [make_subscription(f"leser{n:02d}@example.org") for n in range(30)]
    leaving = people[10]  # in the same claimed batch as the earlier messages
    leaving_email, token = leaving.email, manage_token(leaving, SLOT)
    received_before_leaving: list[str] = []

    def unsubscribe_during(number: int) -> None:
        if number == 3:
            received_before_leaving.extend(m["To"] for m in transport.sent)
            # As the web process does it: its own app context and database session.
            with app.app_context():
                assert subscriptions.unsubscribe(token, now=SLOT + timedelta(minutes=1))

    transport = HookTransport(unsubscribe_during)
    report = _round(app, transport)

    recipients = [m["To"] for m in transport.sent]
    assert leaving_email not in recipients and leaving_email not in received_before_leaving
    assert report.sent == 29 and report.gone == 1 and len(set(recipients)) == 29
    assert _statuses(db) == {DeliveryStatus.SENT: 29}  # nothing left sending or pending
    assert db.session.scalar(db.select(db.func.count()).select_from(OptOut)) == 1
    assert db.session.scalar(db.select(Subscription).where(
        Subscription.email == leaving_email)) is None


def test_an_unexpected_error_releases_the_row_and_the_rest_of_the_period_goes_out(
        app, db, news, make_subscription, caplog):
    for n in range(5):
        make_subscription(f"leser{n}@example.org")

    def explode_once(number: int) -> None:
        if number == 2:
            raise RuntimeError("leser1@example.org broke the renderer")  # text is never logged

    transport = HookTransport(explode_once)
    with caplog.at_level(logging.INFO, logger="jobnet"):
        report = _round(app, transport)
    assert report.errors == 1 and report.sent == 5  # the failed one was retried after backoff
    assert sorted(m["To"] for m in transport.sent) == [f"leser{n}@example.org" for n in range(5)]
    assert _statuses(db) == {DeliveryStatus.SENT: 5}
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "RuntimeError" in errors[0] and "@" not in errors[0]


def test_an_error_outside_a_delivery_releases_every_claim(app, db, news, make_subscription,
                                                          monkeypatch):
    for _ in range(4):
        make_subscription()
    from jobnet.digest import rounds

    def broken_compose(*_args, **_kwargs):
        raise KeyboardInterrupt  # not an Exception: ends the round, not just the row

    monkeypatch.setattr(rounds, "digest_message", broken_compose)
    with pytest.raises(KeyboardInterrupt):
        _round(app, HookTransport())
    statuses = _statuses(db)
    assert DeliveryStatus.SENDING not in statuses and statuses == {DeliveryStatus.RETRY: 4}
    rows = db.session.scalars(db.select(DigestDelivery)).all()
    assert {r.claimed_by for r in rows} == {None}


def test_a_round_logs_start_period_counts_and_duration_without_addresses(
        app, db, news, make_subscription, caplog):
    make_subscription("gut@example.org")
    make_subscription("weg@example.org")
    make_subscription("leer@example.org", districts=["06611"])  # nothing new: skipped
    with caplog.at_level(logging.INFO, logger="jobnet"):
        _round(app, HookTransport(refuse={"weg@example.org"}))
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("jobnet")]
    assert any("2026-W48 started" in line for line in lines)
    finished = [line for line in lines if "finished in" in line]
    assert len(finished) == 1 and "2026-W48" in finished[0]
    assert "1 of 3 sent, 1 skipped, 1 failed" in finished[0] and " s:" in finished[0]
    assert not any("@" in line for line in lines), lines


def test_the_scheduler_process_logs_through_a_handler_at_log_level(app, monkeypatch):
    logger = logging.getLogger("jobnet")
    level, handlers = logger.level, list(logger.handlers)
    monkeypatch.setitem(app.config, "LOG_LEVEL", "warning")
    try:
        handler = configure_logging(app)
        assert handler in logger.handlers and logger.level == logging.WARNING
        assert configure_logging(app) is handler  # once, however often it is called
    finally:
        logger.handlers[:] = handlers
        logger.setLevel(level)


def test_three_refused_periods_in_a_row_suspend_the_subscription(
        app, db, make_subscription, login_as, client):
    bouncing = make_subscription("bounce@example.org")
    make_subscription("gut@example.org")
    transport = HookTransport(refuse={"bounce@example.org"})
    periods = [period_for_slot("weekly", SLOT + timedelta(weeks=week)) for week in range(4)]
    for week, period in enumerate(periods[:3], start=1):
        report = _round(app, transport, period, send_empty=True)
        db.session.expire_all()
        assert report.failed == 1 and bouncing.failed_periods == week
        assert (bouncing.suspended_at is not None) == (week == 3)
    assert report.suspended == 1
    attempts = transport.calls
    report = _round(app, transport, periods[3], send_empty=True)
    assert report.sent == 1 and report.failed == 0 and transport.calls == attempts + 1
    assert db.session.scalar(db.select(DigestDelivery).where(
        DigestDelivery.subscription_id == bouncing.id,
        DigestDelivery.period == periods[3].key)) is None  # no row, no attempt
    login_as(Role.ADMIN)
    page = client.get("/verwaltung/wochenuebersicht/").get_data(as_text=True)
    assert "Ausgesetzte Abonnements" in page and "b***@example.org" in page


def test_a_delivered_digest_resets_the_count_of_refused_periods(app, db, make_subscription):
    flaky = make_subscription("flaky@example.org")
    refusing, accepting = HookTransport(refuse={"flaky@example.org"}), HookTransport()
    script = [refusing, refusing, accepting, refusing, refusing]
    for week, transport in enumerate(script):
        _round(app, transport, period_for_slot("weekly", SLOT + timedelta(weeks=week)),
               send_empty=True)
    db.session.expire_all()
    assert flaky.failed_periods == 2 and flaky.suspended_at is None


def test_each_digest_is_marked_sent_and_committed_before_anything_else(
        app, db, news, make_subscription):
    for n in range(4):
        make_subscription(f"leser{n}@example.org")
    seen: list[dict] = []

    def look_from_outside(_number: int) -> None:
        # Another process's view (own session), at the start of the next send: whatever the
        # server accepted before is durably marked, nothing of it is still claimed.
        with app.app_context():
            seen.append({status: count for status, count in db.session.execute(
                db.select(DigestDelivery.status, db.func.count())
                .where(DigestDelivery.claimed_by.is_(None))
                .group_by(DigestDelivery.status))})

    transport = HookTransport(look_from_outside)
    _round(app, transport)
    assert [view.get(DeliveryStatus.SENT, 0) for view in seen] == [0, 1, 2, 3]


class PipelinedSession:
    """A session that hands messages over (start) and reads answers later (finish), recording
    the order of events; `answered` says whether the server's answer is already there."""

    def __init__(self, answered: bool, events: list[str]) -> None:
        self.is_answered, self.events, self.number = answered, events, 0

    @contextmanager
    def session(self):
        yield self

    def start(self, message) -> None:
        self.number += 1
        self.events.append(f"hand over {self.number}")

    def finish(self) -> None:
        self.events.append(f"answer {self.number}")

    def send(self, message) -> None:
        self.start(message)
        self.finish()

    def answered(self) -> bool:
        return self.is_answered


@pytest.mark.parametrize("answered", [True, False])
def test_an_answer_already_there_is_recorded_before_the_next_digest_is_composed(
        app, db, news, make_subscription, monkeypatch, answered):
    # The window in which a crash sends a digest twice ends with its mark (issue 9, point 8):
    # composing the next digest first would widen it, unless the server is still busy.
    for n in range(3):
        make_subscription(f"leser{n}@example.org", kinds=["settlement", "fair"][: n % 2 + 1])
    events: list[str] = []
    compose = composer_module.Composer.digest

    def composing(self, subscription):
        events.append("compose")
        return compose(self, subscription)

    monkeypatch.setattr(composer_module.Composer, "digest", composing)
    report = _round(app, PipelinedSession(answered, events))
    assert report.sent == 3
    if answered:
        assert events == ["compose", "hand over 1", "answer 1", "compose", "hand over 2",
                          "answer 2", "compose", "hand over 3", "answer 3"]
    else:  # the server takes its time: the next digest is composed meanwhile
        assert events == ["compose", "hand over 1", "compose", "answer 1", "hand over 2",
                          "compose", "answer 2", "hand over 3", "answer 3"]
