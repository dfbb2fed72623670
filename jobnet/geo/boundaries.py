"""Boundaries of the region: the district and municipality of a point, outlines for the map."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path

import numpy as np
import pyproj
import shapely
from shapely.geometry import shape

from jobnet.geo.coordinates import checked_point, geometry_to_metres, to_metres
from jobnet.geo.regiondata import DEFAULT_REGION, read_json

BORDER_PIECE_VERTICES = 32  # short pieces keep the nearest-border search to a few segments


@dataclass(frozen=True)
class Area:
    """A district or municipality: official key (AGS), official name, kind and display label."""

    ags: str
    name: str
    kind: str  # "Landkreis", "Kreisfreie Stadt"; "Stadt", "Gemeinde", "Gemeindefreies Gebiet"
    label: str  # unambiguous display name, e.g. "Landkreis Kassel" beside the city "Kassel"

    def as_dict(self) -> dict[str, str]:
        """{"ags", "name"} as the API shows it (name is the unambiguous label)."""
        return {"ags": self.ags, "name": self.label}


@dataclass(frozen=True)
class Location:
    """Where a point lies: its district and municipality, or how far outside the region it is."""

    district: Area | None
    municipality: Area | None
    inside: bool
    distance_to_border_km: float | None  # None inside the region
    nearest_district: Area | None = None  # outside: the district whose border is closest


class PolygonLookup:
    """Point-in-polygon by bounding-box candidates and prepared shapely predicates.

    An STRtree of the big polygons queried with a predicate was slower (docs/architecture.md,
    "Measured decisions"). Measured
    here on 10,000 points (bench/bench_geo.py): per point, a grid of bounding-box candidates 250k/s,
    STRtree + predicate 170k/s; in bulk, one vectorised test per polygon 840k/s, STRtree 600k/s.
    """

    def __init__(self, polygons: np.ndarray):
        self.polygons = polygons
        shapely.prepare(polygons)
        self._bounds = shapely.bounds(polygons)
        self._origin = self._bounds[:, :2].min(axis=0)
        # Cells a third of a typical polygon's box: two or three candidates per cell.
        extent = np.minimum(
            self._bounds[:, 2] - self._bounds[:, 0], self._bounds[:, 3] - self._bounds[:, 1]
        )
        self._cell = max(float(np.median(extent)) / 3, 1e-6)
        self._grid: dict[tuple[int, int], list[int]] = {}
        for index, (x0, y0, x1, y1) in enumerate(self._bounds):
            (i0, j0), (i1, j1) = self._cell_of(x0, y0), self._cell_of(x1, y1)
            for i in range(i0, i1 + 1):
                for j in range(j0, j1 + 1):
                    self._grid.setdefault((i, j), []).append(index)

    def _cell_of(self, x: float, y: float) -> tuple[int, int]:
        return int((x - self._origin[0]) // self._cell), int((y - self._origin[1]) // self._cell)

    def index_at(self, x: float, y: float) -> int | None:
        """Index of the polygon holding the point, or None."""
        # intersects, not contains: a point exactly on a shared border still gets an area.
        for index in self._grid.get(self._cell_of(x, y), ()):
            if shapely.intersects_xy(self.polygons[index], x, y):
                return index
        return None

    def indexes_at(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        """Index of the polygon holding each point, -1 where none does (vectorised per polygon)."""
        found = np.full(len(xs), -1)
        for index, (x0, y0, x1, y1) in enumerate(self._bounds):
            todo = np.flatnonzero((found < 0) & (xs >= x0) & (xs <= x1) & (ys >= y0) & (ys <= y1))
            if len(todo):
                hits = shapely.intersects_xy(self.polygons[index], xs[todo], ys[todo])
                found[todo[hits]] = index
        return found


def _features(region: str | Path, filename: str) -> list[dict]:
    return read_json(region, filename)["features"]


def _geometries(features: list[dict]) -> np.ndarray:
    return np.array([shape(f["geometry"]) for f in features])


class Boundaries:
    """One region's districts, municipalities and outline; files are read on first use."""

    def __init__(self, region: str | Path = DEFAULT_REGION):
        self.region = region
        gazetteer = read_json(region, "gazetteer.json")
        self.name: str = gazetteer["region"]["name"]
        self._districts = {
            d["ags"]: Area(d["ags"], d["name"], d["kind"], d["label"])
            for d in gazetteer["districts"]
        }
        self._neighbours = {d["ags"]: tuple(d["neighbours"]) for d in gazetteer["districts"]}
        # A form checks the point it resolved and the service saving the post checks it again:
        # the second answer comes from here. Location is immutable, so sharing it is safe.
        self.locate = lru_cache(maxsize=4096)(self._locate)

    def districts(self) -> list[Area]:
        """All districts, by key."""
        return sorted(self._districts.values(), key=lambda d: d.ags)

    def district(self, ags: str) -> Area:
        """The district with that key; KeyError if the region has none."""
        return self._districts[ags]

    def district_neighbours(self, ags: str) -> list[Area]:
        """Districts sharing a border with the district (KeyError for an unknown key)."""
        return [self._districts[key] for key in self._neighbours[ags]]

    @cached_property
    def _municipality_features(self) -> list[dict]:
        return _features(self.region, "municipalities.geojson")

    @cached_property
    def _municipalities(self) -> list[Area]:
        properties = [f["properties"] for f in self._municipality_features]
        return [Area(p["ags"], p["name"], p["kind"], p["name"]) for p in properties]

    @cached_property
    def _municipality_lookup(self) -> PolygonLookup:
        return PolygonLookup(_geometries(self._municipality_features))

    def municipalities(self) -> list[Area]:
        """All municipalities (including unincorporated areas), by key."""
        return list(self._municipalities)

    @cached_property
    def districts_metres(self) -> tuple[list[Area], np.ndarray]:
        """Districts and their accurate polygons in EPSG:25832 metres (same order)."""
        features = _features(self.region, "districts.geojson")
        areas = [self._districts[f["properties"]["ags"]] for f in features]
        return areas, geometry_to_metres(_geometries(features))

    def _locate(self, lat: float, lon: float) -> Location:
        """District and municipality of a WGS84 point; outside the region, how far it is."""
        lat, lon = checked_point(lat, lon)
        index = self._municipality_lookup.index_at(lon, lat)
        if index is not None:
            return self._inside(index)
        # Outside, the nearest point of the region lies on some district's border: one nearest-
        # neighbour query over short border pieces gives both the distance and that district.
        x, y = to_metres(lon, lat)
        if not (math.isfinite(x) and math.isfinite(y)):
            return self._far_away(lat, lon)
        tree, owners = self._border_pieces
        [piece], [distance] = tree.query_nearest(
            shapely.Point(x, y), return_distance=True, all_matches=False
        )
        areas, _ = self.districts_metres
        return Location(None, None, False, round(float(distance) / 1000, 3), areas[owners[piece]])

    def _far_away(self, lat: float, lon: float) -> Location:
        """A point so far away that EPSG:25832 has no coordinates for it (lon 100 at the
        equator): the geodesic distance to the nearest border vertex, exact enough there."""
        features = _features(self.region, "districts.geojson")
        coordinates, owners = shapely.get_coordinates(_geometries(features), return_index=True)
        count = len(coordinates)
        _, _, metres = pyproj.Geod(ellps="WGS84").inv(
            coordinates[:, 0], coordinates[:, 1], np.full(count, lon), np.full(count, lat))
        nearest = int(np.argmin(metres))
        area = self._districts[features[owners[nearest]]["properties"]["ags"]]
        return Location(None, None, False, round(float(metres[nearest]) / 1000, 3), area)

    def locate_many(self, lats, lons) -> list[Location]:
        """locate() for many points at once, much faster for points inside the region."""
        points = [checked_point(lat, lon) for lat, lon in zip(lats, lons, strict=True)]
        ys, xs = np.array(points, dtype=float).reshape(-1, 2).T
        found = self._municipality_lookup.indexes_at(xs, ys)
        return [
            self._inside(int(index)) if index >= 0 else self.locate(lat, lon)
            for index, (lat, lon) in zip(found, points, strict=True)
        ]

    def _inside(self, index: int) -> Location:
        municipality = self._municipalities[index]
        # "district" where a district merged since the source (its key's prefix is the old one)
        district = self._municipality_features[index]["properties"].get("district")
        return Location(self._districts[district or municipality.ags[:5]], municipality, True, None)

    @cached_property
    def _border_pieces(self) -> tuple[shapely.STRtree, np.ndarray]:
        _, polygons = self.districts_metres
        pieces, owners = [], []
        for owner, polygon in enumerate(polygons):
            for ring in shapely.get_rings(shapely.get_parts(polygon)):
                xy = shapely.get_coordinates(ring)
                for start in range(0, len(xy) - 1, BORDER_PIECE_VERTICES):
                    pieces.append(
                        shapely.linestrings(xy[start : start + BORDER_PIECE_VERTICES + 1])
                    )
                    owners.append(owner)
        return shapely.STRtree(pieces), np.array(owners)

    def geojson(self, simplified: bool = True, outline: bool = False) -> dict:
        """Districts (or the outline) as a GeoJSON FeatureCollection with ags, name, kind, label."""
        filename = (
            "districts-map.geojson"
            if simplified
            else ("outline.geojson" if outline else "districts.geojson")
        )
        wanted = [
            {"type": "Feature", "properties": dict(f["properties"]), "geometry": f["geometry"]}
            for f in _features(self.region, filename)
            if (f["properties"]["kind"] == "outline") == outline
        ]
        attribution = read_json(self.region, "metadata.json")["attribution"]["boundaries"]
        return {"type": "FeatureCollection", "attribution": attribution, "features": wanted}


@cache
def load_boundaries(region: str | Path = DEFAULT_REGION) -> Boundaries:
    """The region's boundaries, built once per process."""
    return Boundaries(region)


def locate(lat: float, lon: float, region: str | Path = DEFAULT_REGION) -> Location:
    """District and municipality of a WGS84 point (InvalidCoordinates for impossible input)."""
    return load_boundaries(region).locate(lat, lon)


def districts(region: str | Path = DEFAULT_REGION) -> list[Area]:
    """All districts of the region, by key."""
    return load_boundaries(region).districts()


def district_neighbours(ags: str, region: str | Path = DEFAULT_REGION) -> list[Area]:
    """Districts sharing a border with the district ags."""
    return load_boundaries(region).district_neighbours(ags)


def districts_geojson(simplified: bool = True, region: str | Path = DEFAULT_REGION) -> dict:
    """The districts as a GeoJSON FeatureCollection (simplified for the map by default)."""
    return load_boundaries(region).geojson(simplified)


def outline_geojson(simplified: bool = True, region: str | Path = DEFAULT_REGION) -> dict:
    """The region's outline as a GeoJSON FeatureCollection of one feature."""
    return load_boundaries(region).geojson(simplified, outline=True)
