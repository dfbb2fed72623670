"""A fair over several days at the same hours is held on each day, not through the nights:
read by icalendar + dateutil and by ical.js, which expand the RRULE as calendar apps do."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.fairs.ical_readers import events, ical_js, occurrences

FEED = "/jobboersen/kalender.ics"


def _utc(pairs):
    return [(start.astimezone(UTC), end.astimezone(UTC)) for start, end in pairs]


def test_a_two_day_fair_is_two_days_from_ten_to_four(client, make_fair, tmp_path):
    fair = make_fair(start=(2026, 12, 30, 10, 0), end=(2026, 12, 31, 16, 0))
    body = client.get(FEED).data
    event = events(body)[f"fair-{fair.id}@127.0.0.1"]
    assert _utc(occurrences(event)) == [
        (datetime(2026, 12, 30, 9, tzinfo=UTC), datetime(2026, 12, 30, 15, tzinfo=UTC)),
        (datetime(2026, 12, 31, 9, tzinfo=UTC), datetime(2026, 12, 31, 15, tzinfo=UTC))]
    assert b"RRULE:FREQ=DAILY;COUNT=2" in body
    assert b"DTEND;TZID=Europe/Berlin:20261230T160000" in body

    [parsed] = ical_js(tmp_path, [body])
    [seen] = parsed["events"]
    assert [(day["start"]["utc"], day["end"]["utc"]) for day in seen["occurrences"]] == [
        ("2026-12-30T09:00:00.000Z", "2026-12-30T15:00:00.000Z"),
        ("2026-12-31T09:00:00.000Z", "2026-12-31T15:00:00.000Z")]


def test_each_day_keeps_its_local_hours_across_the_daylight_saving_switch(
        client, make_fair, tmp_path):
    # Summer time starts on Sunday 28 March 2027: 10:00 is 09:00 UTC on Saturday, 08:00 after.
    fair = make_fair(start=(2027, 3, 27, 10, 0), end=(2027, 3, 29, 16, 0))
    body = client.get(FEED).data
    event = events(body)[f"fair-{fair.id}@127.0.0.1"]
    local = [(start.strftime("%d %H:%M"), end.strftime("%d %H:%M"))
             for start, end in occurrences(event)]
    assert local == [("27 10:00", "27 16:00"), ("28 10:00", "28 16:00"),
                     ("29 10:00", "29 16:00")]
    assert _utc(occurrences(event))[2] == (datetime(2027, 3, 29, 8, tzinfo=UTC),
                                           datetime(2027, 3, 29, 14, tzinfo=UTC))

    [parsed] = ical_js(tmp_path, [body])
    [seen] = parsed["events"]
    assert [(day["start"]["local"], day["end"]["local"]) for day in seen["occurrences"]] == [
        ("2027-03-27T10:00:00", "2027-03-27T16:00:00"),
        ("2027-03-28T10:00:00", "2027-03-28T16:00:00"),
        ("2027-03-29T10:00:00", "2027-03-29T16:00:00")]
    assert [day["start"]["utc"] for day in seen["occurrences"]] == [
        "2027-03-27T09:00:00.000Z", "2027-03-28T08:00:00.000Z", "2027-03-29T08:00:00.000Z"]


def test_an_evening_into_the_night_stays_one_block(client, make_fair, tmp_path):
    fair = make_fair(start=(2026, 12, 30, 18, 0), end=(2026, 12, 31, 2, 0))
    body = client.get(FEED).data
    event = events(body)[f"fair-{fair.id}@127.0.0.1"]
    assert "RRULE" not in event
    assert _utc(occurrences(event)) == [(datetime(2026, 12, 30, 17, tzinfo=UTC),
                                         datetime(2026, 12, 31, 1, tzinfo=UTC))]
    [parsed] = ical_js(tmp_path, [body])
    assert [(day["start"]["utc"], day["end"]["utc"]) for day in parsed["events"][0][
        "occurrences"]] == [("2026-12-30T17:00:00.000Z", "2026-12-31T01:00:00.000Z")]


def test_a_fairs_own_file_repeats_the_hours_and_keeps_its_sequence(client, make_fair):
    fair = make_fair(start=(2026, 12, 30, 10, 0), end=(2026, 12, 31, 16, 0))
    body = client.get(f"/beitraege/{fair.id}/kalender.ics").data
    [event] = events(body).values()
    assert len(occurrences(event)) == 2
    assert event["SEQUENCE"] == 0  # a new way of writing the same fair is no change to it


def test_the_reminder_of_a_daily_fair_comes_once_the_day_before_it_opens(
        client, make_fair, tmp_path):
    # A relative "-P1D" would fire before each day: on day one, while the reader is at the fair.
    fair = make_fair(start=(2026, 12, 30, 10, 0), end=(2026, 12, 31, 16, 0))
    one_day = make_fair(start=(2027, 1, 12, 10, 0), end=(2027, 1, 12, 16, 0))
    body = client.get(FEED + "?erinnerung=1").data
    found = events(body)
    [alarm] = found[f"fair-{fair.id}@127.0.0.1"].walk("VALARM")
    assert alarm["TRIGGER"].dt == datetime(2026, 12, 29, 9, tzinfo=UTC)
    [relative] = found[f"fair-{one_day.id}@127.0.0.1"].walk("VALARM")
    assert str(relative["TRIGGER"].to_ical(), "ascii") == "-P1D"
    parsed = {event["uid"]: event for event in ical_js(tmp_path, [body])[0]["events"]}
    assert parsed[f"fair-{fair.id}@127.0.0.1"]["alarms"] == ["2026-12-29T09:00:00Z"]
    assert parsed[f"fair-{one_day.id}@127.0.0.1"]["alarms"] == ["-P1D"]
