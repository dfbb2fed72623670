"""The iCal feeds as calendar apps read them: parsed by icalendar's reader and by ical.js."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest

from jobnet.accounts.models import Role
from jobnet.fairs import services as fair_services
from jobnet.fairs.rules import all_day_span
from jobnet.posts import services
from jobnet.posts.models import Kind
from tests.fairs.calendar.conftest import NOW, berlin
from tests.fairs.ical_readers import events, ical_js, utc

FEED = "/jobboersen/kalender.ics"


def test_times_across_the_daylight_saving_switch(client, make_fair, tmp_path):
    # Summer time starts on 28 March 2027: 10:00 in Frankfurt is 09:00 UTC before, 08:00 after.
    before = make_fair(start=(2027, 3, 27, 10, 0), end=(2027, 3, 27, 16, 0))
    after = make_fair(start=(2027, 3, 29, 10, 0), end=(2027, 3, 29, 16, 0))
    response = client.get(FEED)
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    found = events(response.data)
    assert utc(found[f"fair-{before.id}@127.0.0.1"]["DTSTART"]) == datetime(2027, 3, 27, 9,
                                                                            tzinfo=UTC)
    assert utc(found[f"fair-{after.id}@127.0.0.1"]["DTSTART"]) == datetime(2027, 3, 29, 8,
                                                                           tzinfo=UTC)
    assert utc(found[f"fair-{after.id}@127.0.0.1"]["DTEND"]) == datetime(2027, 3, 29, 14,
                                                                         tzinfo=UTC)
    assert b"DTSTART;TZID=Europe/Berlin:20270329T100000" in response.data
    assert b"BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin" in response.data

    [parsed] = ical_js(tmp_path, [response.data])
    by_uid = {event["uid"]: event for event in parsed["events"]}
    assert by_uid[f"fair-{before.id}@127.0.0.1"]["start"]["utc"] == "2027-03-27T09:00:00.000Z"
    assert by_uid[f"fair-{after.id}@127.0.0.1"]["start"]["utc"] == "2027-03-29T08:00:00.000Z"
    assert by_uid[f"fair-{after.id}@127.0.0.1"]["start"]["tzid"] == "Europe/Berlin"
    assert parsed["timezones"] == ["Europe/Berlin"]
    assert parsed["name"] == "Jobbörsen in Hessen – JobNet"
    assert parsed["refresh"] == "PT6H"


def test_every_event_carries_what_calendars_need(app, client, make_fair, tmp_path):
    fair = make_fair(district_ags="06435", registration_url="https://example.org/anmeldung")
    body = client.get(FEED).data
    event = events(body)[f"fair-{fair.id}@127.0.0.1"]
    url = f"{app.config['PUBLIC_BASE_URL']}/beitraege/{fair.id}"
    assert str(event["URL"]) == url
    assert url in str(event["DESCRIPTION"])  # calendar apps ignore URL
    assert "https://example.org/anmeldung" in str(event["DESCRIPTION"])
    assert str(event["STATUS"]) == "CONFIRMED"
    assert event["SEQUENCE"] == 0  # a fair not yet moved or cancelled
    assert event["DTSTAMP"].dt == fair.updated_at
    assert event["LAST-MODIFIED"].dt == fair.updated_at
    assert (event["GEO"].latitude, event["GEO"].longitude) == (50.202, 9.188)
    assert "Main-Kinzig-Kreis" in str(event["LOCATION"])
    assert event["ORGANIZER"].params["CN"] == fair.organisation.name
    assert "VALARM" not in body.decode()
    assert b"X-PUBLISHED-TTL:PT6H" in body

    [parsed] = ical_js(tmp_path, [body])
    [seen] = parsed["events"]
    assert (seen["status"], seen["sequence"], seen["url"]) == ("CONFIRMED", 0, url)


def test_reminder_the_day_before_on_request(client, make_fair, tmp_path):
    make_fair()
    body = client.get(FEED + "?erinnerung=1").data
    [event] = events(body).values()
    [alarm] = event.walk("VALARM")
    assert alarm["TRIGGER"].dt == timedelta(days=-1)
    assert str(alarm["ACTION"]) == "DISPLAY"
    [parsed] = ical_js(tmp_path, [body])
    assert parsed["events"][0]["alarms"] == ["-P1D"]


def test_uid_stays_and_sequence_rises_when_the_fair_moves(client, make_fair, tmp_path):
    fair = make_fair(start=(2027, 3, 29, 10, 0))
    first = events(client.get(FEED).data)
    again = events(client.get(FEED).data)
    assert first.keys() == again.keys() == {f"fair-{fair.id}@127.0.0.1"}
    services.update_post(fair, {"starts_at": berlin(2027, 4, 5, 10, 0),
                                "ends_at": berlin(2027, 4, 5, 16, 0)},
                         user=fair.author, now=NOW + timedelta(minutes=5))
    moved = client.get(FEED).data
    [before], [after] = first.values(), events(moved).values()
    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert utc(after["DTSTART"]) == datetime(2027, 4, 5, 8, tzinfo=UTC)
    [parsed] = ical_js(tmp_path, [moved])
    assert parsed["events"][0]["sequence"] == after["SEQUENCE"]


def test_withdrawn_fair_is_cancelled_for_a_while_then_leaves(client, make_fair, make_user,
                                                             monkeypatch, tmp_path):
    # A fair withdrawn by the moderation is struck out as well: subscribed calendars must
    # not keep it as if it took place.
    kept, gone = make_fair(title="Bleibt"), make_fair(title="Fällt aus")
    services.unpublish_post(gone, moderator=make_user(Role.MODERATOR),
                            reason="Die Messe findet nicht statt.", now=NOW)
    body = client.get(FEED).data
    found = events(body)
    cancelled = found[f"fair-{gone.id}@127.0.0.1"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert str(found[f"fair-{kept.id}@127.0.0.1"]["STATUS"]) == "CONFIRMED"
    [parsed] = ical_js(tmp_path, [body])
    assert {e["uid"]: e["status"] for e in parsed["events"]}[
        f"fair-{gone.id}@127.0.0.1"] == "CANCELLED"

    from jobnet import clock
    monkeypatch.setattr(clock, "utcnow", lambda: NOW + timedelta(days=31))
    assert set(events(client.get(FEED).data)) == {f"fair-{kept.id}@127.0.0.1"}


def test_a_cancelled_fair_is_struck_out_with_a_higher_sequence(client, make_fair, tmp_path):
    fair = make_fair(district_ags="06632")
    [before] = events(client.get(FEED + "?district=06632").data).values()
    fair_services.cancel_fair(fair, user=fair.author, now=NOW + timedelta(minutes=5),
                              reason="Die Halle ist gesperrt.")
    body = client.get(FEED + "?district=06632").data
    [event] = events(body).values()
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["SUMMARY"]).startswith("Abgesagt: ")
    assert "Die Halle ist gesperrt." in str(event["DESCRIPTION"])
    assert event["SEQUENCE"] > before["SEQUENCE"] and event["UID"] == before["UID"]
    [parsed] = ical_js(tmp_path, [body])
    assert parsed["events"][0]["status"] == "CANCELLED"


def test_all_day_fair_is_dates_with_the_day_after_as_end(client, make_fair):
    start, end = all_day_span(date(2027, 5, 3), date(2027, 5, 4))
    make_fair(start=start, end=end, all_day=True)
    body = client.get(FEED).data
    [event] = events(body).values()
    assert event["DTSTART"].dt == date(2027, 5, 3)
    assert event["DTEND"].dt == date(2027, 5, 5)
    assert b"DTSTART;VALUE=DATE:20270503" in body


def test_filtered_feed_holds_exactly_the_filtered_fairs(client, make_fair, make_organisation,
                                                        make_user):
    kinzig = [make_fair(district_ags="06435"), make_fair(district_ags="06435")]
    fulda = make_fair(district_ags="06631", target_groups=["refugees"])
    own = make_user(Role.ORGANISER, organisation=make_organisation("IHK Fulda"))
    ihk = make_fair(district_ags="06631", author=own)

    def uids(query: str) -> set[str]:
        response = client.get(f"{FEED}?{query}")
        assert response.status_code == 200
        return set(events(response.data))

    def expected(*fairs) -> set[str]:
        return {f"fair-{fair.id}@127.0.0.1" for fair in fairs}

    assert uids("district=06435") == expected(*kinzig)
    assert uids("district=06631") == expected(fulda, ihk)
    assert uids("target_group=refugees") == expected(fulda)
    assert uids(f"organisation={ihk.organisation_id}") == expected(ihk)
    assert uids("district=06412") == set()
    assert uids("") == expected(*kinzig, fulda, ihk)


@pytest.mark.parametrize("query", [
    "district=99999", "district=06435x", "district=06435&district=06631", "organisation=abc",
    "organisation=999999", "target_group=pirates", "erinnerung=ja", "foo=1", "q=x",
    "district=%00", "district=" + "9" * 5000, "organisation=-1", "organisation=1e3",
])
def test_bad_feed_arguments_are_a_plain_400(client, make_fair, query):
    make_fair()
    response = client.get(f"{FEED}?{query}")
    assert response.status_code == 400
    assert response.mimetype == "text/plain"
    assert response.get_data(as_text=True).strip()


def test_conditional_requests_get_304(client, make_fair):
    make_fair()
    first = client.get(FEED)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert client.get(FEED, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(FEED, headers={"If-Modified-Since": modified}).status_code == 304
    make_fair(title="Neu dazu")
    changed = client.get(FEED, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag


def test_text_is_escaped_and_folded(client, make_fair, db, tmp_path):
    fair = make_fair()
    nasty = ("Jobbörse, Flughafen; Halle \\ B\nzweite Zeile\x07\x1b mit Ümlauten – "
             + "sehr lang " * 12 + "😀")  # 182 of the 200 characters
    fair.title = nasty
    db.session.commit()
    body = client.get(FEED).data
    for line in body.split(b"\r\n"):
        assert len(line) <= 75, line
        assert not re.search(rb"[\x00-\x08\x0a-\x1f\x7f]", line), line
    assert b"\n" not in body.replace(b"\r\n", b"")
    body.decode("utf-8")  # folding never splits a character
    expected = nasty.replace("\x07", "").replace("\x1b", "").replace("\n", " ")
    [event] = events(body).values()
    assert str(event["SUMMARY"]) == expected
    [parsed] = ical_js(tmp_path, [body])
    assert parsed["events"][0]["summary"] == expected


def test_a_fairs_own_file(app, client, make_fair, make_post, tmp_path):
    fair = make_fair()
    response = client.get(f"/beitraege/{fair.id}/kalender.ics")
    assert response.status_code == 200
    assert set(events(response.data)) == {f"fair-{fair.id}@127.0.0.1"}
    assert client.get(f"/beitraege/{fair.id}/kalender.ics",
                      headers={"If-None-Match": response.headers["ETag"]}).status_code == 304
    other = make_post(Kind.PROJECT)
    assert client.get(f"/beitraege/{other.id}/kalender.ics").status_code == 404
    draft = make_fair(status="draft")
    assert client.get(f"/beitraege/{draft.id}/kalender.ics").status_code == 404
    assert client.get("/beitraege/99999/kalender.ics").status_code == 404
    page = client.get(f"/beitraege/{fair.id}").get_data(as_text=True)
    base = app.config["PUBLIC_BASE_URL"]
    host = base.split("://", 1)[1]
    assert f'href="{base}/beitraege/{fair.id}/kalender.ics"' in page
    assert f'href="webcal://{host}/beitraege/{fair.id}/kalender.ics"' in page


def test_timezone_rules_hold_for_years_ahead(client, make_fair, tmp_path):
    # Around every switch up to 2037 (the feed's VTIMEZONE read by ical.js, against zoneinfo).
    from zoneinfo import ZoneInfo

    fairs = []
    for year in range(2027, 2038):
        for month in (3, 10):
            last_sunday = max(date(year, month, day) for day in range(25, 32)
                              if date(year, month, day).weekday() == 6)
            for day in (last_sunday - timedelta(days=1), last_sunday + timedelta(days=1)):
                fairs.append(make_fair(start=(day.year, day.month, day.day, 10, 0)))
    [parsed] = ical_js(tmp_path, [client.get(FEED).data])
    seen = {event["uid"]: event["start"]["utc"] for event in parsed["events"]}
    for fair in fairs:
        local = fair.starts_at.astimezone(ZoneInfo("Europe/Berlin"))
        assert local.hour == 10
        expected = fair.starts_at.strftime("%Y-%m-%dT%H:%M:%S.000Z")
        assert seen[f"fair-{fair.id}@127.0.0.1"] == expected, local
