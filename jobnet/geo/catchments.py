"""Commuting catchments: the districts a commuting circle covers, and how much of each."""

from __future__ import annotations

import math
from numbers import Real
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import mapping

from jobnet.geo.boundaries import load_boundaries
from jobnet.geo.coordinates import checked_point, geometry_to_wgs84, to_metres
from jobnet.geo.regiondata import DEFAULT_REGION

MIN_RADIUS_KM = 5
MAX_RADIUS_KM = 100
# 64 segments per quarter: the polygon's area is within 0.01 % of the true circle's.
CIRCLE_SEGMENTS = 64


class InvalidRadius(ValueError):
    """The commuting radius is not a number between MIN_RADIUS_KM and MAX_RADIUS_KM."""


def _checked_radius(radius_km: object) -> float:
    if (
        isinstance(radius_km, bool)
        or not isinstance(radius_km, Real)
        or not math.isfinite(radius_km)
    ):
        raise InvalidRadius("radius must be a finite number of kilometres")
    if not MIN_RADIUS_KM <= radius_km <= MAX_RADIUS_KM:
        raise InvalidRadius(
            f"radius must be between {MIN_RADIUS_KM} and {MAX_RADIUS_KM} km, not {radius_km}"
        )
    return float(radius_km)


def circle_metres(lat: float, lon: float, radius_km: float) -> shapely.Polygon:
    """The commuting circle in EPSG:25832 metres (a buffer in degrees is an ellipse, ~36 % off)."""
    lat, lon = checked_point(lat, lon)
    radius_m = _checked_radius(radius_km) * 1000
    return shapely.Point(to_metres(lon, lat)).buffer(radius_m, quad_segs=CIRCLE_SEGMENTS)


def catchment(
    lat: float, lon: float, radius_km: float, region: str | Path = DEFAULT_REGION
) -> list[tuple[str, float]]:
    """(district key, share of the district's area inside the circle), largest share first.

    Districts the circle only touches (share 0) are left out; shares are rounded to 4 decimals.
    """
    circle = circle_metres(lat, lon, radius_km)
    areas, polygons = load_boundaries(region).districts_metres
    candidates = np.flatnonzero(shapely.intersects(polygons, circle))
    overlap = shapely.area(shapely.intersection(polygons[candidates], circle))
    shares = overlap / shapely.area(polygons[candidates])
    result = [
        (areas[index].ags, round(float(share), 4))
        for index, share in zip(candidates, shares, strict=True)
        if round(float(share), 4) > 0
    ]
    return sorted(result, key=lambda item: (-item[1], item[0]))


def circle_geojson(lat: float, lon: float, radius_km: float) -> dict:
    """The commuting circle as a GeoJSON Polygon geometry in WGS84 (lon, lat; 5 decimals)."""
    ring = shapely.set_precision(geometry_to_wgs84(circle_metres(lat, lon, radius_km)), 1e-5)
    shape = mapping(ring)
    return {
        "type": "Polygon",
        "coordinates": [[[round(x, 5), round(y, 5)] for x, y in shape["coordinates"][0]]],
    }
