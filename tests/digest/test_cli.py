"""`flask digest send`: dry run prints and stores nothing; a real round sends once per period."""

from __future__ import annotations

from datetime import UTC, datetime

from jobnet.digest.models import DigestDelivery
from jobnet.posts.models import Kind


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
