"""What issue 12 asks of the feed text and of states beyond tests in test_feed.py: description
and location escaped for both readers, a cancelled fair leaving the feed after the configured
days, and the JSON-LD status of moved and cancelled fairs."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from jobnet.fairs import services as fair_services
from tests.fairs.calendar.conftest import NOW, berlin
from tests.fairs.ical_readers import events, ical_js

FEED = "/jobboersen/kalender.ics"


def test_description_and_location_are_escaped_for_both_readers(client, make_fair, db, tmp_path):
    fair = make_fair()
    # No NUL: PostgreSQL refuses it and the forms drop it.
    fair.summary = "Zeile eins, mit Komma; Semikolon \\ Backslash\nZeile zwei\x0b\x1f\x7f – Ü"
    fair.venue = "Halle 3; Eingang \\ Süd"
    db.session.commit()
    body = client.get(FEED).data
    for line in body.split(b"\r\n"):
        assert len(line) <= 75 and not re.search(rb"[\x00-\x08\x0a-\x1f\x7f]", line), line
    assert b"Zeile eins\\, mit Komma\\; Semikolon \\\\ Backslash\\nZeile zwei" in body.replace(
        b"\r\n ", b"")
    expected = "Zeile eins, mit Komma; Semikolon \\ Backslash\nZeile zwei – Ü"
    [event] = events(body).values()
    assert expected in str(event["DESCRIPTION"])
    assert str(event["LOCATION"]).startswith("Halle 3; Eingang \\ Süd")
    [parsed] = ical_js(tmp_path, [body])
    assert expected in parsed["events"][0]["description"]
    assert parsed["events"][0]["location"].startswith("Halle 3; Eingang \\ Süd")


def test_a_cancelled_fair_stays_struck_out_for_the_configured_days_then_leaves(
        app, client, make_fair, monkeypatch):
    kept, cancelled = make_fair(title="Bleibt"), make_fair(title="Abgesagt", start=(2027, 6, 1,
                                                                                      10, 0))
    fair_services.cancel_fair(cancelled, user=cancelled.author, now=NOW, reason="Halle zu")
    uid = f"fair-{cancelled.id}@127.0.0.1"
    assert str(events(client.get(FEED).data)[uid]["STATUS"]) == "CANCELLED"
    from jobnet import clock

    days = app.config["FAIRS_FEED_KEEP_CANCELLED_DAYS"]
    monkeypatch.setattr(clock, "utcnow", lambda: NOW + timedelta(days=days - 1))
    assert uid in events(client.get(FEED).data)
    monkeypatch.setattr(clock, "utcnow", lambda: NOW + timedelta(days=days + 1))
    assert set(events(client.get(FEED).data)) == {f"fair-{kept.id}@127.0.0.1"}
    # The calendar page keeps showing it, struck out, until it would have taken place.
    assert "Abgesagt" in client.get("/jobboersen/").get_data(as_text=True)
    # The days are configurable (a new URL: the finished feed is kept for the minute).
    monkeypatch.setitem(app.config, "FAIRS_FEED_KEEP_CANCELLED_DAYS", days + 5)
    assert uid in events(client.get(FEED + "?erinnerung=0").data)


def _json_ld(client, fair_id: int) -> dict:
    html = client.get(f"/beitraege/{fair_id}").get_data(as_text=True)
    match = re.search(r'<script type="application/ld\+json" nonce="[^"]+">(.*?)</script>', html,
                      re.DOTALL)
    return json.loads(match.group(1))


def test_json_ld_says_rescheduled_and_cancelled(client, make_fair):
    fair = make_fair(start=(2027, 3, 29, 10, 0))
    fair_services.move_fair(fair, user=fair.author, now=NOW, starts_at=berlin(2027, 4, 5, 10, 0),
                            ends_at=berlin(2027, 4, 5, 16, 0))
    data = _json_ld(client, fair.id)
    assert data["eventStatus"] == "https://schema.org/EventRescheduled"
    assert data["startDate"] == "2027-04-05T10:00:00+02:00"
    assert data["previousStartDate"] == "2027-03-29T10:00:00+02:00"
    fair_services.cancel_fair(fair, user=fair.author, now=NOW, reason="Halle zu")
    assert _json_ld(client, fair.id)["eventStatus"] == "https://schema.org/EventCancelled"
