"""A fair's dates, state and organisers as the calendar, feeds, map and digest read them.

The seam between the fair model and its readers (calendar page, iCal feeds): they call these
functions and never read the fair's state columns themselves.
"""

from __future__ import annotations

from datetime import date, timedelta

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
