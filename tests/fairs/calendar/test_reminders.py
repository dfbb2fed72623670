"""A registration deadline within the next seven days is marked "Anmeldung bis ..." on the
calendar page (month view and list) and in the digest, for exhibitors' and visitors'
deadlines alike; a cancelled fair is not marked."""

from __future__ import annotations

import re
from datetime import date, timedelta

from jobnet.digest.index import load_index
from jobnet.fairs import services as fair_services
from tests.fairs.calendar.conftest import NOW

SOON = "Anmeldung bis 05.12.2026"


def _row(html: str, fair_id: int) -> str:
    match = re.search(rf'data-fair-id="{fair_id}".*?</tr>', html, re.DOTALL)
    assert match, fair_id
    return match.group(0)


def _item(html: str, title: str) -> str:
    match = re.search(rf"<li class=\"post-item[^>]*>(?:(?!</li>).)*{title}.*?</li>", html, re.DOTALL)
    assert match, title
    return match.group(0)


def test_near_deadlines_are_marked_on_the_calendar_page(client, make_fair):
    exhibitors = make_fair(title="Aussteller bald", start=(2026, 12, 10, 10, 0),
                           registration_deadline=date(2026, 12, 5))
    visitors = make_fair(title="Besucher bald", start=(2027, 2, 10, 10, 0),
                         visitor_registration_deadline=date(2026, 12, 5),
                         registration_deadline=date(2027, 1, 20))
    later = make_fair(title="Noch Zeit", start=(2027, 2, 10, 10, 0),
                      registration_deadline=date(2026, 12, 9))  # eight days ahead
    cancelled = make_fair(title="Fällt aus", start=(2026, 12, 10, 10, 0),
                          registration_deadline=date(2026, 12, 5))
    fair_services.cancel_fair(cancelled, user=cancelled.author, now=NOW,
                              reason="Die Halle ist gesperrt.")

    months = client.get("/jobboersen/").get_data(as_text=True)
    assert SOON in _row(months, exhibitors.id)
    assert SOON in _row(months, visitors.id)
    assert "Anmeldung bis" not in _row(months, later.id)
    assert "Anmeldung bis" not in _row(months, cancelled.id)

    listed = client.get("/jobboersen/?ansicht=liste").get_data(as_text=True)
    assert SOON in _item(listed, "Aussteller bald")
    assert SOON in _item(listed, "Besucher bald")
    assert "Anmeldung bis" not in _item(listed, "Noch Zeit")
    assert "Anmeldung bis" not in _item(listed, "Fällt aus")

    english = client.get("/jobboersen/", headers={"Accept-Language": "en"})
    assert "Register by 5 Dec 2026" in _row(english.get_data(as_text=True), exhibitors.id)


def test_the_digest_marks_the_visitors_deadline_as_well(app, make_fair):
    fair = make_fair(title="Besucher bald", start=(2027, 2, 10, 10, 0),
                     visitor_registration_deadline=date(2026, 12, 5))
    index = load_index(since=NOW - timedelta(days=7), until=NOW,
                       fair_until=NOW + timedelta(weeks=2), region=app.config["GEO_REGION"])
    [item] = [item for item in index.fairs if item.id == fair.id]
    assert item.deadline_soon == date(2026, 12, 5)
