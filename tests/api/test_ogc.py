"""OGC API – Features Part 1 Core under /api/v1/ogc: the resources the standard asks for, and
GDAL's own OAPIF and GeoJSON drivers reading the posts from a live server."""

from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta

import pytest

from jobnet.clock import LOCAL_TIMEZONE, utcnow
from jobnet.posts.models import Kind, Status
from tests.conftest import require_system_tool

ROOT = "/api/v1/ogc"
ITEMS = f"{ROOT}/collections/posts/items"


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)
    return response


def rels(body) -> dict[str, str]:
    return {link["rel"]: link["href"] for link in body["links"]}


def test_landing_page_links_the_description_conformance_and_data(client):
    links = rels(get(client, ROOT).get_json())
    assert links["service-desc"].endswith("/api/v1/openapi.json")
    assert links["conformance"].endswith(f"{ROOT}/conformance")
    assert links["data"].endswith(f"{ROOT}/collections")
    assert links["license"] == "https://www.govdata.de/dl-de/by-2-0"
    conforms = get(client, f"{ROOT}/conformance").get_json()["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in conforms
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson" in conforms


def test_the_collection_covers_hesse(client):
    [posts] = get(client, f"{ROOT}/collections").get_json()["collections"]
    assert posts == get(client, f"{ROOT}/collections/posts").get_json()
    west, south, east, north = posts["extent"]["spatial"]["bbox"][0]
    assert 7.7 < west < 7.8 and 49.3 < south < 49.5 and 10.2 < east < 10.3 and 51.6 < north < 51.7
    assert rels(posts)["items"].endswith(ITEMS)


def test_items_page_with_counts_and_next_link(client, make_post):
    now = utcnow()
    ids = [make_post(now=now - timedelta(minutes=i)).id for i in range(3)]
    make_post(status=Status.DRAFT)
    long_ago = now - timedelta(days=30)
    make_post(Kind.FAIR, now=long_ago, starts_at=long_ago + timedelta(days=10))  # over: left out
    response = get(client, f"{ITEMS}?limit=2")
    assert response.mimetype == "application/geo+json"
    body = response.get_json()
    assert (body["numberMatched"], body["numberReturned"]) == (3, 2)
    assert [f["id"] for f in body["features"]] == ids[:2]
    following = get(client, rels(body)["next"]).get_json()
    assert [f["id"] for f in following["features"]] == ids[2:]
    assert "next" not in rels(following)


def test_bbox_and_datetime_select_features(client, make_post):
    now = utcnow()
    gelnhausen = make_post(district_ags="06435", now=now - timedelta(days=3))
    kassel = make_post(district_ags="06611", now=now - timedelta(days=1))
    fair = make_post(Kind.FAIR, district_ags="06611", starts_at=now + timedelta(days=30))
    in_box = get(client, f"{ITEMS}?bbox=9.0,50.0,9.5,50.5").get_json()["features"]
    assert [f["id"] for f in in_box] == [gelnhausen.id]
    since = (now - timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    recent = get(client, f"{ITEMS}?datetime={since}/..").get_json()["features"]
    assert {f["id"] for f in recent} == {kassel.id, fair.id}
    # A bare date is a day in Hesse (api/params.py): from 23:00 UTC in winter it is tomorrow.
    day = (now + timedelta(days=30)).astimezone(LOCAL_TIMEZONE).date().isoformat()
    that_day = get(client, f"{ITEMS}?datetime={day}").get_json()["features"]
    assert [f["id"] for f in that_day] == [fair.id]  # a fair counts by when it takes place


def test_a_limit_above_the_maximum_is_served_as_the_maximum(client, make_post):
    make_post()
    body = get(client, f"{ITEMS}?limit=50000").get_json()
    assert body["numberReturned"] == 1
    # However many digits: Part 1 (/req/core/fc-limit-response-1) allows no error here.
    huge = get(client, f"{ITEMS}?limit=99999999999999999999999").get_json()
    assert huge["numberReturned"] == 1


@pytest.mark.parametrize("query", ["bbox=1,2,3", "bbox=9,51,10,50", "bbox=a,b,c,d",
                                   "bbox=nan,1,2,3", "datetime=yesterday", "datetime=../..",
                                   "datetime=2027-03-02/2027-03-01", "limit=0", "f=xml",
                                   "sortby=title", "cursor=xyz"])
def test_bad_item_queries_are_a_json_400(client, query):
    response = get(client, f"{ITEMS}?{query}", status=400)
    assert response.get_json()["error"]


def test_one_feature_with_its_links_or_a_json_404(client, make_post):
    post = make_post(Kind.PROGRAMME)
    feature = get(client, f"{ITEMS}/{post.id}").get_json()
    assert feature["type"] == "Feature" and feature["properties"]["programme_type"]
    assert rels(feature)["collection"].endswith(f"{ROOT}/collections/posts")
    assert rels(feature)["alternate"].endswith(f"/beitraege/{post.id}")
    draft = make_post(status=Status.DRAFT)
    assert get(client, f"{ITEMS}/{draft.id}", status=404).get_json()["error"]
    assert get(client, f"{ROOT}/collections/other", status=404).is_json


def ogrinfo(*args: str) -> str:
    tool = require_system_tool(shutil.which("ogrinfo"), "GDAL (apt-get install gdal-bin)")
    done = subprocess.run([tool, "-ro", "-so", "-al", *args], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def published_mix(make_post) -> list[int]:
    now = utcnow()
    return [make_post(kind, now=now - timedelta(minutes=i)).id
            for i, kind in enumerate([Kind.SETTLEMENT, Kind.PROGRAMME, Kind.PROJECT, Kind.FAIR]
                                     * 3)]


def test_gdal_opens_the_ogc_api_with_every_post_and_its_fields(live_server, db, make_post):
    published_mix(make_post)
    make_post(status=Status.DRAFT)
    report = ogrinfo(f"OAPIF:{live_server}{ROOT}")
    assert "Layer name: posts" in report and "Geometry: Point" in report
    assert "Feature Count: 12" in report
    for field in ("title: String", "kind: String", "jobs_expected: Integer", "starts_at: DateTime",
                  "district_ags: String", "published_at: DateTime"):
        assert field in report, field
    # GDAL pages through the cursors itself: all 12 features arrive, each once.
    features = subprocess.run(["ogrinfo", "-ro", "-al", "-q", f"OAPIF:{live_server}{ROOT}"],
                              capture_output=True, text=True, timeout=120, check=True).stdout
    assert features.count("OGRFeature(posts)") == 12


def test_gdal_filters_on_the_server_without_an_error(live_server, db, make_post):
    published_mix(make_post)  # in Bad Hersfeld, three of them fairs
    make_post(Kind.FAIR, district_ags="06611")  # Kassel: outside the box
    tool = require_system_tool(shutil.which("ogrinfo"), "GDAL (apt-get install gdal-bin)")
    # A spatial or attribute filter makes GDAL read the API description (service-desc) with
    # Accept: ...openapi+json;version=3.0, application/json; another type there is an ERROR.
    done = subprocess.run([tool, "-ro", "-so", "-al", f"OAPIF:{live_server}{ROOT}",
                           "-spat", "9.5", "50.7", "9.9", "51.0", "-where", "kind = 'fair'"],
                          capture_output=True, text=True, timeout=120, check=True)
    assert "ERROR" not in done.stderr, done.stderr
    assert "Feature Count: 3" in done.stdout, done.stdout


def test_gdal_opens_the_geojson_by_url(live_server, db, make_post):
    published_mix(make_post)
    report = ogrinfo(f"{live_server}/api/v1/posts.geojson?limit=100")
    assert "Feature Count: 12" in report and "Geometry: Point" in report
    assert "title: String" in report and "commute_radius_km: Integer" in report
