"""CORS: any origin may read the API with GET/HEAD, without credentials; other pages get none."""

ORIGIN = {"Origin": "https://jobcenter.example"}


def test_api_answers_carry_a_constant_allow_origin(client):
    response = client.get("/api/v1/posts", headers=ORIGIN)
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Link" in response.headers["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in response.headers
    # The same answer for every origin: caches need not keep one per Origin.
    assert "Origin" not in response.headers.get("Vary", "")
    assert client.get("/api/v1/posts").headers["Access-Control-Allow-Origin"] == "*"


def test_preflight_allows_get_and_head_only(client):
    response = client.options("/api/v1/posts.geojson", headers={
        **ORIGIN, "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "accept-language"})
    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Methods"] == "GET, HEAD"
    assert response.headers["Access-Control-Allow-Headers"] == "accept-language"
    assert "Access-Control-Request-Headers" in response.headers["Vary"]
    assert response.get_data() == b""


def test_writes_stay_refused(client):
    assert client.post("/api/v1/posts", headers=ORIGIN).status_code == 405


def test_pages_outside_the_api_get_no_cors_headers(client):
    for path in ("/beitraege/", "/schnittstelle", "/karte/daten.json"):
        response = client.get(path, headers=ORIGIN)
        assert "Access-Control-Allow-Origin" not in response.headers, path
    preflight = client.options("/beitraege/", headers={**ORIGIN,
                                                        "Access-Control-Request-Method": "GET"})
    assert "Access-Control-Allow-Origin" not in preflight.headers
