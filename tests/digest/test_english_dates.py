"""English digests write dates day first with a 24-hour clock (jobnet/i18n.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from jobnet.digest.jobs import digest_job
from jobnet.posts.models import Kind
from tests.digest.conftest import monday_slot
from tests.posts.test_english_dates import AMERICAN
from tests.test_i18n import STARTS


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
