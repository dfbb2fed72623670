"""GET /api/v1/posts, /posts/<id> and /posts.geojson: published posts only, stable cursor pages,
the list's filters, JSON 400/404 for bad input, the licence on every answer."""

from __future__ import annotations

from datetime import timedelta

import pytest

from jobnet.clock import utcnow
from jobnet.posts.models import Kind, Status

LICENCE_LINK = '<https://www.govdata.de/dl-de/by-2-0>; rel="license"'


def get_json(client, url, status=200, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == status, response.get_data(as_text=True)
    return response


def walk(client, url):
    """Every item over all pages, following the next links as a client would."""
    items = []
    while url:
        body = get_json(client, url).get_json()
        items += body["items"]
        url = body["next"]
    return items


def test_list_shows_published_posts_of_every_kind_newest_first(client, make_post):
    now = utcnow()
    ids = [make_post(kind, now=now - timedelta(hours=hours)).id
           for hours, kind in enumerate([Kind.SETTLEMENT, Kind.PROGRAMME, Kind.PROJECT, Kind.FAIR])]
    make_post(Kind.SETTLEMENT, status=Status.DRAFT)
    make_post(Kind.SETTLEMENT, status=Status.UNPUBLISHED)
    response = get_json(client, "/api/v1/posts")
    body = response.get_json()
    assert [item["id"] for item in body["items"]] == ids
    assert body["next"] is None
    fair = body["items"][3]
    assert fair["kind"] == "fair" and fair["state"] == "scheduled"
    assert fair["url"].endswith(f"/beitraege/{ids[3]}")
    assert "company" not in fair and body["items"][0]["company"] == "Beispiel Logistik GmbH"
    assert body["license"]["url"] == "https://www.govdata.de/dl-de/by-2-0"
    assert LICENCE_LINK in response.headers.getlist("Link")


def test_contact_is_only_in_the_api_when_the_author_made_it_public(client, make_post):
    make_post(contact_name="Erika Muster", contact_email="erika@example.org")
    make_post(contact_name="Max Offen", contact_email="max@example.org", contact_public=True,
              now=utcnow() + timedelta(seconds=1))
    items = get_json(client, "/api/v1/posts").get_json()["items"]
    assert [(i["contact_name"], i["contact_email"]) for i in items] == [
        ("Max Offen", "max@example.org"), (None, None)]


def test_pages_neither_repeat_nor_skip_when_posts_arrive_between_requests(client, make_post):
    now = utcnow() - timedelta(hours=1)
    old = [make_post(now=now - timedelta(minutes=i)).id for i in range(5)]
    first = get_json(client, "/api/v1/posts?limit=2")
    body = first.get_json()
    assert [i["id"] for i in body["items"]] == old[:2]
    assert f'<{body["next"]}>; rel="next"' in first.headers.getlist("Link")
    make_post(now=utcnow())  # newer than everything: lands on a first page, not in the middle
    rest = walk(client, body["next"])
    assert [i["id"] for i in rest] == old[2:]


def test_posts_published_in_the_same_instant_are_all_paged_once(client, make_post):
    now = utcnow() - timedelta(hours=1)
    ids = {make_post(now=now).id for _ in range(5)}
    items = walk(client, "/api/v1/posts?limit=2")
    assert sorted(i["id"] for i in items) == sorted(ids)


def test_filters_of_the_list_apply_and_travel_in_the_next_link(client, make_post):
    now = utcnow()
    fairs = [make_post(Kind.FAIR, district_ags="06435", now=now - timedelta(minutes=i),
                       starts_at=now + timedelta(days=20 - i)).id for i in range(3)]
    make_post(Kind.FAIR, district_ags="06611")
    make_post(Kind.SETTLEMENT, district_ags="06435")
    items = walk(client, "/api/v1/posts?kind=fair&district=06435&limit=1")
    assert [i["id"] for i in items] == fairs
    upcoming = walk(client, "/api/v1/posts?upcoming=y&district=06435&limit=2")
    assert [i["id"] for i in upcoming] == list(reversed(fairs))  # soonest first


@pytest.mark.parametrize("query, message", [
    ("colour=blue", "Unbekannter Filter „colour“"),
    ("page=2", "Unbekannter Filter „page“"),
    ("kind=castle", "für den Filter „kind“"),
    ("district=99999", "für den Filter „district“"),
    ("date_from=31.02.2027", "für den Filter „date_from“"),
    ("date_from=2027-03-02&date_to=2027-03-01", "für den Filter „date_to“"),
    ("organisation=abc", "für den Filter „organisation“"),
    ("limit=0", "limit muss eine ganze Zahl von 1 bis 100 sein"),
    ("limit=101", "limit muss"),
    ("limit=99999999999999999999", "limit muss"),
    ("limit=ten", "limit muss"),
    ("limit=5&limit=6", "limit darf nur einmal"),
    ("cursor=not-a-cursor", "cursor ist ungültig"),
    ("cursor=%F0%9F%98%80", "cursor ist ungültig"),
    ("cursor=cC45OTk5OTk5OTk5OTk5OTk5OTk5LjE", "cursor ist ungültig"),  # year 300000
    ("cursor=cC4xLjA", "cursor ist ungültig"),  # id 0
])
def test_bad_parameters_get_a_json_400_with_a_clear_message(client, query, message):
    for path in ("/api/v1/posts", "/api/v1/posts.geojson"):
        response = get_json(client, f"{path}?{query}", status=400)
        assert response.is_json and message in response.get_json()["error"]


def test_a_cursor_of_the_list_order_is_refused_for_upcoming_fairs(client, make_post):
    for i in range(2):
        make_post(now=utcnow() - timedelta(minutes=i))
    cursor = get_json(client, "/api/v1/posts?limit=1").get_json()["next"].split("cursor=")[1]
    response = get_json(client, f"/api/v1/posts?upcoming=y&cursor={cursor}", status=400)
    assert "anderen Sortierung" in response.get_json()["error"]


def test_one_post_by_id_and_json_404_for_drafts_and_unknown_ids(client, make_post):
    post = make_post(Kind.PROJECT)
    draft = make_post(status=Status.DRAFT)
    response = get_json(client, f"/api/v1/posts/{post.id}")
    record = response.get_json()
    assert record["id"] == post.id and record["target_groups"] == ["youth_u25"]
    assert record["license"]["name"].startswith("Datenlizenz Deutschland")
    assert LICENCE_LINK in response.headers.getlist("Link")
    for path in (f"/api/v1/posts/{draft.id}", "/api/v1/posts/999999", "/api/v1/posts/abc",
                 "/api/v1/posts/99999999999999"):
        missing = get_json(client, path, status=404)
        assert missing.is_json and missing.get_json()["error"]


def test_geojson_is_a_feature_collection_with_longitude_first(client, make_post):
    post = make_post(district_ags="06435")
    response = get_json(client, "/api/v1/posts.geojson")
    assert response.mimetype == "application/geo+json"
    collection = response.get_json()
    assert collection["type"] == "FeatureCollection"
    [feature] = collection["features"]
    assert feature["id"] == post.id and feature["properties"]["district_ags"] == "06435"
    assert feature["geometry"] == {"type": "Point", "coordinates": [9.188, 50.202]}


def test_errors_speak_english_when_asked_and_say_which_language(client):
    response = get_json(client, "/api/v1/posts?limit=0", status=400,
                        headers={"Accept-Language": "en"})
    assert response.get_json()["error"] == "limit must be a whole number from 1 to 100."
    assert response.headers["Content-Language"] == "en"
    assert "Accept-Language" in response.headers["Vary"]
