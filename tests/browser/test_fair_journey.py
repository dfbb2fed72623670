"""Issue 12, "How it will be checked", in Chromium: an organiser announces a two-day fair at
Frankfurt Airport with two co-organisers; a co-organiser's coordinator edits it; it is moved by a
week and cancelled. After each step the feed (read by icalendar's parser, not the app's
serialiser), the calendar page, the map (marker and popup) and the next digest of a subscriber
(the round's composer and mail templates) show it. One browser; one tab per person, reused."""

from __future__ import annotations

import urllib.request
from datetime import date, datetime, timedelta

import pytest
from flask_babel import force_locale

from jobnet.accounts.models import Role
from jobnet.clock import LOCAL_TIMEZONE, utcnow
from jobnet.digest.composer import Composer
from jobnet.digest.links import subscriber_links
from jobnet.digest.periods import Period
from jobnet.digest.render import render_parts
from jobnet.digest.settings import DigestSettings
from tests.browser.conftest import save_screenshot
from tests.browser.fair_helpers import announce_airport_fair
from tests.browser.map_helpers import open_map
from tests.browser.test_foundation_journey import sign_in
from tests.fairs.ical_readers import events, occurrences

pytestmark = pytest.mark.browser


def _tab(chromium, live_server):
    context = chromium.new_context(base_url=live_server, locale="de-DE",
                                   viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.dialogs = []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    return tab


def _feed_event(live_server: str, fair_id: int):
    with urllib.request.urlopen(f"{live_server}/jobboersen/kalender.ics") as response:
        body = response.read()
    host = live_server.split("://", 1)[1].split(":")[0]
    return events(body)[f"fair-{fair_id}@{host}"]


def _calendar_row(tab, fair_id: int) -> str:
    tab.goto("/jobboersen/")
    return tab.locator(f'tr[data-fair-id="{fair_id}"]').inner_text()


def _map_popup(tab, fair_id: int) -> tuple[str, str]:
    """(the marker's class, the popup's text) on the map of upcoming fairs."""
    open_map(tab, "/?upcoming=y")
    tab.evaluate(f"jobnetMap.reveal({fair_id})")
    marker = tab.locator(f'.map-marker[data-post-id="{fair_id}"]')
    marker.click()
    popup = tab.locator(".leaflet-popup-content")
    popup.get_by_text("Termin", exact=True).wait_for()  # a fair held daily: one line for its days
    return marker.get_attribute("class"), popup.inner_text()


def _digest_text(app, subscription, since: datetime) -> str:
    """The subscriber's next digest as its plain-text part, composed now for the window since
    the previous step (their last digest)."""
    with app.test_request_context():
        settings = DigestSettings.from_config(app.config)
        now = utcnow()
        period = Period("weekly", f"journey-{now.timestamp()}", now + timedelta(seconds=1), since)
        digest = Composer(period, settings, [subscription]).digest(subscription)
        assert not digest.is_empty
        with force_locale("de"):
            _subject, text, _html = render_parts(digest, period,
                                                 subscriber_links(subscription, now))
    return text


def test_organiser_journey_reaches_feed_calendar_map_and_digest(
        app, db, chromium, live_server, make_user, make_organisation, make_subscription):
    chamber = make_organisation("IHK Frankfurt am Main", district_ags="06412")
    make_organisation("Agentur für Arbeit Frankfurt am Main", district_ags="06412")
    organiser = make_user(Role.ORGANISER, organisation=make_organisation("Jobcenter Frankfurt"))
    coordinator = make_user(Role.COORDINATOR, organisation=chamber)
    subscriber = make_subscription("leserin@example.org", kinds=["fair"], districts=["06412"])
    day = date.today() + timedelta(days=30)
    since = utcnow() - timedelta(minutes=1)
    organiser_tab, partner_tab, visitor_tab = (_tab(chromium, live_server) for _ in range(3))

    # 1. Announced: two days at the airport, with two co-organisers.
    sign_in(organiser_tab, organiser.email)
    fair_url = announce_airport_fair(organiser_tab, day)
    fair_id = int(fair_url.rstrip("/").rsplit("/", 1)[1])

    event = _feed_event(live_server, fair_id)
    start = event["DTSTART"].dt.astimezone(LOCAL_TIMEZONE)
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert (start.date(), start.hour) == (day, 10)
    # Held on both days from 10:00 to 16:00, not through the night (an RRULE, expanded here).
    assert [(start.date(), start.hour, end.hour) for start, end in occurrences(event)] == [
        (day, 10, 16), (day + timedelta(days=1), 10, 16)]
    assert str(event["STATUS"]) == "CONFIRMED" and "Terminal 1" in str(event["LOCATION"])
    first_sequence = event["SEQUENCE"]
    assert "Jobmesse am Flughafen" in _calendar_row(visitor_tab, fair_id)
    assert "täglich 10:00–16:00" in _calendar_row(visitor_tab, fair_id)
    marker_class, popup = _map_popup(visitor_tab, fair_id)
    assert "state-" not in marker_class and "Terminal 1, Konferenzbereich" in popup
    assert "täglich 10:00–16:00" in popup
    text = _digest_text(app, subscriber, since)
    assert "Jobmesse am Flughafen" in text and "Terminal 1, Konferenzbereich" in text
    assert "täglich 10:00–16:00" in text
    since = utcnow()

    # 2. A co-organiser's coordinator changes the venue.
    sign_in(partner_tab, coordinator.email)
    partner_tab.goto(fair_url + "/bearbeiten")
    partner_tab.fill("input[name=venue]", "Terminal 1, Ebene 2")
    partner_tab.get_by_role("button", name="Änderungen speichern").click()
    partner_tab.wait_for_load_state()
    assert "Terminal 1, Ebene 2" in partner_tab.locator("main").inner_text()
    event = _feed_event(live_server, fair_id)
    assert "Terminal 1, Ebene 2" in str(event["LOCATION"])
    assert event["SEQUENCE"] > first_sequence  # the venue matters to attendees
    edited_sequence = event["SEQUENCE"]
    assert "Terminal 1, Ebene 2" in _calendar_row(visitor_tab, fair_id)
    assert "Terminal 1, Ebene 2" in _map_popup(visitor_tab, fair_id)[1]
    assert "Terminal 1, Ebene 2" in _digest_text(app, subscriber, since)
    since = utcnow()

    # 3. Moved by a week.
    new_day = day + timedelta(days=7)
    partner_tab.get_by_role("link", name="Verschieben").click()
    partner_tab.fill("input[name=starts_at]", f"{new_day.isoformat()}T10:00")
    partner_tab.fill("input[name=ends_at]", f"{(new_day + timedelta(days=1)).isoformat()}T16:00")
    partner_tab.fill("textarea[name=note]", "Halle belegt")
    partner_tab.get_by_role("button", name="Jobbörse verschieben").click()
    partner_tab.wait_for_load_state()
    event = _feed_event(live_server, fair_id)
    assert event["DTSTART"].dt.astimezone(LOCAL_TIMEZONE).date() == new_day
    assert event["DTSTART"].dt.astimezone(LOCAL_TIMEZONE).hour == 10
    assert event["SEQUENCE"] > edited_sequence and str(event["STATUS"]) == "CONFIRMED"
    moved_sequence = event["SEQUENCE"]
    row = _calendar_row(visitor_tab, fair_id)
    assert "Verschoben" in row and row.startswith(new_day.strftime("%d."))
    assert "täglich 10:00–16:00" in row
    marker_class, popup = _map_popup(visitor_tab, fair_id)
    assert "state-moved" in marker_class
    assert "Verschoben vom" in popup and new_day.strftime("%d.%m.%Y") in popup
    text = _digest_text(app, subscriber, since)
    assert "VERSCHOBEN" in text and "Jobmesse am Flughafen" in text

    # 4. Cancelled, with a reason.
    since = utcnow()
    organiser_tab.goto(fair_url)
    organiser_tab.get_by_role("link", name="Absagen").click()
    organiser_tab.fill("textarea[name=reason]", "Zu wenige Anmeldungen von Ausstellern")
    organiser_tab.get_by_role("button", name="Jobbörse absagen").click()
    organiser_tab.wait_for_load_state()
    event = _feed_event(live_server, fair_id)
    assert str(event["STATUS"]) == "CANCELLED" and event["SEQUENCE"] > moved_sequence
    assert "Zu wenige Anmeldungen" in str(event["DESCRIPTION"])
    assert "Abgesagt" in _calendar_row(visitor_tab, fair_id)
    marker_class, popup = _map_popup(visitor_tab, fair_id)
    assert "state-cancelled" in marker_class
    assert "Abgesagt: Zu wenige Anmeldungen von Ausstellern" in popup
    text = _digest_text(app, subscriber, since)
    assert "ABGESAGT: Zu wenige Anmeldungen von Ausstellern" in text
    save_screenshot(visitor_tab, "fair-journey-map-cancelled")
    for tab in (organiser_tab, partner_tab, visitor_tab):
        assert tab.dialogs == []
        tab.context.close()
