"""`flask digest send`: run a digest round by hand, or show what it would send."""

from __future__ import annotations

from time import sleep

import click
from flask import current_app
from flask.cli import AppGroup

from jobnet.clock import utcnow
from jobnet.digest import rounds
from jobnet.digest.models import Frequency
from jobnet.digest.periods import latest_slot, parse_period, period_for_slot
from jobnet.digest.report import RoundReport
from jobnet.digest.settings import DigestSettings

digest_cli = AppGroup("digest", help="Weekly and daily digests.")
# By hand nobody waits for hours of backoff: after this the scheduler takes over the retries.
DEFAULT_MAX_WAIT = 300.0


def _progress(report: RoundReport, note: str | None) -> None:
    done = report.sent + report.skipped + report.failed + report.gone
    line = (f"{report.period}: {done}/{report.total} done ({report.sent} sent, "
            f"{report.skipped} skipped, {report.failed} failed)")
    click.echo(f"{line}; {note}" if note else line)


@digest_cli.command("send")
@click.option("--period", "period_key", help="Week like 2026-W48 or day like 2026-11-23 "
              "(default: the latest weekly slot).")
@click.option("--daily", is_flag=True, help="Without --period: the latest daily slot.")
@click.option("--dry-run", is_flag=True, help="Only print what would be sent.")
@click.option("--no-wait", is_flag=True, help="One pass only: temporary failures are left to "
              "the scheduler, which retries them.")
@click.option("--max-wait", type=click.FloatRange(min=0), default=DEFAULT_MAX_WAIT,
              show_default=True, help="Seconds to wait for retries in all; what is left then "
              "is retried by the scheduler.")
def send_command(period_key: str | None, daily: bool, dry_run: bool, no_wait: bool,
                 max_wait: float) -> None:
    """Send (or with --dry-run list) the digests of a period; already sent ones are not repeated.

    Ctrl+C stops at once and leaves nothing claimed: the scheduler sends the rest.
    """
    settings = DigestSettings.from_config(current_app.config)
    if period_key:
        frequency = Frequency.WEEKLY if "W" in period_key else Frequency.DAILY
        try:
            period = parse_period(period_key, settings.trigger(frequency))
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--period") from None
    else:
        frequency = Frequency.DAILY if daily else Frequency.WEEKLY
        trigger = settings.trigger(frequency)
        period = period_for_slot(frequency, latest_slot(trigger, frequency, utcnow()))
    if dry_run:
        report = rounds.dry_run(period, settings=settings)
        for email, subject in report.planned:
            click.echo(f"{email}: {subject or '(nothing new, not sent)'}")
        click.echo(f"{period.key}: {sum(1 for _e, s in report.planned if s)} digests would be sent, "
                   f"{sum(1 for _e, s in report.planned if not s)} skipped (dry run)")
        return
    try:
        report = rounds.run_round(period, settings=settings,
                                  transport=current_app.extensions["jobnet_mail"], clock=utcnow,
                                  sleep=sleep, max_wait=0.0 if no_wait else max_wait,
                                  progress=_progress)
    except KeyboardInterrupt:
        # run_round has released this process's claims; the scheduler sends the rest.
        click.echo(f"{period.key}: interrupted; nothing is left claimed, the scheduler sends "
                   "the rest", err=True)
        raise SystemExit(130) from None
    click.echo(f"{period.key}: {report.sent} sent, {report.skipped} skipped (nothing new), "
               f"{report.failed} failed")
    if report.waiting:
        at = report.next_retry.strftime("%H:%M:%S UTC") if report.next_retry else "?"
        click.echo(f"{period.key}: {report.waiting} waiting for a retry (next at {at}); "
                   "the scheduler retries them")
