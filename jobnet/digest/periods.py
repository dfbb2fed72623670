"""Period keys ("2026-W48", "2026-11-23") and the trigger slots they come from."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from apscheduler.triggers.cron import CronTrigger

from jobnet.clock import LOCAL_TIMEZONE
from jobnet.config import ConfigError
from jobnet.digest.models import Frequency

WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")
DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# How far back to look for the previous trigger slot: longer than one interval.
LOOKBACK = {Frequency.WEEKLY: timedelta(days=8), Frequency.DAILY: timedelta(days=2)}
INTERVAL = {Frequency.WEEKLY: timedelta(days=7), Frequency.DAILY: timedelta(days=1)}


@dataclass(frozen=True)
class Period:
    """One digest round: its key, the instant its trigger fired, and the posts' time window."""

    frequency: str
    key: str
    slot: datetime  # the scheduled fire time; the window ends here
    since: datetime  # default window start: one interval earlier

    @property
    def week(self) -> int:
        return self.slot.astimezone(LOCAL_TIMEZONE).isocalendar().week


def weekly_trigger(crontab: str) -> CronTrigger:
    """The weekly trigger from a crontab line; refuses times in the DST window 02:00-03:00."""
    try:
        trigger = CronTrigger.from_crontab(crontab, timezone=LOCAL_TIMEZONE)
    except ValueError as error:
        raise ConfigError(f"DIGEST_WEEKLY_CRON {crontab!r} is not a crontab line: {error}") from None
    _refuse_dst_window(trigger, f"DIGEST_WEEKLY_CRON {crontab!r}")
    return trigger


def daily_trigger(hh_mm: str) -> CronTrigger:
    """The daily trigger at "HH:MM" local time; refuses times in the DST window 02:00-03:00."""
    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", str(hh_mm).strip())
    if not match:
        raise ConfigError(f"DIGEST_DAILY_TIME must be HH:MM (e.g. \"07:30\"), not {hh_mm!r}")
    trigger = CronTrigger(hour=int(match[1]), minute=int(match[2]), timezone=LOCAL_TIMEZONE)
    _refuse_dst_window(trigger, f"DIGEST_DAILY_TIME {hh_mm!r}")
    return trigger


def _refuse_dst_window(trigger: CronTrigger, what: str) -> None:
    # On the night of a DST switch 02:00-03:00 happens twice or not at all: a digest there would
    # go out twice or be skipped.
    hour_field = next(field for field in trigger.fields if field.name == "hour")
    if hour_field.get_next_value(datetime(2026, 1, 5, 2, 0)) == 2:
        raise ConfigError(f"{what} fires between 02:00 and 03:00, where daylight saving time "
                          "changes run jobs twice or not at all; choose another hour")


def latest_slot(trigger: CronTrigger, frequency: str, now: datetime) -> datetime:
    """The trigger's last fire time at or before `now`.

    The job receives no arguments; a run that starts late (a misfire within the grace time) still
    finds the slot it was scheduled for, because the grace (hours) is shorter than the interval.
    """
    previous, fire = None, trigger.get_next_fire_time(None, now - LOOKBACK[frequency])
    while fire is not None and fire <= now:
        previous, fire = fire, trigger.get_next_fire_time(fire, fire + timedelta(seconds=1))
    if previous is None:
        raise ValueError(f"the {frequency} trigger did not fire in the lookback window")
    return previous


def period_for_slot(frequency: str, slot: datetime) -> Period:
    """The period whose trigger fired at `slot`."""
    local = slot.astimezone(LOCAL_TIMEZONE)
    if frequency == Frequency.WEEKLY:
        year, week, _ = local.isocalendar()
        key = f"{year}-W{week:02d}"
    else:
        key = local.date().isoformat()
    return Period(frequency, key, slot, slot - INTERVAL[Frequency(frequency)])


def parse_period(key: str, trigger: CronTrigger) -> Period:
    """The period for a key given on the command line, with the slot the trigger gives it."""
    if WEEK_RE.match(key):
        year, week = (int(part) for part in WEEK_RE.match(key).groups())
        try:
            monday = date.fromisocalendar(year, week, 1)
        except ValueError:
            raise ValueError(f"{key} is not a calendar week") from None
        frequency, start = Frequency.WEEKLY, monday
    elif DAY_RE.match(key):
        try:
            start = date.fromisoformat(key)
        except ValueError:
            raise ValueError(f"{key} is not a date") from None
        frequency = Frequency.DAILY
    else:
        raise ValueError(f"{key!r}: expected a week like 2026-W48 or a day like 2026-11-23")
    begin = datetime.combine(start, datetime.min.time(), LOCAL_TIMEZONE)
    slot = trigger.get_next_fire_time(None, begin)
    return period_for_slot(frequency, slot)


def slot_of_key(key: str, trigger: CronTrigger) -> datetime | None:
    """The slot of an earlier period key (a subscriber's last digest), or None if unreadable."""
    try:
        return parse_period(key, trigger).slot
    except (ValueError, TypeError):
        return None
