"""Static files: versioned URLs cached for a year, gzip and identity with their own ETags,
compressed once per process, unversioned URLs revalidated."""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from jobnet.web import compression
from jobnet.web.static_files import IMMUTABLE, AssetFolder, StaticFolder

GZIP = {"Accept-Encoding": "gzip, deflate, br"}
STATIC = Path(__file__).resolve().parents[2] / "static"
STYLESHEET_RE = re.compile(r'<link rel="stylesheet" href="(/static/[^"]+/css/jobnet\.css)"')
MODULE_RE = re.compile(r'<script type="module" src="([^"]+)"')


def stylesheet_url(client) -> str:
    return STYLESHEET_RE.search(client.get("/konto/anmelden").get_data(as_text=True)).group(1)


def test_pages_link_versioned_files_that_browsers_keep_for_a_year(client):
    url = stylesheet_url(client)
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    packed = client.get(url, headers=GZIP)
    assert plain.status_code == packed.status_code == 200
    assert plain.headers["Cache-Control"] == packed.headers["Cache-Control"] == IMMUTABLE
    assert plain.get_data() == (STATIC / "css" / "jobnet.css").read_bytes()
    assert packed.headers["Content-Encoding"] == "gzip" and "Content-Encoding" not in plain.headers
    assert gzip.decompress(packed.get_data()) == plain.get_data()
    assert len(packed.get_data()) < len(plain.get_data()) / 2
    for response in (plain, packed):
        assert "Accept-Encoding" in response.headers["Vary"]
    # Two byte sequences, two strong ETags.
    assert plain.headers["ETag"] != packed.headers["ETag"]
    assert not plain.headers["ETag"].startswith("W/")


def test_module_imports_of_the_map_are_versioned_too(client, db):
    main = MODULE_RE.search(client.get("/").get_data(as_text=True)).group(1)
    source = client.get(main).get_data(as_text=True)
    imports = re.findall(r'from "(\./[^"]+)"', source)
    assert imports
    for name in imports:
        response = client.get(urljoin(main, name))  # where the browser resolves the import
        assert response.status_code == 200, name
        assert response.headers["Cache-Control"] == IMMUTABLE, name


@pytest.mark.parametrize("accept, encoding", [("gzip;q=0, deflate", None), ("*", "gzip"),
                                              ("", None), ("br, GZIP;q=0.5", "gzip")])
def test_encoding_follows_accept_encoding(client, accept, encoding):
    response = client.get(stylesheet_url(client), headers={"Accept-Encoding": accept})
    assert response.headers.get("Content-Encoding") == encoding


def test_unversioned_urls_are_revalidated_and_answer_304(client):
    for headers in ({}, GZIP):
        response = client.get("/static/css/jobnet.css", headers=headers)
        assert response.status_code == 200
        assert "no-cache" in response.headers["Cache-Control"]
        again = client.get("/static/css/jobnet.css",
                           headers={**headers, "If-None-Match": response.headers["ETag"]})
        assert again.status_code == 304 and again.get_data() == b""


def test_an_older_version_gets_todays_file_without_long_caching(client):
    response = client.get("/static/000000000000/css/jobnet.css", headers=GZIP)
    assert response.status_code == 200
    assert "immutable" not in response.headers["Cache-Control"]
    assert gzip.decompress(response.get_data()) == (STATIC / "css" / "jobnet.css").read_bytes()


def test_files_are_compressed_once_per_process(tmp_path, monkeypatch):
    calls = []
    real = compression.gzip.compress
    monkeypatch.setattr(compression.gzip, "compress",
                        lambda *args, **kwargs: calls.append(1) or real(*args, **kwargs))
    (tmp_path / "site.css").write_text("body { color: black; }\n" * 100)
    folder = AssetFolder(tmp_path)
    assets = [folder.get("site.css") for _ in range(3)]
    assert len(calls) == 1 and assets[0] is assets[1] is assets[2]
    assert gzip.decompress(assets[0].gzipped) == assets[0].identity


@pytest.mark.parametrize("path", ["/static/../jobnet/app.py", "/static/%2e%2e/jobnet/app.py",
                                  "/static/css/nope.css", "/static/css",
                                  "/static/0123456789ab/../../jobnet/app.py"])
def test_nothing_outside_static_and_no_folders(client, path):
    assert client.get(path).status_code == 404


def test_the_version_changes_with_any_file_and_only_then(app, tmp_path):
    (tmp_path / "js").mkdir()
    script = tmp_path / "js" / "a.js"
    script.write_text("one")
    folder = StaticFolder(tmp_path)
    with app.app_context():
        app.debug = True  # development: the version follows the files on disk
        try:
            first = folder.version()
            assert folder.version() == first
            script.write_text("two")
            assert folder.version() != first
        finally:
            app.debug = False
