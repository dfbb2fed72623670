"""The scheduled digest job: finds its period from the trigger slot and runs the round."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta

from flask import Flask

from jobnet.clock import utcnow
from jobnet.digest import outbox
from jobnet.digest.periods import latest_slot, period_for_slot
from jobnet.digest.report import RoundReport
from jobnet.digest.rounds import run_round
from jobnet.digest.settings import DigestSettings


def moving_clock(start: datetime) -> Callable[[], datetime]:
    """A clock that starts at an injected instant and then runs with real time."""
    origin = time.monotonic()
    return lambda: start + timedelta(seconds=time.monotonic() - origin)


def digest_job(app: Flask, frequency: str, *, now: datetime | None = None, transport=None,
               sleep: Callable[[float], None] = time.sleep,
               only_within: timedelta | None = None,
               only_unfinished: bool = False) -> RoundReport | None:
    """Run the round of the period whose slot is the latest at `now` (default: the real time).

    APScheduler does not pass the scheduled time to the job; the latest trigger slot at or before
    the start is that time, also for a late (misfired) start, since the grace is shorter than
    the interval. `only_within`: catch-up at start, skipped when the slot is older than that.
    `only_unfinished`: the sweep, which only finishes a period that has rows left to send.
    """
    with app.app_context():
        settings = DigestSettings.from_config(app.config)
        clock = moving_clock(now) if now is not None else utcnow
        start = clock()
        slot = latest_slot(settings.trigger(frequency), frequency, start)
        if only_within is not None and start - slot > only_within:
            return None
        period = period_for_slot(frequency, slot)
        if only_unfinished and not outbox.unfinished(period):
            return None
        return run_round(period, settings=settings,
                         transport=transport or app.extensions["jobnet_mail"],
                         clock=clock, sleep=sleep)
