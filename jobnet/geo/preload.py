"""Loading a region's geodata before gunicorn forks its workers (wsgi.py), so they share it."""

from __future__ import annotations

import ctypes

from flask import Flask, url_for

from jobnet.geo import geocoder
from jobnet.geo.compact import COARSE_MAX_ZOOM
from jobnet.geo.settings import geo_settings

# The map's outline answers, serialised once per process by their views.
OUTLINE_VIEWS = ("api_geo.districts", "map.outline")


def preload_geodata(app: Flask) -> None:
    """Load and index boundaries, gazetteer and the map's outline answers of the app's region."""
    with app.app_context():
        settings = geo_settings()
        settings.boundaries.warm_up()
        # The gazetteer and its typo index are built by the first search with a typo.
        geocoder.search("Gelnhasuen", 1, settings.region)
    with app.test_request_context():
        urls = [url_for(view, **zoom) for view in OUTLINE_VIEWS
                for zoom in ({}, {"zoom": COARSE_MAX_ZOOM})]
    client = app.test_client()
    for url in urls:
        client.get(url, headers={"Accept-Encoding": "identity"})
    _return_freed_memory()


def _return_freed_memory() -> None:
    # glibc keeps the heap pages of loading's temporaries (Germany: about 80 MB); every worker
    # would inherit them and count them in its RSS.
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to return this way
        pass
