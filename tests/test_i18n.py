"""Dates as people read them: English day first with a 24-hour clock, German as before, in pages,
popup data and digests."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from flask_babel import force_locale

from jobnet.digest.jobs import digest_job
from jobnet.i18n import date_text, datetime_text
from jobnet.posts.models import Kind
from tests.digest.conftest import make_subscription, monday_slot  # noqa: F401  (fixture)
from tests.posts.conftest import anonymous_get, make_post  # noqa: F401  (fixtures)

# 09:00 UTC is 10:00 in Hesse in January.
STARTS = datetime(2027, 1, 9, 9, 0, tzinfo=UTC)
ENGLISH = {"Accept-Language": "en-US,en;q=0.9"}
AMERICAN = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2}\b|\b(AM|PM)\b|Jan 9, 2027")


@pytest.mark.parametrize(("locale", "day", "instant", "short"), [
    ("en", "9 Jan 2027", "9 Jan 2027, 10:00", "9 Jan 2027, 10:00"),
    ("de", "09.01.2027", "09.01.2027, 10:00", "09.01.27, 10:00"),
])
def test_date_formats_per_language(app, locale, day, instant, short):
    with app.test_request_context(), force_locale(locale):
        assert date_text(STARTS) == day and date_text(date(2027, 1, 9)) == day
        assert datetime_text(STARTS) == instant
        assert datetime_text(STARTS, "short") == short


def test_english_pages_and_popups_put_the_day_first(make_post, anonymous_get):
    fair = make_post(Kind.FAIR, starts_at=STARTS, ends_at=STARTS + timedelta(hours=6))
    detail = html.unescape(anonymous_get(f"/beitraege/{fair.id}", headers=ENGLISH).get_data(
        as_text=True))
    assert "9 Jan 2027, 10:00" in detail and "9 Jan 2027, 16:00" in detail
    assert not AMERICAN.search(detail), AMERICAN.search(detail)
    listing = html.unescape(anonymous_get("/beitraege/?kind=fair", headers=ENGLISH).get_data(
        as_text=True))
    assert "9 Jan 2027, 10:00 – 9 Jan 2027, 16:00" in listing and not AMERICAN.search(listing)
    popup = anonymous_get(f"/karte/beitrag/{fair.id}.json", headers=ENGLISH).json
    assert {"name": "starts_at", "label": "Start", "text": "9 Jan 2027, 10:00"} in popup["facts"]
    assert popup["date"] == "2 Mar 2026"  # published on the tests' fixed day

    german = html.unescape(anonymous_get(f"/beitraege/{fair.id}").get_data(as_text=True))
    assert "09.01.2027, 10:00" in german


def test_english_digests_put_the_day_first(app, db, make_post, make_subscription, mail_outbox):
    make_subscription("reader@example.org", locale="en")
    slot = monday_slot(datetime(2027, 1, 1, tzinfo=UTC))
    make_post(Kind.FAIR, district_ags="06435", now=slot - timedelta(days=1), starts_at=STARTS,
              ends_at=STARTS + timedelta(hours=6), registration_deadline=date(2027, 1, 5))
    report = digest_job(app, "weekly", now=slot + timedelta(minutes=2))
    assert report.sent == 1
    [message] = mail_outbox
    text = message.get_body(preferencelist=("plain",)).get_content()
    mail_html = message.get_body(preferencelist=("html",)).get_content()
    for part in (text, mail_html):
        assert "9 Jan 2027, 10:00" in part and "5 Jan 2027" in part
        assert not AMERICAN.search(part), AMERICAN.search(part)
