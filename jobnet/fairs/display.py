"""A fair's dates as one line people read: dates only for all-day fairs, times otherwise."""

from __future__ import annotations

from flask_babel import format_time
from flask_babel import gettext as _

from jobnet.fairs.schedule import fair_days, is_all_day
from jobnet.i18n import date_text, datetime_text
from jobnet.posts.models import JobFair


def when_text(fair: JobFair) -> str:
    """E.g. "12.03.2027, 10:00 – 16:00" or "12.03.2027 – 13.03.2027 (ganztägig)"."""
    first, last = fair_days(fair)
    if is_all_day(fair):
        days = date_text(first) if first == last else f"{date_text(first)} – {date_text(last)}"
        return _("%(days)s (ganztägig)", days=days)
    start = datetime_text(fair.starts_at)
    if first == last:  # the 24-hour clock in both languages, as datetime_text writes it
        return f"{start} – {format_time(fair.ends_at, 'HH:mm')}"
    return f"{start} – {datetime_text(fair.ends_at)}"
