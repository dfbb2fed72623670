"""Point-in-polygon over a coverage of many polygons: a raster first, exact tests only at borders."""

from __future__ import annotations

import math

import numpy as np
import shapely

from jobnet.geo.compact import MIXED, OUTSIDE

NO_POLYGON = -1


class PolygonLookup:
    """Which polygon holds a point, for one point or a hundred thousand at once.

    Most points fall in a raster cell that one polygon covers whole (or none does): a table look-up
    answers them. Points in a cell a border passes through are tested against the polygons whose
    bounding box holds them (an STRtree of boxes, then prepared `intersects_xy`), sorted by
    polygon so each polygon's index stays in the cache. Where polygons share a border, the lowest
    index wins, in bulk and one by one alike. Measured in bench/bench_geodata_scale.py.
    """

    def __init__(self, polygons: np.ndarray, grid: np.ndarray, origin: np.ndarray, cell: float):
        self.polygons = polygons
        shapely.prepare(polygons)
        self._tree = shapely.STRtree(polygons)
        self._grid = grid
        self._x0, self._y0 = (float(value) for value in origin)
        self._cell = float(cell)

    def warm_up(self) -> None:
        """Build every polygon's point index now (once in gunicorn's master, shared by workers)."""
        xs, ys = shapely.get_coordinates(shapely.point_on_surface(self.polygons)).T
        shapely.intersects_xy(self.polygons, xs, ys)

    def index_at(self, x: float, y: float) -> int | None:
        """Index of the polygon holding the point, or None."""
        row = math.floor((y - self._y0) / self._cell)
        col = math.floor((x - self._x0) / self._cell)
        rows, cols = self._grid.shape
        if not (0 <= row < rows and 0 <= col < cols):
            return None
        value = int(self._grid[row, col])
        if value != MIXED:
            return None if value == OUTSIDE else value
        # intersects, not contains: a point exactly on a shared border still gets an area.
        for index in np.sort(self._tree.query(shapely.Point(x, y))):
            if shapely.intersects_xy(self.polygons[index], x, y):
                return int(index)
        return None

    def indexes_at(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        """Index of the polygon holding each point, NO_POLYGON where none does."""
        rows = np.floor((ys - self._y0) / self._cell).astype(np.int64)
        cols = np.floor((xs - self._x0) / self._cell).astype(np.int64)
        on_grid = (rows >= 0) & (rows < self._grid.shape[0]) & (cols >= 0) & (cols < self._grid.shape[1])
        found = np.full(len(xs), NO_POLYGON, dtype=np.int64)
        found[on_grid] = self._grid[rows[on_grid], cols[on_grid]]
        found[found == OUTSIDE] = NO_POLYGON
        todo = np.flatnonzero(found == MIXED)
        if len(todo):
            found[todo] = self._tested(xs[todo], ys[todo])
        return found

    def _tested(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        point, polygon = self._tree.query(shapely.points(xs, ys))
        order = np.argsort(polygon, kind="stable")
        point, polygon = point[order], polygon[order]
        hit = shapely.intersects_xy(self.polygons[polygon], xs[point], ys[point])
        none = np.iinfo(np.int64).max
        best = np.full(len(xs), none, dtype=np.int64)
        np.minimum.at(best, point[hit], polygon[hit])
        best[best == none] = NO_POLYGON
        return best
