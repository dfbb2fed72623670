"""A fair's schedule as calendars see it: state, days, sequence, co-organisers.

The seam between the fair model and the calendar (issue 12). These are simple bodies on the
model as it is today; the fair model's own module replaces them.
"""

from __future__ import annotations

from datetime import date

from jobnet.accounts.models import Organisation
from jobnet.clock import LOCAL_TIMEZONE
from jobnet.posts.models import JobFair, Status

# A fair that was public and then withdrawn or archived before it took place is gone for the
# people who put it in their calendars: they see it as cancelled.
_GONE = frozenset({Status.UNPUBLISHED, Status.IN_REVIEW, Status.ARCHIVED})


def fair_state(fair: JobFair) -> str:
    """"scheduled", "moved" or "cancelled"."""
    return "cancelled" if fair.status in _GONE else "scheduled"


def is_all_day(fair: JobFair) -> bool:
    """Whether the fair has days but no hours."""
    return False


def fair_days(fair: JobFair) -> tuple[date, date]:
    """First and last day of the fair in Hesse."""
    return (fair.starts_at.astimezone(LOCAL_TIMEZONE).date(),
            fair.ends_at.astimezone(LOCAL_TIMEZONE).date())


def calendar_sequence(fair: JobFair) -> int:
    """RFC 5545 SEQUENCE: raised on every change that matters to attendees."""
    return fair.version


def state_note(fair: JobFair) -> str | None:
    """A short note on a moved or cancelled fair, for people."""
    return None


def co_organisers(fair: JobFair) -> list[Organisation]:
    """Organisations that announce the fair together with its own."""
    return []
