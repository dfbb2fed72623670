"""The marker data in the page cache (web/page_cache.py keeps it gzipped with an ETag): a browser
that asks again gets a 304 without a query, a change or a new minute is seen, and gzip and plain
bodies agree."""

from __future__ import annotations

import gzip
import json
from datetime import timedelta

from jobnet import clock
from jobnet.accounts.models import Role
from jobnet.posts.models import Kind


def test_a_revalidation_is_a_304_without_reading_the_posts(client, make_post, statements):
    post = make_post(Kind.SETTLEMENT, title="Rechenzentrum Hanau")
    first = client.get("/karte/daten.json")
    assert first.status_code == 200 and first.get_json()["id"] == [post.id]
    etag = first.headers["ETag"]
    assert "no-cache" in first.headers["Cache-Control"]  # kept, but always asked again
    statements.clear()
    again = client.get("/karte/daten.json", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert all("content_version" in sql for sql in statements), statements
    # Another filter is another body with its own tag.
    other = client.get("/karte/daten.json?kind=fair", headers={"If-None-Match": etag})
    assert other.status_code == 200 and other.get_json()["id"] == []


def test_a_change_gives_a_new_body_and_a_new_minute_the_same_tag(client, make_post, monkeypatch):
    make_post(Kind.SETTLEMENT, title="Rechenzentrum Hanau")
    etag = client.get("/karte/daten.json").headers["ETag"]
    later = clock.utcnow() + timedelta(minutes=1)
    monkeypatch.setattr(clock, "utcnow", lambda: later)
    # Built again for the new minute, but the same content keeps its tag: still a 304.
    assert client.get("/karte/daten.json", headers={"If-None-Match": etag}).status_code == 304
    fair = make_post(Kind.FAIR, title="Jobbörse Hanau")
    changed = client.get("/karte/daten.json", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and fair.id in changed.get_json()["id"]
    assert changed.headers["ETag"] != etag


def test_gzip_and_plain_bodies_are_the_same_json(client, make_post):
    for number in range(60):  # large enough to be worth gzip
        make_post(Kind.PROJECT, title=f"Projekt „{number}“ <b>&")
    packed = client.get("/karte/daten.json", headers={"Accept-Encoding": "gzip"})
    plain = client.get("/karte/daten.json", headers={"Accept-Encoding": "identity"})
    assert packed.headers["Content-Encoding"] == "gzip" and "Content-Encoding" not in plain.headers
    assert json.loads(gzip.decompress(packed.data)) == json.loads(plain.data)
    assert packed.headers["ETag"] == plain.headers["ETag"]
    assert json.loads(plain.data)["title"][0] == "Projekt „0“ <b>&"


def test_signed_in_people_get_it_unstored(client, make_post, login_as):
    post = make_post(Kind.SETTLEMENT)
    login_as(Role.COORDINATOR)
    response = client.get("/karte/daten.json")
    assert response.get_json()["id"] == [post.id]
    assert response.headers["Cache-Control"] == "no-store"
