"""Daily clean-up of the accounts domain, run by the scheduler process."""

from __future__ import annotations

from datetime import datetime

from jobnet.accounts import throttle, user_sessions
from jobnet.extensions import db


def forget_idle_logins(now: datetime) -> tuple[int, int]:
    """Delete idle sessions and counters whose windows are long over; how many of each."""
    sessions = user_sessions.purge_idle(now)
    counters = throttle.purge(now)
    db.session.commit()
    return sessions, counters
