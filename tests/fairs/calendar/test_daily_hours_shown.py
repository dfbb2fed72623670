"""A fair held daily at the same hours reads the same on the calendar page, the fair's page and
its map popup, in German and English; an evening into the night stays one span."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from flask_babel import force_locale

from jobnet.i18n import days_text

GERMAN = "30.–31.12.2026, täglich 10:00–16:00"
ENGLISH = "30–31 Dec 2026, daily 10:00–16:00"


def _row(html: str, fair_id: int) -> str:
    return re.search(rf'data-fair-id="{fair_id}".*?</tr>', html, re.DOTALL).group(0)


@pytest.mark.parametrize(("language", "expected"), [("de", GERMAN), ("en", ENGLISH)])
def test_calendar_fair_page_and_popup_say_daily_hours(client, make_fair, language, expected):
    fair = make_fair(start=(2026, 12, 30, 10, 0), end=(2026, 12, 31, 16, 0))
    headers = {"Accept-Language": language}
    calendar = client.get("/jobboersen/", headers=headers).get_data(as_text=True)
    row = _row(calendar, fair.id)
    assert expected in row
    assert "31.12.2026, 16:00" not in row and "31 Dec 2026, 16:00" not in row
    page = client.get(f"/beitraege/{fair.id}", headers=headers).get_data(as_text=True)
    assert re.search(r'class="fair-when".*?' + re.escape(expected), page, re.DOTALL)
    popup = client.get(f"/karte/beitrag/{fair.id}.json", headers=headers).get_json()
    assert popup["when"] == expected
    # The popup shows its facts: one line for the days, no start and end through the nights.
    facts = {fact["name"]: fact["text"] for fact in popup["facts"]}
    assert facts["when"] == expected and not {"starts_at", "ends_at"} & set(facts)


def test_an_evening_into_the_night_is_one_span(client, make_fair):
    fair = make_fair(start=(2026, 12, 30, 18, 0), end=(2026, 12, 31, 2, 0))
    row = _row(client.get("/jobboersen/").get_data(as_text=True), fair.id)
    assert "30.12.2026, 18:00 – 31.12.2026, 02:00" in row and "täglich" not in row
    popup = client.get(f"/karte/beitrag/{fair.id}.json").get_json()
    assert popup["when"] == "30.12.2026, 18:00 – 31.12.2026, 02:00"
    assert {"starts_at", "ends_at"} <= {fact["name"] for fact in popup["facts"]}


def test_a_one_day_fair_reads_on_the_calendar_as_on_its_page(client, make_fair):
    fair = make_fair(start=(2026, 12, 11, 12, 0), end=(2026, 12, 11, 18, 0))
    row = _row(client.get("/jobboersen/").get_data(as_text=True), fair.id)
    assert "<td>11.12.2026, 12:00 – 18:00</td>" in row
    assert "11.12.2026, 12:00 – 18:00" in client.get(f"/beitraege/{fair.id}").get_data(
        as_text=True)


def test_day_spans_name_the_shared_month_and_year_once(app):
    spans = [(date(2026, 11, 30), date(2026, 12, 1)), (date(2026, 12, 31), date(2027, 1, 1)),
             (date(2027, 3, 1), date(2027, 3, 2))]
    with app.test_request_context(), force_locale("de"):
        assert [days_text(*span) for span in spans] == [
            "30.11. – 01.12.2026", "31.12.2026 – 01.01.2027", "01.–02.03.2027"]
    with app.test_request_context(), force_locale("en"):
        assert [days_text(*span) for span in spans] == [
            "30 Nov – 1 Dec 2026", "31 Dec 2026 – 1 Jan 2027", "1–2 Mar 2027"]


def test_json_ld_keeps_the_span_and_adds_the_daily_schedule(client, make_fair):
    daily = make_fair(start=(2026, 12, 30, 10, 0), end=(2026, 12, 31, 16, 0))
    evening = make_fair(start=(2026, 12, 30, 18, 0), end=(2026, 12, 31, 2, 0))
    data = _json_ld(client, daily.id)
    assert (data["startDate"], data["endDate"]) == ("2026-12-30T10:00:00+01:00",
                                                    "2026-12-31T16:00:00+01:00")
    assert data["eventSchedule"] == {
        "@type": "Schedule", "startDate": "2026-12-30", "endDate": "2026-12-31",
        "startTime": "10:00", "endTime": "16:00", "repeatFrequency": "P1D", "repeatCount": 2,
        "scheduleTimezone": "Europe/Berlin"}
    assert "eventSchedule" not in _json_ld(client, evening.id)


def _json_ld(client, fair_id: int) -> dict:
    html = client.get(f"/beitraege/{fair_id}").get_data(as_text=True)
    block = re.search(r'<script type="application/ld\+json" nonce="[^"]+">(.*?)</script>', html,
                      re.DOTALL)
    return json.loads(block.group(1))
