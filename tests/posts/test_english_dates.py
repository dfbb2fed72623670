"""English pages and popup data write dates day first with a 24-hour clock (jobnet/i18n.py)."""

from __future__ import annotations

import html
import re
from datetime import timedelta

from jobnet.posts.models import Kind
from tests.test_i18n import STARTS

ENGLISH = {"Accept-Language": "en-US,en;q=0.9"}
AMERICAN = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2}\b|\b(AM|PM)\b|Jan 9, 2027")


def test_english_pages_and_popups_put_the_day_first(make_post, anonymous_get):
    fair = make_post(Kind.FAIR, starts_at=STARTS, ends_at=STARTS + timedelta(hours=6))
    detail = html.unescape(anonymous_get(f"/beitraege/{fair.id}", headers=ENGLISH).get_data(
        as_text=True))
    assert "9 Jan 2027, 10:00" in detail and "9 Jan 2027, 16:00" in detail
    assert not AMERICAN.search(detail), AMERICAN.search(detail)
    listing = html.unescape(anonymous_get("/beitraege/?kind=fair", headers=ENGLISH).get_data(
        as_text=True))
    assert "9 Jan 2027, 10:00 – 16:00" in listing and not AMERICAN.search(listing)
    popup = anonymous_get(f"/karte/beitrag/{fair.id}.json", headers=ENGLISH).json
    assert {"name": "starts_at", "label": "Start", "text": "9 Jan 2027, 10:00"} in popup["facts"]
    assert popup["date"] == "2 Mar 2026"  # published on the tests' fixed day

    german = html.unescape(anonymous_get(f"/beitraege/{fair.id}").get_data(as_text=True))
    assert "09.01.2027, 10:00" in german
