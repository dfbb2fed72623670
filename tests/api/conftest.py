"""API test helpers: published posts (the map's factory, on the real clock) and a live server
for outside clients (GDAL, schemathesis)."""

from tests.browser.conftest import live_server  # noqa: F401  (fixture)
from tests.map.conftest import make_post  # noqa: F401  (fixture)
