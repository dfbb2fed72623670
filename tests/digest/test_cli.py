"""`flask digest send`: dry run prints and stores nothing; a real round sends once per period;
a 451 never blocks for long (--no-wait, --max-wait) and Ctrl+C leaves nothing claimed."""

from __future__ import annotations

import smtplib
from datetime import UTC, datetime

import pytest

from jobnet.digest import cli
from jobnet.digest.jobs import digest_job
from jobnet.digest.models import DeliveryStatus, DigestDelivery
from jobnet.posts.models import Kind
from tests.digest.test_delivery import FakeClock


def test_dry_run_then_real_round_then_nothing_twice(app, db, make_post, make_subscription, mail_outbox):
    make_post(Kind.SETTLEMENT, district_ags="06435", now=datetime(2026, 11, 22, tzinfo=UTC))
    make_subscription("eins@example.org")
    make_subscription("zwei@example.org", districts=["06611"])
    runner = app.test_cli_runner()
    dry = runner.invoke(args=["digest", "send", "--period", "2026-W48", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "eins@example.org: JobNet Hessen: 1 Ansiedlung – KW 48" in dry.output
    assert "zwei@example.org: (nothing new, not sent)" in dry.output
    assert db.session.query(DigestDelivery).count() == 0 and mail_outbox == []
    real = runner.invoke(args=["digest", "send", "--period", "2026-W48"])
    assert "1 sent, 1 skipped" in real.output and len(mail_outbox) == 1
    again = runner.invoke(args=["digest", "send", "--period", "2026-W48"])
    assert "0 sent" in again.output and len(mail_outbox) == 1


def test_bad_period_is_a_usage_error(app, db):
    result = app.test_cli_runner().invoke(args=["digest", "send", "--period", "2026-W60"])
    assert result.exit_code == 2 and "calendar week" in result.output


class Refusing:
    """Answers every message with 451, or raises KeyboardInterrupt (Ctrl+C) at message `stop_at`."""

    def __init__(self, stop_at: int | None = None) -> None:
        self.calls, self.stop_at, self.sent = 0, stop_at, []

    def send(self, message) -> None:
        self.calls += 1
        if self.calls == self.stop_at:
            raise KeyboardInterrupt
        if self.stop_at is None:
            raise smtplib.SMTPDataError(451, b"4.3.0 try again later")
        self.sent.append(message)


@pytest.fixture()
def one_digest(make_post, make_subscription):
    make_post(Kind.SETTLEMENT, district_ags="06435", now=datetime(2026, 11, 22, tzinfo=UTC))
    return make_subscription("eins@example.org")


def test_no_wait_does_one_pass_and_leaves_the_retry_to_the_scheduler(
        app, db, one_digest, monkeypatch):
    monkeypatch.setitem(app.extensions, "jobnet_mail", Refusing())
    monkeypatch.setattr(cli, "utcnow", FakeClock(datetime(2026, 11, 23, 8, 0, tzinfo=UTC)))
    monkeypatch.setattr(cli, "sleep", lambda seconds: pytest.fail(f"slept {seconds} s"))
    result = app.test_cli_runner().invoke(args=["digest", "send", "--period", "2026-W48",
                                                "--no-wait"])
    assert result.exit_code == 0, result.output
    assert "0 sent, 0 skipped (nothing new), 0 failed" in result.output
    assert "1 waiting for a retry" in result.output and "scheduler retries them" in result.output
    row = db.session.query(DigestDelivery).one()
    assert (row.status, row.claimed_by, row.attempts) == (DeliveryStatus.RETRY, None, 1)


def test_max_wait_bounds_the_waiting_and_says_what_it_waits_for(app, db, one_digest, monkeypatch):
    clock = FakeClock(datetime(2026, 11, 23, 8, 0, tzinfo=UTC))
    monkeypatch.setitem(app.extensions, "jobnet_mail", Refusing())
    monkeypatch.setattr(cli, "utcnow", clock)
    monkeypatch.setattr(cli, "sleep", clock.sleep)
    result = app.test_cli_runner().invoke(args=["digest", "send", "--period", "2026-W48",
                                                "--max-wait", "400"])
    assert result.exit_code == 0, result.output
    # DIGEST_RETRY_BACKOFF_SECONDS = [60, 300, 900, ...]: 60 + 300 fit into 400 s, 900 does not.
    assert clock.sleeps == [60, 300]
    assert "2026-W48: 0/1 done (0 sent, 0 skipped, 0 failed); waiting 60 s for 1 retries" \
        in result.output
    assert "waiting 300 s for 1 retries" in result.output
    assert "1 waiting for a retry (next at 08:21:00 UTC)" in result.output
    assert db.session.query(DigestDelivery).one().status == DeliveryStatus.RETRY


def test_ctrl_c_leaves_nothing_claimed_and_the_scheduler_sends_the_rest(
        app, db, make_post, make_subscription, monkeypatch):
    make_post(Kind.SETTLEMENT, district_ags="06435", now=datetime(2026, 11, 22, tzinfo=UTC))
    for number in range(3):
        make_subscription(f"leser{number}@example.org")
    interrupted = Refusing(stop_at=2)
    monkeypatch.setitem(app.extensions, "jobnet_mail", interrupted)
    monkeypatch.setattr(cli, "utcnow", FakeClock(datetime(2026, 11, 23, 6, 1, tzinfo=UTC)))
    result = app.test_cli_runner().invoke(args=["digest", "send", "--period", "2026-W48"])
    assert result.exit_code == 130 and "interrupted" in result.output
    db.session.expire_all()
    statuses = sorted(row.status for row in db.session.query(DigestDelivery))
    assert statuses == [DeliveryStatus.RETRY, DeliveryStatus.RETRY, DeliveryStatus.SENT]
    assert {row.claimed_by for row in db.session.query(DigestDelivery)} == {None}
    # The scheduler's next run (the sweep) picks the released rows up.
    later = Refusing(stop_at=0)
    report = digest_job(app, "weekly", now=datetime(2026, 11, 23, 6, 5, tzinfo=UTC),
                        transport=later, only_unfinished=True,
                        sleep=lambda seconds: pytest.fail(f"slept {seconds} s"))
    assert report.sent == 2 and len(later.sent) == 2
    assert {m["To"] for m in interrupted.sent + later.sent} == {
        f"leser{number}@example.org" for number in range(3)}
