"""The compact form JobNet loads at run time (boundaries.npz) and the map's coarse outlines.

The GeoJSON files stay the published, readable artefact; the app reads few big numpy arrays, which
load in milliseconds and which gunicorn's workers share with their master (docs/architecture.md,
"Geodata at national scale").
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import shape

from geodata.coverage import check_coverage, simplify_coverage
from geodata.output import feature, write_geojson
from jobnet.geo.compact import (
    COARSE_MAP_FILE,
    LOOKUP_CELL_DEGREES,
    MIXED,
    OUTSIDE,
)
from jobnet.geo.coordinates import geometry_to_metres, geometry_to_wgs84

# Below zoom 8 a screen pixel is 600 m or more: a 250 m tolerance and 3 decimals (~100 m) are
# invisible there and shrink Germany's districts to a fraction.
COARSE_TOLERANCE_M = 250.0
COARSE_DIGITS = 3


def ragged(prefix: str, polygons: np.ndarray, digits: int = 5) -> dict[str, np.ndarray]:
    """Polygons as integer coordinates (units of 10**-digits degrees) and offset arrays."""
    kind, coordinates, offsets = shapely.to_ragged_array(shapely.force_2d(_multi(polygons)))
    if kind != shapely.GeometryType.MULTIPOLYGON:
        raise SystemExit(f"{prefix}: expected polygons, got {kind!r}")
    integers = np.round(coordinates * 10**digits).astype(np.int64)
    if not np.array_equal(integers / 10**digits, coordinates):
        raise SystemExit(f"{prefix}: coordinates are not on the {digits}-decimal grid")
    arrays = {f"{prefix}_coordinates": integers.astype(np.int32),
              f"{prefix}_digits": np.array(digits)}
    for level, offset in enumerate(offsets):
        arrays[f"{prefix}_offsets{level}"] = offset.astype(np.int32)
    return arrays


def _multi(polygons: np.ndarray) -> np.ndarray:
    single = shapely.get_type_id(polygons) == shapely.GeometryType.POLYGON
    polygons = polygons.copy()
    polygons[single] = shapely.multipolygons(polygons[single][:, np.newaxis].tolist())
    return polygons


def lookup_grid(polygons: np.ndarray) -> dict[str, np.ndarray]:
    """A raster over the region: per cell the one polygon covering it whole, OUTSIDE, or MIXED
    where a border passes (only there does a lookup test polygons)."""
    x0, y0, x1, y1 = shapely.total_bounds(polygons)
    cell = LOOKUP_CELL_DEGREES
    shape = (int((y1 - y0) // cell) + 1, int((x1 - x0) // cell) + 1)
    grid = np.full(shape, OUTSIDE, dtype=np.int16 if len(polygons) < 2**15 else np.int32)
    # A border densified to steps of a quarter cell stays within a step of its points: the cells
    # of the corners of a step-sized square around each point are all the cells it crosses.
    step = cell / 4
    rings = shapely.segmentize(shapely.get_rings(shapely.get_parts(polygons)), step)
    xy = shapely.get_coordinates(rings)
    mixed = np.zeros(shape, dtype=bool)
    for dx in (-step, step):
        for dy in (-step, step):
            rows = np.clip(((xy[:, 1] + dy - y0) // cell).astype(int), 0, shape[0] - 1)
            cols = np.clip(((xy[:, 0] + dx - x0) // cell).astype(int), 0, shape[1] - 1)
            mixed[rows, cols] = True
    # A cell no border enters lies wholly inside the polygon holding its centre, or outside all.
    free_rows, free_cols = np.nonzero(~mixed)
    centres = shapely.points(x0 + (free_cols + 0.5) * cell, y0 + (free_rows + 0.5) * cell)
    point_index, polygon_index = shapely.STRtree(polygons).query(centres, predicate="within")
    grid[free_rows[point_index], free_cols[point_index]] = polygon_index
    grid[mixed] = MIXED
    return {"grid": grid, "grid_origin": np.array([x0, y0]), "grid_cell": np.array(cell)}


def write_compact(path: Path, municipalities: list[dict], municipality_polygons: np.ndarray,
                  district_keys: list[str], district_polygons: np.ndarray) -> int:
    """Write boundaries.npz; returns its size in bytes."""
    arrays = {
        **ragged("municipalities", municipality_polygons),
        **ragged("districts", district_polygons),
        **lookup_grid(municipality_polygons),
        "municipalities_ags": np.array([m["ags"] for m in municipalities]),
        "municipalities_name": np.array([m["name"] for m in municipalities]),
        "municipalities_kind": np.array([m["kind"] for m in municipalities]),
        "districts_ags": np.array(district_keys),
    }
    with path.open("wb") as file:
        np.savez(file, **arrays)
    return path.stat().st_size



def coarse_map(features: list[dict], tolerance_m: float, grid: float) -> np.ndarray:
    """The map's districts simplified again for small zooms, still without gaps between them."""
    polygons = np.array([shape(f["geometry"]) for f in features])
    simplified = simplify_coverage(geometry_to_metres(polygons), tolerance_m)
    coarse = shapely.set_precision(geometry_to_wgs84(simplified), grid)
    check_coverage(coarse, f"map districts at {tolerance_m:g} m")
    return coarse


def compact_region(folder: Path, coarse_tolerance_m: float = COARSE_TOLERANCE_M) -> dict[str, int]:
    """Write boundaries.npz and the coarse map file from a region folder's GeoJSON files."""
    municipalities = _features(folder / "municipalities.geojson")
    districts = _features(folder / "districts.geojson")
    sizes = {"boundaries.npz": write_compact(
        folder / "boundaries.npz", [f["properties"] for f in municipalities],
        np.array([shape(f["geometry"]) for f in municipalities]),
        [f["properties"]["ags"] for f in districts],
        np.array([shape(f["geometry"]) for f in districts]))}
    mapped = _features(folder / "districts-map.geojson")
    inner = [f for f in mapped if f["properties"]["kind"] != "outline"]
    coarse = coarse_map(inner, coarse_tolerance_m, 10.0**-COARSE_DIGITS)
    outline = next(f["properties"] for f in mapped if f["properties"]["kind"] == "outline")
    sizes[COARSE_MAP_FILE] = write_geojson(
        folder / COARSE_MAP_FILE,
        [feature(g, f["properties"], COARSE_DIGITS) for f, g in zip(inner, coarse, strict=True)]
        + [feature(shapely.coverage_union_all(coarse), outline, COARSE_DIGITS)])
    return sizes


def _features(path: Path) -> list[dict]:
    return json.loads(path.read_text("utf-8"))["features"]
