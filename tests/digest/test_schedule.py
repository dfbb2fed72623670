"""Scheduling: Berlin time across DST, daily trigger, refusal of 02:xx, grace, coalescing, periods."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from jobnet.config import ConfigError
from jobnet.digest.periods import daily_trigger, latest_slot, period_for_slot, weekly_trigger
from jobnet.scheduler import MISFIRE_GRACE_SECONDS, build_scheduler

BERLIN = ZoneInfo("Europe/Berlin")


def _fires(trigger, start: datetime, days: int) -> list[datetime]:
    fires, previous, now = [], None, start
    while True:
        fire = trigger.get_next_fire_time(previous, now)
        if fire >= start + timedelta(days=days):
            return fires
        fires.append(fire)
        previous, now = fire, fire + timedelta(seconds=1)


@pytest.mark.parametrize("switch", [datetime(2026, 3, 29, tzinfo=BERLIN),
                                    datetime(2026, 10, 25, tzinfo=BERLIN)])
def test_weekly_trigger_fires_once_on_the_monday_after_each_dst_switch(app, switch):
    trigger = build_scheduler(app).get_job("digest_weekly").trigger
    fires = _fires(trigger, switch - timedelta(days=6), 14)
    local = [f.astimezone(BERLIN) for f in fires]
    assert [(f.date().isoformat(), f.hour, f.minute) for f in local] == [
        ((switch - timedelta(days=6)).date().isoformat(), 7, 0),
        ((switch + timedelta(days=1)).date().isoformat(), 7, 0)]


def test_daily_trigger_fires_at_the_configured_local_time_every_day(app):
    trigger = build_scheduler(app).get_job("digest_daily").trigger
    fires = _fires(trigger, datetime(2026, 10, 23, tzinfo=BERLIN), 5)
    assert len(fires) == 5 and {(f.astimezone(BERLIN).hour, f.astimezone(BERLIN).minute)
                                for f in fires} == {(7, 30)}


@pytest.mark.parametrize("cron", ["30 2 * * mon", "0 1-3 * * *", "0 */2 * * *", "* * * * *"])
def test_crons_firing_between_two_and_three_are_refused(cron):
    with pytest.raises(ConfigError, match="02:00 and 03:00"):
        weekly_trigger(cron)


def test_daily_times_in_the_dst_window_and_nonsense_are_refused():
    with pytest.raises(ConfigError, match="02:00 and 03:00"):
        daily_trigger("02:30")
    with pytest.raises(ConfigError, match="HH:MM"):
        daily_trigger("7 Uhr")


def test_digest_jobs_coalesce_with_hours_of_grace_in_berlin_time(app):
    scheduler = build_scheduler(app)
    for job_id in ("digest_weekly", "digest_daily", "archive_expired"):
        job = scheduler.get_job(job_id)
        assert job.coalesce is True and job.misfire_grace_time == MISFIRE_GRACE_SECONDS >= 3600
    assert str(scheduler.timezone) == "Europe/Berlin"


def test_a_late_run_within_the_grace_belongs_to_the_scheduled_period():
    trigger = weekly_trigger("0 7 * * mon")
    scheduled = datetime(2026, 11, 23, 7, 0, tzinfo=BERLIN)
    for late in (timedelta(0), timedelta(minutes=5), timedelta(seconds=MISFIRE_GRACE_SECONDS)):
        slot = latest_slot(trigger, "weekly", scheduled + late)
        assert slot == scheduled and period_for_slot("weekly", slot).key == "2026-W48"
    daily = daily_trigger("07:30")
    slot = latest_slot(daily, "daily", datetime(2026, 11, 24, 9, 0, tzinfo=BERLIN))
    assert period_for_slot("daily", slot).key == "2026-11-24"
