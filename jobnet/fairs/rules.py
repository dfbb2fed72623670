"""The rules a fair's dates must keep, in one place for the fair form, the move form and services."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l

from jobnet.clock import from_local, local_today

MAX_YEARS_AHEAD = 5  # a fair further ahead is a typo (2062 for 2026), not a plan
MAX_DAYS = 31  # longer is an exhibition, not a job fair, or a typo in the end date


class FairInputError(ValueError):
    """Input the services refuse: (field name, German message) pairs for the form."""

    def __init__(self, problems: list[tuple[str, object]]):
        super().__init__("; ".join(str(message) for _field, message in problems))
        self.problems = problems


def all_day_span(first: date, last: date) -> tuple[datetime, datetime]:
    """Local midnight of the first day to local midnight after the last (exclusive end)."""
    return (from_local(datetime.combine(first, time())),
            from_local(datetime.combine(last + timedelta(days=1), time())))


def time_problems(starts_at: datetime | None, ends_at: datetime | None, *, now: datetime,
                  exhibitor_deadline: date | None = None, visitor_deadline: date | None = None
                  ) -> list[tuple[str, object]]:
    """(field, message) pairs for dates that cannot be right; empty when all is well."""
    if starts_at is None or ends_at is None:
        return []
    problems: list[tuple[str, object]] = []
    if ends_at <= starts_at:
        problems.append(("ends_at", _l("Das Ende muss nach dem Beginn liegen.")))
    elif ends_at - starts_at > timedelta(days=MAX_DAYS):
        problems.append(("ends_at", _l("Eine Jobbörse dauert höchstens %(days)d Tage. Bitte "
                                       "prüfen Sie das Ende.", days=MAX_DAYS)))
    today = local_today(now)
    if local_today(starts_at) > today.replace(year=today.year + MAX_YEARS_AHEAD, day=min(today.day, 28)):
        problems.append(("starts_at", _l("Der Beginn liegt mehr als %(years)d Jahre in der "
                                         "Zukunft. Bitte prüfen Sie das Jahr.",
                                         years=MAX_YEARS_AHEAD)))
    first_day = local_today(starts_at)
    last_day = max(first_day, local_today(ends_at - timedelta(seconds=1)))
    if exhibitor_deadline and exhibitor_deadline > first_day:
        problems.append(("registration_deadline", _l(
            "Der Anmeldeschluss für Aussteller darf nicht nach dem Beginn der Jobbörse liegen.")))
    if visitor_deadline and visitor_deadline > last_day:
        problems.append(("visitor_registration_deadline", _l(
            "Der Anmeldeschluss für Besucher darf nicht nach dem letzten Tag der Jobbörse "
            "liegen.")))
    return problems
