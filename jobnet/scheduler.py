"""The scheduler process: the only place where timed jobs run (never inside web workers)."""

from __future__ import annotations

import logging
from datetime import timedelta

import click
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from flask import Flask, current_app
from flask.cli import with_appcontext

from jobnet.clock import LOCAL_TIMEZONE, LOCAL_TIMEZONE_NAME, utcnow
from jobnet.extensions import db

log = logging.getLogger("jobnet.scheduler")
# A job that missed its time (process down, machine asleep) still runs when it is at most
# this late; coalescing folds several missed runs into one.
MISFIRE_GRACE_SECONDS = 6 * 3600
JOB_DEFAULTS = {"coalesce": True, "misfire_grace_time": MISFIRE_GRACE_SECONDS, "max_instances": 1}


def archive_expired_job(app: Flask) -> None:
    """Archive published posts whose 'valid until' date has passed."""
    from jobnet.posts.services import archive_expired_posts

    with app.app_context():
        count = archive_expired_posts(now=utcnow())
        db.session.commit()
        log.info("archived %d expired posts", count)


def digest_round_job(app: Flask, frequency: str, catch_up: bool = False) -> None:
    """Send the digests of the period whose trigger slot has just passed."""
    from jobnet.digest.jobs import digest_job

    within = timedelta(seconds=MISFIRE_GRACE_SECONDS) if catch_up else None
    report = digest_job(app, frequency, only_within=within)
    if report is not None:
        log.info("digest %s: %d sent, %d skipped, %d failed", report.period, report.sent,
                 report.skipped, report.failed)


def build_scheduler(app: Flask) -> BlockingScheduler:
    """A scheduler with an in-memory job store (never shared between processes)."""
    from jobnet.digest.models import Frequency
    from jobnet.digest.settings import DigestSettings

    settings = DigestSettings.from_config(app.config)  # ConfigError for 02:xx or broken crons
    scheduler = BlockingScheduler(timezone=LOCAL_TIMEZONE, job_defaults=JOB_DEFAULTS)
    for frequency in Frequency:
        scheduler.add_job(digest_round_job, settings.trigger(frequency), args=[app, frequency.value],
                          id=f"digest_{frequency.value}", replace_existing=True, **JOB_DEFAULTS)
    # 03:15 local time: after the 02:00-03:00 window in which DST changes would run a job twice
    # or not at all.
    scheduler.add_job(archive_expired_job, CronTrigger(hour=3, minute=15, timezone=LOCAL_TIMEZONE),
                      args=[app], id="archive_expired", replace_existing=True, **JOB_DEFAULTS)
    return scheduler


@click.command("scheduler")
@with_appcontext
def scheduler_command() -> None:
    """Run the scheduled jobs in this process (start exactly one)."""
    app = current_app._get_current_object()
    archive_expired_job(app)  # catch up at start: the machine may have been off at 03:15
    scheduler = build_scheduler(app)
    # The in-memory job store forgets a slot missed while the process was down: catch up now
    # (within the grace). The outbox makes this safe: a period already sent sends nothing again.
    for frequency in ("weekly", "daily"):
        scheduler.add_job(digest_round_job, args=[app, frequency, True],
                          id=f"digest_{frequency}_catch_up")
    click.echo(f"JobNet scheduler running ({LOCAL_TIMEZONE_NAME}); jobs: "
               + ", ".join(job.id for job in scheduler.get_jobs()))
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass
