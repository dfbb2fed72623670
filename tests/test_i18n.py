"""Dates as people read them: English day first with a 24-hour clock, German as before.
Pages and popups: tests/posts/test_english_dates.py; digests: tests/digest/test_english_dates.py."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from flask_babel import force_locale

from jobnet.i18n import date_text, datetime_text

# 09:00 UTC is 10:00 in Hesse in January.
STARTS = datetime(2027, 1, 9, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(("locale", "day", "instant", "short"), [
    ("en", "9 Jan 2027", "9 Jan 2027, 10:00", "9 Jan 2027, 10:00"),
    ("de", "09.01.2027", "09.01.2027, 10:00", "09.01.27, 10:00"),
])
def test_date_formats_per_language(app, locale, day, instant, short):
    with app.test_request_context(), force_locale(locale):
        assert date_text(STARTS) == day and date_text(date(2027, 1, 9)) == day
        assert datetime_text(STARTS) == instant
        assert datetime_text(STARTS, "short") == short
