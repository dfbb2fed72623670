"""GDAL (Debian's gdal-bin) opens the GeoJSON export by URL from a running server."""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
from collections.abc import Iterator

import pytest
from werkzeug.serving import make_server

from jobnet.posts.models import Kind
from tests.conftest import require_system_tool


@pytest.fixture(scope="module")
def server_url(app) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def _ogrinfo(url: str) -> str:
    ogrinfo = require_system_tool(shutil.which("ogrinfo"), "GDAL (apt-get install gdal-bin)")
    # A plain http URL: GDAL downloads it whole (/vsicurl/ wants a size, a stream has none).
    done = subprocess.run([ogrinfo, "-ro", "-so", "-al", url], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_ogrinfo_reads_the_filtered_export(server_url, make_post):
    for _ in range(3):
        make_post(Kind.FAIR, district_ags="06435", venue="Messe Wächtersbach",
                  exhibitors_expected=120, accessibility=["step_free"])
    make_post(Kind.SETTLEMENT, district_ags="06435")
    make_post(Kind.FAIR, district_ags="06611")
    info = _ogrinfo(f"{server_url}/beitraege/export.geojson?kind=fair&district=06435")
    assert re.search(r"^Feature Count: 3$", info, re.MULTILINE), info
    assert re.search(r"^Geometry: Point$", info, re.MULTILINE), info
    for field in ("title: String", "district_ags: String", "venue: String", "starts_at: DateTime",
                  "state: String", "exhibitors_expected: Integer",
                  "accessibility: StringList"):
        assert re.search(rf"^{re.escape(field)}", info, re.MULTILINE), (field, info)
    assert not re.search(r"^latitude:", info, re.MULTILINE)  # the point is the geometry
    everything = _ogrinfo(f"{server_url}/beitraege/export.geojson")
    assert re.search(r"^Feature Count: 5$", everything, re.MULTILINE), everything
