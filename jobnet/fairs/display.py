"""A fair's dates as one line people read: dates only for all-day fairs, times otherwise."""

from __future__ import annotations

from flask_babel import format_date, format_time
from flask_babel import gettext as _

from jobnet.fairs.schedule import fair_days, is_all_day
from jobnet.posts.models import JobFair


def when_text(fair: JobFair) -> str:
    """E.g. "12.03.2027, 10:00 – 16:00" or "12.03.2027 – 13.03.2027 (ganztägig)"."""
    first, last = fair_days(fair)
    if is_all_day(fair):
        days = format_date(first, "medium") if first == last else \
            f"{format_date(first, 'medium')} – {format_date(last, 'medium')}"
        return _("%(days)s (ganztägig)", days=days)
    start = f"{format_date(fair.starts_at, 'medium')}, {format_time(fair.starts_at, 'short')}"
    if first == last:
        return f"{start} – {format_time(fair.ends_at, 'short')}"
    return f"{start} – {format_date(fair.ends_at, 'medium')}, {format_time(fair.ends_at, 'short')}"
