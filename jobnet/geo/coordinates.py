"""Checked WGS84 coordinates and the projection to metres (ETRS89 / UTM 32N, EPSG:25832)."""

from __future__ import annotations

import math
from decimal import Decimal
from functools import cache
from numbers import Real

import numpy as np
import shapely

METRIC_CRS = "EPSG:25832"


class InvalidCoordinates(ValueError):
    """Latitude or longitude is not a finite number in range."""


def checked_point(lat: object, lon: object) -> tuple[float, float]:
    """(lat, lon) as floats; InvalidCoordinates for anything that is not a point on Earth."""
    return _checked(lat, "latitude", 90.0), _checked(lon, "longitude", 180.0)


def checked_points(lats, lons) -> tuple[np.ndarray, np.ndarray]:
    """Many points as float arrays (lats, lons); InvalidCoordinates as checked_point gives it."""
    lat_array, lon_array = np.asarray(lats), np.asarray(lons)
    if (lat_array.ndim == lon_array.ndim == 1 and len(lat_array) == len(lon_array)
            and lat_array.dtype.kind == lon_array.dtype.kind == "f"
            and np.all(np.abs(lat_array) <= 90.0) and np.all(np.abs(lon_array) <= 180.0)):
        return lat_array.astype(float), lon_array.astype(float)  # NaN fails the range test
    points = [checked_point(lat, lon) for lat, lon in zip(lats, lons, strict=True)]
    lat_array, lon_array = np.array(points, dtype=float).reshape(-1, 2).T
    return lat_array, lon_array


def _checked(value: object, label: str, limit: float) -> float:
    # bool is a Real in Python, but True is no latitude; Decimal comes from WTForms fields.
    if isinstance(value, bool) or not isinstance(value, Real | Decimal):
        raise InvalidCoordinates(f"{label} must be a number, not {type(value).__name__}")
    try:
        number = float(value)
    except (ValueError, OverflowError) as error:  # Decimal("sNaN"), huge Decimals
        raise InvalidCoordinates(f"{label} must be a finite number") from error
    if not math.isfinite(number):
        raise InvalidCoordinates(f"{label} must be a finite number")
    if not -limit <= number <= limit:
        raise InvalidCoordinates(f"{label} {number} is outside -{limit:g}..{limit:g}")
    return number


@cache
def _transformers():
    # pyproj is imported on first use: it costs ~70 ms that processes without geo work never pay.
    from pyproj import Transformer

    return (
        Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True),
        Transformer.from_crs(METRIC_CRS, "EPSG:4326", always_xy=True),
    )


def to_metres(lon: float, lat: float) -> tuple[float, float]:
    """Easting and northing in EPSG:25832 of a WGS84 point."""
    return _transformers()[0].transform(lon, lat)


def geometry_to_metres(geometry):
    """A shapely geometry (or array of them) from WGS84 lon/lat into EPSG:25832 metres."""
    forward = _transformers()[0]
    return shapely.transform(
        geometry, lambda xy: np.column_stack(forward.transform(xy[:, 0], xy[:, 1]))
    )


def geometry_to_wgs84(geometry):
    """A shapely geometry (or array of them) from EPSG:25832 metres back to WGS84 lon/lat."""
    inverse = _transformers()[1]
    return shapely.transform(
        geometry, lambda xy: np.column_stack(inverse.transform(xy[:, 0], xy[:, 1]))
    )
