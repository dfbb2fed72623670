"""The compact form of a region's boundaries (boundaries.npz): integer coordinates and a raster.

Few big numpy arrays instead of millions of small Python objects: they load in milliseconds and
stay shared between gunicorn's workers, whose reference counting never writes into them. The file
is not compressed (reading it is then one copy); git compresses it anyway.
"""

from __future__ import annotations

import numpy as np
import shapely

# The lookup raster's cell: about 500 m, so Germany needs 2.8 million cells (5.6 MB) and most
# points lie in a cell that one municipality covers whole.
LOOKUP_CELL_DEGREES = 0.005
OUTSIDE, MIXED = -1, -2  # raster values besides a municipality's index
# The districts for small zooms (the whole country in view); districts-map.geojson when zoomed in.
COARSE_MAP_FILE = "districts-map-coarse.geojson"
COARSE_MAX_ZOOM = 7


def unpack_coordinates(integers: np.ndarray, digits: int) -> np.ndarray:
    """Float (x, y) rows from integer ones: exactly the decimals the GeoJSON has."""
    return integers / 10**digits


def polygons(arrays, prefix: str) -> np.ndarray:
    """The (multi)polygons stored under prefix in boundaries.npz."""
    coordinates = unpack_coordinates(arrays[f"{prefix}_coordinates"],
                                     int(arrays[f"{prefix}_digits"]))
    offsets = tuple(arrays[f"{prefix}_offsets{level}"] for level in range(3))
    return shapely.from_ragged_array(shapely.GeometryType.MULTIPOLYGON, coordinates, offsets)
