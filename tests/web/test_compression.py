"""gzip: large HTML and JSON responses are compressed for clients that accept it, nothing else."""

import gzip
import re

import pytest
import xstatic.pkg.leaflet

from jobnet.posts.models import Kind
from jobnet.web.compression import MIN_SIZE

GZIP = {"Accept-Encoding": "gzip, deflate, br"}
# The signed CSRF token carries a timestamp, so two renderings of a page may differ there;
# the CSP nonce differs in every response.
CSRF_VALUE = re.compile(rb'(name="csrf_token"[^>]*value=")[^"]+"')
NONCE = re.compile(rb'( nonce=")[^"]+"')


def same_content(body: bytes) -> bytes:
    return NONCE.sub(rb'\1"', CSRF_VALUE.sub(rb'\1"', body))


@pytest.fixture()
def posts(make_post):
    # Enough markers for the data endpoint to pass MIN_SIZE.
    return [make_post(Kind.SETTLEMENT, district_ags=ags) for ags in ("06632", "06435", "06412") * 8]


@pytest.mark.parametrize("url", ["/", "/karte/daten.json", "/karte/umriss.json",
                                 "/api/v1/districts", "/beitraege/"])
def test_large_pages_and_json_are_gzipped_for_clients_that_accept_it(client, posts, url):
    plain = client.get(url)
    assert plain.status_code == 200 and "Content-Encoding" not in plain.headers
    assert len(plain.get_data()) >= MIN_SIZE

    packed = client.get(url, headers=GZIP)
    assert packed.status_code == 200
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert int(packed.headers["Content-Length"]) == len(packed.get_data()) < len(plain.get_data())
    assert same_content(gzip.decompress(packed.get_data())) == same_content(plain.get_data())


@pytest.mark.parametrize("url", ["/karte/kreise.json", "/api/v1/locate?lat=50.1&lon=8.6",
                                 "/karte/beitrag/999999.json", "/gibt-es-nicht"])
def test_small_responses_and_errors_stay_uncompressed(client, url):
    response = client.get(url, headers=GZIP)
    assert "Content-Encoding" not in response.headers
    if response.status_code == 200:
        assert len(response.get_data()) < MIN_SIZE


def test_files_come_gzipped_and_are_not_compressed_twice(client):
    url = f"/vendor/leaflet/{xstatic.pkg.leaflet.VERSION}/leaflet.js"
    plain, packed = client.get(url), client.get(url, headers=GZIP)
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.get_data()) == plain.get_data()  # one layer of gzip


def test_cached_json_answers_revalidation_with_304_whatever_the_encoding(client):
    etag = client.get("/api/v1/districts", headers=GZIP).headers["ETag"]
    response = client.get("/api/v1/districts", headers={**GZIP, "If-None-Match": etag})
    assert response.status_code == 304 and "Content-Encoding" not in response.headers
