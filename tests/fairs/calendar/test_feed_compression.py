"""Feeds and calendar pages travel gzipped, and conditional requests still get 304."""

from __future__ import annotations

import gzip

from tests.fairs.ical_readers import events

FEED = "/jobboersen/kalender.ics"
GZIP = {"Accept-Encoding": "gzip, deflate"}


def test_the_feed_is_gzipped_for_clients_that_take_it(client, make_fair):
    fairs = [make_fair(title=f"Jobbörse Nummer {number}") for number in range(8)]
    plain = client.get(FEED)
    packed = client.get(FEED, headers=GZIP)
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"] and "Accept-Encoding" in plain.headers[
        "Vary"]
    assert len(packed.data) < len(plain.data) / 3
    body = gzip.decompress(packed.data)
    assert body == plain.data
    assert len(events(body)) == len(fairs)
    # Both variants are the same calendar: one weak ETag, and either is answered with 304.
    assert packed.headers["ETag"].startswith('W/"')
    assert packed.headers["ETag"] == plain.headers["ETag"]
    for headers in (GZIP, {}):
        again = client.get(FEED, headers={**headers, "If-None-Match": packed.headers["ETag"]})
        assert again.status_code == 304 and again.data == b""


def test_a_fairs_own_file_and_the_calendar_pages_are_gzipped(client, make_fair):
    fair = make_fair(summary="Arbeitgeber aus der Region stellen sich vor. " * 10)
    own = client.get(f"/beitraege/{fair.id}/kalender.ics", headers=GZIP)
    assert own.headers["Content-Encoding"] == "gzip"
    assert list(events(gzip.decompress(own.data))) == [f"fair-{fair.id}@127.0.0.1"]
    for url in ("/jobboersen/", "/jobboersen/?ansicht=liste", "/jobboersen/archiv"):
        page = client.get(url, headers=GZIP)
        assert page.status_code == 200
        assert page.headers["Content-Encoding"] == "gzip", url
        assert "Jobbörse" in gzip.decompress(page.data).decode()
