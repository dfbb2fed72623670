"""A fair's dates as one line people read: dates only for all-day fairs, daily hours for a fair
held on several days at the same hours, times otherwise."""

from __future__ import annotations

from flask_babel import format_time
from flask_babel import gettext as _

from jobnet.fairs.schedule import DailyHours, daily_hours, fair_days, is_all_day
from jobnet.i18n import date_text, datetime_text, days_text
from jobnet.posts.models import JobFair


def when_text(fair: JobFair) -> str:
    """E.g. "12.03.2027, 10:00 – 16:00", "12.–13.03.2027, täglich 10:00–16:00" or
    "12.03.2027 – 13.03.2027 (ganztägig)"."""
    first, last = fair_days(fair)
    if is_all_day(fair):
        days = date_text(first) if first == last else f"{date_text(first)} – {date_text(last)}"
        return _("%(days)s (ganztägig)", days=days)
    if hours := daily_hours(fair):
        return daily_text(hours)
    start = datetime_text(fair.starts_at)
    if first == last:  # the 24-hour clock in both languages, as datetime_text writes it
        return f"{start} – {format_time(fair.ends_at, 'HH:mm')}"
    return f"{start} – {datetime_text(fair.ends_at)}"


def daily_text(hours: DailyHours) -> str:
    """E.g. "30.–31.12.2026, täglich 10:00–16:00" or "30–31 Dec 2026, daily 10:00–16:00"."""
    return _("%(days)s, täglich %(opens)s–%(closes)s",
             days=days_text(hours.first_day, hours.last_day),
             opens=f"{hours.opens:%H:%M}", closes=f"{hours.closes:%H:%M}")
