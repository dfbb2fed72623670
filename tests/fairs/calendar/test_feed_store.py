"""The written events outlive the process: a new worker's first feed reads them from the
database instead of writing every event again (the cold first request took seconds)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from jobnet.fairs import ical
from jobnet.posts import services
from tests.fairs.calendar.conftest import NOW, berlin
from tests.fairs.ical_readers import events, utc

FEED = "/jobboersen/kalender.ics"


def _new_process(app) -> None:
    """Forget what this process kept, as a freshly started worker has nothing."""
    ical._kept_events.clear()
    app.extensions["jobnet_fair_feeds"].clear()


def _counting_writes(monkeypatch) -> list[int]:
    written: list[int] = []
    original = ical.build_event

    def build_event(fair, settings, *, reminder):
        written.append(fair.id)
        return original(fair, settings, reminder=reminder)

    monkeypatch.setattr(ical, "build_event", build_event)
    return written


def test_a_new_process_reads_the_stored_events_and_writes_none(app, client, make_fair,
                                                              monkeypatch):
    fairs = [make_fair(start=(2027, 3, day, 10, 0)) for day in range(1, 29, 3)]
    first = client.get(FEED).data
    _new_process(app)
    written = _counting_writes(monkeypatch)
    assert client.get(FEED).data == first
    assert written == []
    # English is another variant: written once, then stored as well.
    client.get(FEED, headers={"Accept-Language": "en"})
    assert len(written) == len(fairs)


def test_a_changed_fair_alone_is_written_again_in_a_new_process(app, client, make_fair,
                                                                 monkeypatch):
    fairs = [make_fair(start=(2027, 3, day, 10, 0)) for day in (1, 8, 15)]
    client.get(FEED)
    moved = fairs[1]
    services.update_post(moved, {"starts_at": berlin(2027, 4, 5, 10, 0),
                                 "ends_at": berlin(2027, 4, 5, 16, 0)},
                         user=moved.author, now=NOW + timedelta(minutes=5))
    _new_process(app)
    written = _counting_writes(monkeypatch)
    found = events(client.get(FEED).data)
    assert written == [moved.id]
    assert utc(found[f"fair-{moved.id}@127.0.0.1"]["DTSTART"]) == datetime(2027, 4, 5, 8,
                                                                           tzinfo=UTC)
    assert len(found) == 3
