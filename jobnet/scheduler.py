"""The scheduler process: the only place where timed jobs run (never inside web workers); of
those started on several machines, the one elected by jobnet/leadership.py runs them."""

from __future__ import annotations

import logging
import sys
import threading
from datetime import timedelta

import click
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from flask import Flask, current_app
from flask.cli import with_appcontext

from jobnet.clock import LOCAL_TIMEZONE, LOCAL_TIMEZONE_NAME, utcnow
from jobnet.extensions import db
from jobnet.leadership import Election, election_settings, leader_lock_for

log = logging.getLogger("jobnet.scheduler")
# A job that missed its time (process down, machine asleep) still runs when it is at most
# this late; coalescing folds several missed runs into one.
MISFIRE_GRACE_SECONDS = 6 * 3600
JOB_DEFAULTS = {"coalesce": True, "misfire_grace_time": MISFIRE_GRACE_SECONDS, "max_instances": 1}
# A period left unfinished (a round that ended by an error, a hand-run `digest send --no-wait`,
# rows released after a crash) is finished by the sweep this many minutes later at the latest.
SWEEP_MINUTES = 5
# One digest round at a time in this process: the timed rounds, the catch-up and the sweep.
_round_lock = threading.Lock()
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(app: Flask) -> logging.Handler:
    """A handler on the `jobnet` logger (stderr, LOG_LEVEL) for the scheduler process; the
    web process leaves logging to its server. Idempotent."""
    logger = logging.getLogger("jobnet")
    level = logging.getLevelName(str(app.config.get("LOG_LEVEL", "INFO")).upper())
    logger.setLevel(level if isinstance(level, int) else logging.INFO)
    for handler in logger.handlers:
        if getattr(handler, "jobnet_scheduler", False):
            return handler
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.jobnet_scheduler = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    return handler


def archive_expired_job(app: Flask) -> None:
    """Daily housekeeping: archive expired posts and job fairs over for FAIR_ARCHIVE_AFTER_DAYS,
    forget unconfirmed expired subscriptions, idle sessions and old login counters."""
    from jobnet.accounts.housekeeping import forget_idle_logins
    from jobnet.digest.subscriptions import delete_expired_pending
    from jobnet.posts.services import archive_expired_posts, fair_archive_after

    with app.app_context():
        count = archive_expired_posts(now=utcnow(),
                                      fair_archive_after=fair_archive_after(app.config))
        db.session.commit()
        log.info("archived %d expired posts and past job fairs", count)
        # An address waiting for its confirmation is kept no longer than its link is valid.
        log.info("deleted %d expired subscription requests", delete_expired_pending(utcnow()))
        log.info("deleted %d idle sessions and %d old login counters", *forget_idle_logins(utcnow()))


def digest_round_job(app: Flask, frequency: str, catch_up: bool = False) -> None:
    """Send the digests of the period whose trigger slot has just passed.

    An error ends this round only (its claims are released and it is logged without
    addresses); the sweep finishes the period later.
    """
    from jobnet.digest.jobs import digest_job
    from jobnet.digest.report import describe

    within = timedelta(seconds=MISFIRE_GRACE_SECONDS) if catch_up else None
    with _round_lock:
        try:
            report = digest_job(app, frequency, only_within=within)
        except Exception as error:  # noqa: BLE001 (any error)
            log.error("digest %s round failed with %s; the sweep retries it", frequency,
                      describe(error))
            return
    if report is None:
        log.info("digest %s: no slot to catch up within the grace", frequency)


def digest_sweep_job(app: Flask) -> None:
    """Finish the current periods if rows are left over (never starts a period by itself)."""
    from jobnet.digest.jobs import digest_job
    from jobnet.digest.report import describe

    if not _round_lock.acquire(blocking=False):
        return  # a round is running; it finishes its period itself
    try:
        for frequency in ("weekly", "daily"):
            try:
                digest_job(app, frequency, only_unfinished=True)
            except Exception as error:  # noqa: BLE001 (any error)
                log.error("digest %s sweep failed with %s", frequency, describe(error))
    finally:
        _round_lock.release()


def notification_mail_job(app: Flask, *, now=None, transport=None) -> dict[str, int]:
    """Every NOTIFICATION_MAIL_MINUTES: make the due notification mails and send them once."""
    from jobnet.exchange import notification_mail

    with app.app_context():
        now = now or utcnow()
        notification_mail.prepare(now=now)
        counts = notification_mail.send_due(transport or app.extensions["jobnet_mail"], now=now)
        if any(counts.values()):
            log.info("notification mails: %s", counts)
        return counts


def build_scheduler(app: Flask) -> BlockingScheduler:
    """A scheduler with an in-memory job store (never shared between processes)."""
    from jobnet.digest.models import Frequency
    from jobnet.digest.settings import DigestSettings
    from jobnet.posts.services import fair_archive_after

    settings = DigestSettings.from_config(app.config)  # ConfigError for 02:xx or broken crons
    fair_archive_after(app.config)  # a bad value stops the start, not the first night's run
    scheduler = BlockingScheduler(timezone=LOCAL_TIMEZONE, job_defaults=JOB_DEFAULTS)
    for frequency in Frequency:
        scheduler.add_job(digest_round_job, settings.trigger(frequency), args=[app, frequency.value],
                          id=f"digest_{frequency.value}", replace_existing=True, **JOB_DEFAULTS)
    scheduler.add_job(digest_sweep_job, IntervalTrigger(minutes=SWEEP_MINUTES), args=[app],
                      id="digest_sweep", replace_existing=True, **JOB_DEFAULTS)
    scheduler.add_job(notification_mail_job,
                      IntervalTrigger(minutes=app.config["NOTIFICATION_MAIL_MINUTES"]), args=[app],
                      id="notification_mail", replace_existing=True, **JOB_DEFAULTS)
    # 03:15 local time: after the 02:00-03:00 window in which DST changes would run a job twice
    # or not at all.
    scheduler.add_job(archive_expired_job, CronTrigger(hour=3, minute=15, timezone=LOCAL_TIMEZONE),
                      args=[app], id="archive_expired", replace_existing=True, **JOB_DEFAULTS)
    return scheduler


def leadership_check_job(scheduler: BlockingScheduler, election: Election) -> None:
    """Stop this scheduler's jobs as soon as it no longer leads (its lock session ended) or
    is asked to stop."""
    if election.stop.is_set() or not election.still_leading():
        # A round already running finishes in its thread: its claims keep every digest single.
        scheduler.shutdown(wait=False)


def leading_scheduler(app: Flask, election: Election, check_seconds: float) -> BlockingScheduler:
    """The leader's scheduler: the timed jobs, the catch-ups at start and the lead check."""
    scheduler = build_scheduler(app)
    # The in-memory job store forgets a slot missed while no scheduler led: catch up now
    # (within the grace). The outbox makes this safe: a period already sent sends nothing again.
    for frequency in ("weekly", "daily"):
        scheduler.add_job(digest_round_job, args=[app, frequency, True],
                          id=f"digest_{frequency}_catch_up")
    scheduler.add_job(leadership_check_job, IntervalTrigger(seconds=check_seconds),
                      args=[scheduler, election], id="leadership_check", **JOB_DEFAULTS)
    return scheduler


def run_elected(app: Flask, election: Election, *, check_seconds: float) -> None:
    """Wait for the lead, run the jobs while leading, and wait again if the lead is lost."""
    while election.wait_for_lead():
        archive_expired_job(app)  # catch up first: no scheduler may have led at 03:15
        scheduler = leading_scheduler(app, election, check_seconds)
        click.echo(f"JobNet scheduler running ({LOCAL_TIMEZONE_NAME}); jobs: "
                   + ", ".join(job.id for job in scheduler.get_jobs()))
        try:
            scheduler.start()  # returns when leadership_check_job shuts it down
        except (KeyboardInterrupt, SystemExit):
            election.stop.set()


@click.command("scheduler")
@with_appcontext
def scheduler_command() -> None:
    """Run the scheduled jobs; start one on each machine you like, exactly one of them leads."""
    app = current_app._get_current_object()
    configure_logging(app)
    build_scheduler(app)  # a bad setting stops the start at once, not when this one leads
    retry_seconds, check_seconds = election_settings(app.config)
    election = Election(leader_lock_for(app.config, app.instance_path),
                        retry_seconds=retry_seconds)
    try:
        run_elected(app, election, check_seconds=check_seconds)
    except KeyboardInterrupt:
        pass
    finally:
        election.resign()
