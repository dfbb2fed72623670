"""A fair's dates, state and organisers as the calendar, feeds, map and digest read them.

The seam between the fair model and its readers (calendar page, iCal feeds): they call these
functions and never read the fair's state columns themselves.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import NamedTuple

from flask_babel import gettext as _

from jobnet.accounts.models import Organisation
from jobnet.clock import to_local
from jobnet.i18n import date_text
from jobnet.posts.models import FairState, JobFair

DEADLINE_DAYS = 7  # a registration deadline this close is marked "Anmeldung bis ..."


def fair_state(fair: JobFair) -> str:
    """"scheduled", "moved" or "cancelled"."""
    return fair.state or FairState.SCHEDULED.value


def is_all_day(fair: JobFair) -> bool:
    """Whether the fair is given by dates only (no times)."""
    return bool(fair.all_day)


def fair_days(fair: JobFair) -> tuple[date, date]:
    """The first and last day of the fair in Europe/Berlin."""
    first = to_local(fair.starts_at)
    end = to_local(fair.ends_at)
    # All-day fairs end at midnight after their last day (exclusive), as do fairs that run
    # until midnight: that midnight belongs to no day of the fair.
    last = (end - timedelta(days=1)).date() if end.hour == end.minute == 0 else end.date()
    return first.date(), max(first.date(), last)


class DailyHours(NamedTuple):
    """A fair held on each of several days at the same local hours."""

    first_day: date
    last_day: date
    opens: time  # wall-clock time in Europe/Berlin, every day of the fair
    closes: time

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1


def daily_hours(fair: JobFair) -> DailyHours | None:
    """The fair's daily hours, when it has them: a timed fair ending on a later local day at a
    later time of day than it began (30.12. 10:00 – 31.12. 16:00) is held 10:00–16:00 on
    each day, not through the night. None for all-day fairs, fairs within one day, and spans
    whose end time of day is not after the start (18:00 – 02:00 next day), which are one block.
    The feeds (RRULE) and every page and digest read this one rule."""
    if is_all_day(fair):
        return None
    start, end = to_local(fair.starts_at), to_local(fair.ends_at)
    if end.date() <= start.date() or end.time() <= start.time():
        return None
    return DailyHours(start.date(), end.date(), start.time(), end.time())


def calendar_sequence(fair: JobFair) -> int:
    """RFC 5545 SEQUENCE: raised on every change of time, venue or state."""
    return fair.calendar_sequence or 0


def state_note(fair: JobFair) -> str | None:
    """A line telling what happened to the fair, e.g. "Abgesagt: <reason>", or None."""
    state = fair_state(fair)
    if state == FairState.CANCELLED:
        return _("Abgesagt: %(reason)s", reason=fair.cancel_reason or "")
    if state == FairState.MOVED and fair.reschedules:
        latest = fair.reschedules[0]  # newest first
        return _("Verschoben vom %(old)s auf den %(new)s",
                 old=date_text(latest.old_starts_at), new=date_text(latest.new_starts_at))
    return None


def deadline_soon(fair: JobFair, today: date) -> date | None:
    """The nearest registration deadline (exhibitors' or visitors') from today to
    DEADLINE_DAYS ahead, for "Anmeldung bis ..."; None for a cancelled fair."""
    if fair_state(fair) == FairState.CANCELLED:
        return None
    soon = today + timedelta(days=DEADLINE_DAYS)
    deadlines = [day for day in (fair.registration_deadline, fair.visitor_registration_deadline)
                 if day is not None and today <= day <= soon]
    return min(deadlines, default=None)


def co_organisers(fair: JobFair) -> list[Organisation]:
    """The organisations announcing the fair together with the posting one, by name."""
    return sorted((row.organisation for row in fair.co_organiser_rows), key=lambda o: o.name)
