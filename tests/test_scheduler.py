"""The scheduler process: Europe/Berlin, coalescing, generous misfire grace, no DST-window triggers."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from jobnet.scheduler import MISFIRE_GRACE_SECONDS, build_scheduler

BERLIN = ZoneInfo("Europe/Berlin")


def test_jobs_run_in_berlin_time_coalesced_with_hours_of_grace(app):
    scheduler = build_scheduler(app)
    job = scheduler.get_job("archive_expired")
    assert str(scheduler.timezone) == "Europe/Berlin"
    assert job.coalesce is True
    assert job.misfire_grace_time == MISFIRE_GRACE_SECONDS >= 3600


def test_archive_job_fires_once_per_day_across_both_dst_switches(app):
    trigger = build_scheduler(app).get_job("archive_expired").trigger
    # Walk over the spring (29 March 2026) and autumn (25 October 2026) switches.
    for start in (datetime(2026, 3, 27, tzinfo=BERLIN), datetime(2026, 10, 23, tzinfo=BERLIN)):
        fires, previous, now = [], None, start
        while now < start + timedelta(days=4):
            fire = trigger.get_next_fire_time(previous, now)
            fires.append(fire)
            previous, now = fire, fire + timedelta(seconds=1)
        days = [f.date() for f in fires[:4]]
        assert len(set(days)) == 4, fires
        assert all((f.hour, f.minute) == (3, 15) for f in fires[:4])


def test_a_sweep_finishes_unfinished_periods_but_never_starts_one(app, db):
    from jobnet.digest.models import DigestDelivery, Subscription
    from jobnet.scheduler import SWEEP_MINUTES, digest_sweep_job

    job = build_scheduler(app).get_job("digest_sweep")
    assert job.trigger.interval == timedelta(minutes=SWEEP_MINUTES) and job.max_instances == 1
    db.session.add(Subscription(email="leser@example.org", kinds=["settlement"],
                                link_nonce="0" * 16,
                                consented_at=datetime(2020, 1, 1, tzinfo=BERLIN)))
    db.session.commit()
    digest_sweep_job(app)  # the current period has no rows: its round has not run, so no sweep
    assert db.session.query(DigestDelivery).count() == 0


def test_the_daily_job_forgets_expired_subscription_requests(app, db):
    from jobnet.clock import utcnow
    from jobnet.digest.models import PendingSubscription
    from jobnet.scheduler import archive_expired_job

    now = utcnow()
    for token_hash, expires in (("a" * 64, now - timedelta(minutes=1)),
                                ("b" * 64, now + timedelta(hours=1))):
        db.session.add(PendingSubscription(token_hash=token_hash, email="wartet@example.org",
                                           preferences={}, requested_at=now - timedelta(hours=47),
                                           expires_at=expires))
    db.session.commit()
    archive_expired_job(app)
    db.session.expire_all()
    assert [row.token_hash for row in db.session.query(PendingSubscription)] == ["b" * 64]


def test_the_daily_job_archives_fairs_the_configured_days_after_their_end(app, db, make_user,
                                                                          monkeypatch):
    from jobnet.clock import utcnow
    from jobnet.posts import services
    from jobnet.posts.models import Kind, Post, Status
    from jobnet.scheduler import archive_expired_job
    from tests.posts.conftest import post_data

    now, author = utcnow(), make_user("organiser")
    ids = {}
    for days_ago in (3, 8):  # ended 3 and 8 days ago; neither has "gültig bis"
        end = now - timedelta(days=days_ago)
        fair = services.create_post(Kind.FAIR, post_data(Kind.FAIR, starts_at=end - timedelta(
            hours=5), ends_at=end, valid_until=None), author=author, now=end - timedelta(days=30),
            publish=True)
        ids[days_ago] = fair.id
    monkeypatch.setitem(app.config, "FAIR_ARCHIVE_AFTER_DAYS", 5)
    archive_expired_job(app)
    db.session.expire_all()
    assert db.session.get(Post, ids[8]).status == Status.ARCHIVED
    assert db.session.get(Post, ids[3]).status == Status.PUBLISHED


def test_a_bad_fair_archive_setting_stops_the_scheduler_at_start(app, monkeypatch):
    from jobnet.config import ConfigError

    monkeypatch.setitem(app.config, "FAIR_ARCHIVE_AFTER_DAYS", "dreißig")
    with pytest.raises(ConfigError, match="FAIR_ARCHIVE_AFTER_DAYS"):
        build_scheduler(app)
