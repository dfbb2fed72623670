"""Announcing the two-day fair at Frankfurt Airport with two co-organisers, as issue 12's
organiser does in Chromium (test_fair_states.py, test_fair_journey.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

TITLE = "Jobmesse am Flughafen"
CO_ORGANISERS = ("IHK Frankfurt am Main", "Agentur für Arbeit Frankfurt am Main")


def announce_airport_fair(page, day: date, more: Callable | None = None) -> str:
    """Fill the new-fair form (two days from `day`, co-organisers, venue and point), let `more`
    fill further fields, publish; the fair's address."""
    page.goto("/beitraege/neu/fair")
    page.fill("input[name=title]", TITLE)
    page.fill("textarea[name=summary]", "Zwei Tage Arbeitgeber aus Luftfahrt und Logistik.")
    page.fill("input[name=starts_at]", f"{day.isoformat()}T10:00")
    page.fill("input[name=ends_at]", f"{(day + timedelta(days=1)).isoformat()}T16:00")
    page.fill("input[name=venue]", "Terminal 1, Konferenzbereich")
    for name in CO_ORGANISERS:
        page.get_by_label(name).check()
    if more:
        more(page)
    page.fill("input[name=place]", "Frankfurt Flughafen")
    page.locator("details.coordinates summary").click()
    page.fill("input[name=latitude]", "50,0507")
    page.fill("input[name=longitude]", "8,5713")
    page.get_by_role("button", name="Veröffentlichen").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == TITLE, page.content()[:3000]
    return page.url
