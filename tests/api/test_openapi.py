"""The OpenAPI 3.1 description: it names every /api/v1 endpoint, its page is readable, and
schemathesis fuzzes the running app against it without a server error or a schema violation."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from jobnet.posts.models import Kind
from tests.api.test_ogc import published_mix

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
# Server errors, documented status codes and content types, bodies valid against the schemas.
CHECKS = ("not_a_server_error,status_code_conformance,content_type_conformance,"
          "response_schema_conformance,response_headers_conformance")


def test_every_api_route_is_described(app, client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"] == "3.1.0"
    described = set(document["paths"])
    routes = {re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule) for rule in app.url_map.iter_rules()
              if rule.rule.startswith("/api/v1")}
    routes = {route.replace("{feature_id}", "{featureId}") for route in routes}
    assert routes == described
    assert all(set(item) == {"get"} for item in document["paths"].values())


def test_the_description_answers_json_to_clients_that_ask_only_for_json(client):
    default = client.get("/api/v1/openapi.json")
    assert default.content_type == "application/vnd.oai.openapi+json;version=3.1"
    assert "Accept" in default.headers["Vary"]
    # GDAL's and QGIS's OAPIF drivers know the 3.0 type only, and then plain JSON.
    gdal = client.get("/api/v1/openapi.json", headers={"Accept": (
        "application/vnd.oai.openapi+json;version=3.0, application/openapi+json;version=3.0, "
        "application/json")})
    assert gdal.content_type == "application/json"
    assert gdal.get_json() == default.get_json()
    described = client.get("/api/v1/openapi.json").get_json()["paths"]["/api/v1/openapi.json"]
    assert set(described["get"]["responses"]["200"]["content"]) == {
        "application/vnd.oai.openapi+json;version=3.1", "application/json"}


def test_every_filter_the_api_takes_is_described(client):
    from jobnet.opendata.records import FILTER_NAMES

    document = client.get("/api/v1/openapi.json").get_json()
    for path in ("/api/v1/posts", "/api/v1/posts.geojson"):
        names = {p["name"] for p in document["paths"][path]["get"]["parameters"]}
        assert set(FILTER_NAMES) <= names, path
    answer = client.get("/api/v1/posts?district=06636&neighbours=true")
    assert answer.status_code == 200, answer.get_json()


def test_the_page_for_people_lists_the_endpoints_in_german_and_english(client):
    page = client.get("/schnittstelle").get_data(as_text=True)
    assert "GET /api/v1/posts" in page and "Veröffentlichte Beiträge" in page
    assert 'href="/schnittstelle"' in client.get("/").get_data(as_text=True)
    english = client.get("/schnittstelle", headers={"Accept-Language": "en"})
    assert "Published posts" in english.get_data(as_text=True)


def test_schemathesis_finds_no_server_error_and_no_schema_violation(live_server, db, make_post,
                                                                    tmp_path):
    published_mix(make_post)
    make_post(Kind.FAIR, contact_name="Erika Muster", contact_public=True)
    done = subprocess.run(
        [str(SCHEMATHESIS), "run", f"{live_server}/api/v1/openapi.json", "--url", live_server,
         "--checks", CHECKS, "--max-examples", "25", "--generation-deterministic",
         "--max-response-time", "5", "--no-color"],
        capture_output=True, text=True, timeout=300, check=False, cwd=tmp_path)
    summary = done.stdout[-3000:] + done.stderr[-2000:]
    assert done.returncode == 0, summary
    assert "No issues found" in summary
