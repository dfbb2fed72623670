"""GET /api/v1/geocode, /locate and /districts: documented JSON, and a 400 (never a 500) for bad input."""

import pytest

HINT = "Ort nicht gefunden. Setzen Sie den Punkt auf der Karte oder geben Sie Koordinaten an."
RESULT_KEYS = {"label", "lat", "lon", "confidence", "kind", "district", "municipality", "state"}


def geocode(client, query_string):
    response = client.get(f"/api/v1/geocode?{query_string}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


@pytest.mark.parametrize("query", ["Gelnhausen", "63571 Gelnhausen"])
def test_geocode_finds_gelnhausen_in_the_main_kinzig_kreis(client, query):
    answer = geocode(client, f"q={query}")
    assert answer["query"] == query
    best = answer["results"][0]
    assert set(best) == RESULT_KEYS
    assert best["label"] == "Gelnhausen" and best["confidence"] == 1.0
    assert best["district"] == {"ags": "06435", "name": "Main-Kinzig-Kreis"}
    assert best["municipality"] == {"ags": "06435010", "name": "Gelnhausen"}
    assert 50.1 < best["lat"] < 50.3 and 9.1 < best["lon"] < 9.3
    assert "hint" not in answer


def test_geocode_kassel_offers_city_and_landkreis_best_first(client):
    results = geocode(client, "q=Kassel")["results"]
    assert [r["district"]["ags"] for r in results[:2]] == ["06611", "06633"]
    assert results[1]["district"]["name"] == "Landkreis Kassel"
    assert results[1]["municipality"] is None
    confidences = [r["confidence"] for r in results]
    assert confidences == sorted(confidences, reverse=True) and confidences[0] < 0.9


@pytest.mark.parametrize("near", ["", "&near=06", "&near=06434", "&near=10045", "&near=10045114"])
def test_geocode_takes_a_near_hint_and_names_the_state(client, near):
    best = geocode(client, f"q=Bad%20Homburg{near}")["results"][0]
    assert best["label"] == "Bad Homburg v.d. Höhe" and best["confidence"] > 0.9
    assert best["state"] == {"ags": "06", "name": "Hessen"}


def test_geocode_frankfurt_flughafen_is_the_airport_venue(client):
    best = geocode(client, "q=Frankfurt%20Flughafen")["results"][0]
    assert best["kind"] == "venue" and "Flughafen" in best["label"]
    assert best["district"]["ags"] == "06412"


def test_geocode_limit_caps_the_results(client):
    assert len(geocode(client, "q=Kassel&limit=1")["results"]) == 1


def test_unknown_place_gives_no_results_and_a_hint_to_use_the_map(client):
    answer = geocode(client, "q=Xyzzyhausen")
    assert answer == {"query": "Xyzzyhausen", "results": [], "hint": HINT}


BAD_GEOCODE_QUERIES = [
    "",  # no q at all
    "q=",
    "q=%20%20",
    "q=" + "a" * 10_000,
    "q=Gelnhausen%00",
    "q=Geln%0Ahausen",
    "q=%1B%5B31m",
    "q=%ff%fe",  # not UTF-8
    "q=%ed%a0%80",  # a UTF-16 surrogate, never valid UTF-8
    "q=%3Cscript%3Ealert(1)%3C/script%3E",
    "q=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    "q=%24%7B7*7%7D",
    "q=%7B%7B7*7%7D%7D",
    "q=Kassel&limit=0",
    "q=Kassel&limit=21",
    "q=Kassel&limit=abc",
    "q=Kassel&limit=-1",
    "q=Kassel&limit=%D9%A3",  # an Arabic-Indic digit, which int() would take
    "q=Homburg&near=6",
    "q=Homburg&near=064",
    "q=Homburg&near=99",  # no such state
    "q=Homburg&near=06%D9%A3",
    "q=Homburg&near=%3Cscript%3E",
]


@pytest.mark.parametrize("query_string", BAD_GEOCODE_QUERIES)
def test_bad_geocode_input_is_a_json_400(client, query_string):
    response = client.get(f"/api/v1/geocode?{query_string}")
    assert response.status_code == 400
    assert response.is_json and set(response.get_json()) == {"error"}
    assert response.get_json()["error"]


def test_raw_non_utf8_bytes_in_the_query_string_are_a_json_400(client):
    # What a client sends without percent-encoding; WSGI passes the bytes as latin-1 text.
    for raw in ("q=\xff\xfe", "lat=\xff&lon=1"):
        for path in ("/api/v1/geocode", "/api/v1/locate"):
            response = client.get(path, environ_overrides={"QUERY_STRING": raw})
            assert response.status_code == 400 and "error" in response.get_json()


def test_errors_are_german_or_in_the_browser_language(client):
    assert client.get("/api/v1/geocode?q=").get_json() == {"error": "Bitte geben Sie einen Ort an."}
    message = client.get("/api/v1/geocode?q=%3Cscript%3E").get_json()["error"]
    assert "Zeichen" in message
    english = client.get("/api/v1/geocode?q=", headers={"Accept-Language": "en"}).get_json()
    assert english == {"error": "Please enter a place."}


def test_locate_inside_gives_district_and_municipality(client):
    response = client.get("/api/v1/locate?lat=50.2016&lon=9.1874")
    assert response.status_code == 200
    assert response.get_json() == {
        "lat": 50.2016,
        "lon": 9.1874,
        "inside": True,
        "accepted": True,
        "district": {"ags": "06435", "name": "Main-Kinzig-Kreis"},
        "municipality": {"ags": "06435010", "name": "Gelnhausen"},
        "distance_to_border_km": None,
    }


def test_locate_mainz_is_outside_but_close_enough(client):
    answer = client.get("/api/v1/locate?lat=49.9929&lon=8.2473").get_json()
    assert answer["inside"] is False and answer["accepted"] is True
    assert answer["district"] is None and answer["municipality"] is None
    assert 0 < answer["distance_to_border_km"] < 30
    assert answer["nearest_district"]["ags"] == "06414"
    assert "außerhalb Hessens" in answer["message"]


def test_locate_far_away_is_not_accepted(client):
    answer = client.get("/api/v1/locate?lat=52.52&lon=13.405").get_json()  # Berlin
    assert answer["inside"] is False and answer["accepted"] is False
    assert answer["distance_to_border_km"] > 200
    assert "Angenommen werden nur Orte bis 30 km" in answer["message"]


BAD_COORDINATES = [
    "lat=abc&lon=9.18",
    "lat=nan&lon=9.18",
    "lat=50.2&lon=NaN",
    "lat=inf&lon=9.18",
    "lat=-inf&lon=9.18",
    "lat=50.2&lon=Infinity",
    "lat=91&lon=9.18",
    "lat=-90.5&lon=9.18",
    "lat=50.2&lon=180.01",
    "lat=1e400&lon=9.18",
    "lat=-1e400&lon=9.18",
    "lat=&lon=9.18",
    "lat=50.2&lon=",
    "lat=50.2",
    "lon=9.18",
    "",
    "lat=5_0&lon=9",
    "lat=50,2&lon=9,18",
    "lat=%D9%A5%D9%A0&lon=9",  # Arabic-Indic digits, which float() would take
    "lat=0x10&lon=9",
    "lat=" + "1" * 5000 + "&lon=9",
]


@pytest.mark.parametrize("query_string", BAD_COORDINATES)
def test_bad_coordinates_are_a_json_400(client, query_string):
    response = client.get(f"/api/v1/locate?{query_string}")
    assert response.status_code == 400
    assert response.is_json and set(response.get_json()) == {"error"}


def test_districts_are_a_feature_collection_with_attribution(client):
    response = client.get("/api/v1/districts")
    assert response.status_code == 200 and response.is_json
    collection = response.get_json()
    assert collection["type"] == "FeatureCollection"
    assert collection["attribution"] == "© GeoBasis-DE / BKG 2017"
    features = collection["features"]
    assert len(features) == 26
    assert {f["properties"]["kind"] for f in features} == {"Landkreis", "Kreisfreie Stadt"}
    assert all(f["properties"]["ags"].startswith("06") and f["properties"]["name"] for f in features)
    assert all(f["geometry"]["type"] in {"Polygon", "MultiPolygon"} for f in features)


def test_districts_can_be_cached_and_revalidated(client):
    response = client.get("/api/v1/districts")
    assert response.cache_control.public and response.cache_control.max_age == 86400
    etag = response.headers["ETag"]
    again = client.get("/api/v1/districts", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert client.get("/api/v1/districts", headers={"If-None-Match": '"other"'}).status_code == 200


def test_api_refuses_other_methods_and_unknown_paths_with_json(client):
    response = client.post("/api/v1/geocode?q=Gelnhausen")
    assert response.status_code == 405 and "error" in response.get_json()
    response = client.get("/api/v1/nothing")
    assert response.status_code == 404 and "error" in response.get_json()


@pytest.mark.parametrize("lat, lon", [(-3.266283994601429e-09, 100.07507206251944), (0, -179),
                                      (-89.9, 179.9)])
def test_locate_answers_for_points_the_metric_projection_cannot_take(client, lat, lon):
    # Found by schemathesis: EPSG:25832 has no coordinates there (infinity), which was a 500.
    response = client.get(f"/api/v1/locate?lat={lat}&lon={lon}")
    assert response.status_code == 200
    answer = response.get_json()
    assert answer["inside"] is False and answer["accepted"] is False
    assert answer["distance_to_border_km"] > 5000 and answer["nearest_district"]["ags"]
