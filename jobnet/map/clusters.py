"""Markers of a large selection clustered on the server: the part of the map on screen, in cells
of CELL_PIXELS at the map's zoom. Leaflet.markercluster took 3.6 to 24 s to cluster 100,000
markers in Chromium; a few hundred clusters draw at once (docs/architecture.md, 'Map: large
selections')."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from flask_babel import gettext as _

from jobnet.map.points import KIND_ORDER, Points

CELL_PIXELS = 60  # the markercluster plugin's radius on smaller selections
TILE_PIXELS = 256
MAX_MERCATOR_LATITUDE = 85.0511287798


class InvalidView(ValueError):
    """A zoom or box in the request that no map can show."""


@dataclass(frozen=True)
class MapView:
    """The map's zoom and the box it asks for: west, south, east, north in degrees."""

    zoom: int
    west: float
    south: float
    east: float
    north: float


def parse_view(zoom: str | None, bbox: str | None, max_zoom: int) -> MapView | None:
    """The view of a request's `zoom` and `bbox` ("west,south,east,north"); None without both.
    Raises InvalidView for anything but whole zooms 0..max_zoom and a box of finite degrees with
    west < east and south < north."""
    if zoom is None and bbox is None:
        return None
    if zoom is None or bbox is None:
        raise InvalidView(_("zoom und bbox gehören zusammen."))
    if not zoom.isascii() or not zoom.isdigit() or len(zoom) > 2 or int(zoom) > max_zoom:
        raise InvalidView(_("zoom muss eine ganze Zahl von 0 bis %(max)d sein.", max=max_zoom))
    try:
        west, south, east, north = (float(part) for part in bbox.split(","))
        if not all(math.isfinite(value) for value in (west, south, east, north)):
            raise ValueError(bbox)
    except ValueError:
        raise InvalidView(_("bbox muss aus vier Zahlen bestehen: West,Süd,Ost,Nord.")) from None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise InvalidView(_("bbox muss in -180..180, -90..90 liegen, mit West < Ost und "
                            "Süd < Nord."))
    return MapView(int(zoom), west, south, east, north)


@dataclass(frozen=True)
class Grid:
    """Cells holding two or more markers, and the markers alone in their cell."""

    lats: list[float]  # the cell's markers' mean position
    lons: list[float]
    counts: list[list[int]]  # markers per kind code
    bounds: list[list[float]]  # [south, west, north, east] of the cell's markers
    single: Points


def _pixels(points: Points, zoom: int) -> tuple[np.ndarray, np.ndarray]:
    """Web Mercator pixel coordinates at the zoom, as Leaflet computes them."""
    scale = TILE_PIXELS * 2.0 ** zoom
    lat = np.radians(np.clip(points.lats, -MAX_MERCATOR_LATITUDE, MAX_MERCATOR_LATITUDE))
    x = (points.lons + 180.0) / 360.0 * scale
    y = (1.0 - np.log(np.tan(lat) + 1.0 / np.cos(lat)) / math.pi) / 2.0 * scale
    return x, y


def grid(points: Points, zoom: int) -> Grid:
    """The points in cells of CELL_PIXELS at the zoom."""
    x, y = _pixels(points, zoom)
    columns = int(TILE_PIXELS * 2 ** zoom // CELL_PIXELS) + 1
    cells = (np.floor(y / CELL_PIXELS).astype(np.int64) * columns
             + np.floor(x / CELL_PIXELS).astype(np.int64))
    keys, where, sizes = np.unique(cells, return_inverse=True, return_counts=True)
    several = sizes > 1
    counts = np.zeros((len(keys), len(KIND_ORDER)), dtype=np.int64)
    np.add.at(counts, (where, points.kinds), 1)
    lows_lat = np.full(len(keys), np.inf)
    highs_lat = np.full(len(keys), -np.inf)
    lows_lon, highs_lon = lows_lat.copy(), highs_lat.copy()
    np.minimum.at(lows_lat, where, points.lats)
    np.maximum.at(highs_lat, where, points.lats)
    np.minimum.at(lows_lon, where, points.lons)
    np.maximum.at(highs_lon, where, points.lons)
    lats = np.bincount(where, points.lats) / sizes
    lons = np.bincount(where, points.lons) / sizes
    bounds = np.stack([lows_lat, lows_lon, highs_lat, highs_lon], axis=1)[several]
    return Grid(lats[several].tolist(), lons[several].tolist(), counts[several].tolist(),
                bounds.tolist(), points.take(np.flatnonzero(~several[where])))
