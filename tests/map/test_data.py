"""The map's JSON endpoints: marker columns, district counts and popup details."""

from __future__ import annotations

import gzip
import json
from datetime import timedelta

import pytest
from sqlalchemy import insert, select

from jobnet.clock import utcnow
from jobnet.posts.models import Kind, Post, Status


def get_json(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/json"
    return response.get_json()


def test_marker_columns_match_the_published_posts_and_follow_the_filters(client, make_post):
    settlement = make_post(Kind.SETTLEMENT, district_ags="06632")
    programme = make_post(Kind.PROGRAMME, district_ags="06435")
    fair = make_post(Kind.FAIR, district_ags="06412", title="Jobbörse Flughafen")
    make_post(Kind.PROJECT, status=Status.DRAFT)
    make_post(Kind.PROJECT, status=Status.UNPUBLISHED)

    data = get_json(client, "/karte/daten.json")
    assert data["id"] == [settlement.id, programme.id, fair.id]  # drafts and taken-down never
    assert [data["kinds"][code] for code in data["kind"]] == ["settlement", "programme", "fair"]
    assert data["lat"][0] == pytest.approx(50.868) and data["lon"][0] == pytest.approx(9.707)
    assert len(data["lat"]) == len(data["lon"]) == 3
    # Each marker's accessible name ("Jobbörse: <title>") needs the title before any popup.
    assert data["title"] == [settlement.title, programme.title, "Jobbörse Flughafen"]

    assert get_json(client, "/karte/daten.json?kind=fair")["id"] == [fair.id]
    assert get_json(client, "/karte/daten.json?district=06435")["id"] == [programme.id]
    assert get_json(client, "/karte/daten.json?q=flughafen")["id"] == [fair.id]
    assert get_json(client, "/karte/daten.json?upcoming=y")["id"] == [fair.id]


@pytest.mark.parametrize("query", [
    "kind=nonsense", "district=99999", "date_from=31.02.2026", "date_to=gestern",
    "date_from=2026-05-01&date_to=2026-01-01", "target_group=%00", "q=" + "x" * 500,
    "district=%3Cscript%3E", "page=-1",
])
def test_bad_filter_values_are_ignored_never_a_server_error(client, make_post, query):
    post = make_post(Kind.SETTLEMENT)
    for endpoint in ("daten.json", "kreise.json", "liste"):
        response = client.get(f"/karte/{endpoint}?{query}")
        assert response.status_code == 200
    assert get_json(client, f"/karte/daten.json?{query}")["id"] == [post.id]
    assert client.get(f"/?{query}").status_code == 200


def test_district_counts_and_announced_jobs(client, make_post):
    make_post(Kind.SETTLEMENT, district_ags="06632", jobs_expected=800)
    make_post(Kind.SETTLEMENT, district_ags="06632", jobs_expected=None)
    make_post(Kind.PROGRAMME, district_ags="06632")
    make_post(Kind.SETTLEMENT, district_ags="06435", jobs_expected=120)
    make_post(Kind.FAIR, district_ags="06435", status=Status.DRAFT)

    def kinds(settlement=0, programme=0, project=0, fair=0):
        return {"settlement": settlement, "programme": programme, "project": project, "fair": fair}

    counts = get_json(client, "/karte/kreise.json")
    assert counts == {"06632": {"posts": 3, "jobs": 800, "kinds": kinds(2, 1)},
                      "06435": {"posts": 1, "jobs": 120, "kinds": kinds(1)}}
    assert get_json(client, "/karte/kreise.json?kind=programme") == {
        "06632": {"posts": 1, "jobs": 0, "kinds": kinds(programme=1)}}


def test_detail_is_json_with_the_text_as_written(client, make_post):
    payload = '</script><script>alert(1)</script> ${alert(1)} ` <img src=x onerror=alert(1)>'
    fair = make_post(Kind.FAIR, district_ags="06412", title=payload, venue=payload, place=payload)
    response = client.get(f"/karte/beitrag/{fair.id}.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    details = response.get_json()
    facts = {fact["name"]: fact["text"] for fact in details["facts"]}
    assert details["title"] == facts["venue"] == details["place"] == payload
    assert details["kind"] == "fair" and details["district"] == "Frankfurt am Main"
    assert details["url"] == f"/beitraege/{fair.id}"
    assert facts["starts_at"] and facts["ends_at"] and details["organisation"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"  # never sniffed as HTML


def test_settlement_detail_carries_its_catchment(client, make_post):
    settlement = make_post(Kind.SETTLEMENT, district_ags="06632", commute_radius_km=30)
    catchment = get_json(client, f"/karte/beitrag/{settlement.id}.json")["catchment"]
    assert catchment["radius_km"] == 30 and catchment["circle"]["type"] == "Polygon"
    assert catchment["districts"][0]["ags"] == "06632"
    assert {row["ags"] for row in catchment["districts"]} == {
        row.district_ags for row in settlement.catchment}


def test_drafts_and_unknown_posts_have_no_details(client, make_post):
    draft = make_post(Kind.PROJECT, status=Status.DRAFT)
    for url in (f"/karte/beitrag/{draft.id}.json", "/karte/beitrag/999999.json",
                "/karte/beitrag/99999999999.json"):
        response = client.get(url)
        assert response.status_code == 404 and "error" in response.get_json()


def test_markers_cost_at_most_60_bytes_per_post_after_gzip(client, db, make_post):
    template = make_post(Kind.SETTLEMENT)
    now = utcnow()
    rows = [{**{c: getattr(template, c) for c in ("title", "summary", "body", "place", "links",
                                                   "organisation_id", "search_text")},
             "kind": ["programme", "project"][i % 2], "status": Status.PUBLISHED,
             "latitude": 49.5 + (i * 7919 % 10007) / 5000, "longitude": 8.0 + (i * 104729 % 10009) / 4000,
             "published_at": now - timedelta(minutes=i), "created_at": now, "updated_at": now}
            for i in range(999)]
    db.session.execute(insert(Post), rows)
    db.session.commit()
    assert db.session.scalar(select(db.func.count(Post.id))) == 1000

    response = client.get("/karte/daten.json", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    body = response.get_data()
    assert len(json.loads(gzip.decompress(body))["id"]) == 1000
    assert len(body) / 1000 <= 60, f"{len(body) / 1000:.1f} bytes per post"


def test_home_page_is_the_map_without_any_foreign_script(client, make_post):
    make_post(Kind.SETTLEMENT, title="Nicht in der Seite des Kartenskripts")
    html = client.get("/").get_data(as_text=True)
    assert 'id="map-root"' in html and "L.map(" in html
    assert "cdn" not in html.lower() and "jquery" not in html.lower()
    assert "Nicht in der Seite des Kartenskripts" in html  # in the list, escaped by Jinja
    assert html.count("Nicht in der Seite des Kartenskripts") == 1  # not in any map script


def test_settlement_page_has_its_catchment_map(client, make_post):
    settlement = make_post(Kind.SETTLEMENT, district_ags="06632")
    html = client.get(f"/beitraege/{settlement.id}").get_data(as_text=True)
    assert 'id="catchment-map"' in html and '"06632"' in html
    fair = make_post(Kind.FAIR)
    assert 'id="catchment-map"' not in client.get(f"/beitraege/{fair.id}").get_data(as_text=True)
