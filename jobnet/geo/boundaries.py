"""Boundaries of the region: the district and municipality of a point, outlines for the map."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path

import numpy as np
import pyproj
import shapely
from shapely.geometry import mapping

from jobnet.geo import compact
from jobnet.geo.coordinates import checked_point, checked_points, geometry_to_metres, to_metres
from jobnet.geo.outline import outline_pieces
from jobnet.geo.polygon_lookup import PolygonLookup
from jobnet.geo.regiondata import DEFAULT_REGION, read_arrays, read_json, read_text

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
    def _geometry(self) -> _Geometry:
        return _Geometry(read_arrays(self.region))

    @cached_property
    def _municipality_lookup(self) -> PolygonLookup:
        return self._geometry.municipalities

    def warm_up(self) -> None:
        """Load and index everything a lookup or catchment needs (gunicorn's master calls this
        before it forks, so workers share it instead of each building its own)."""
        self._municipality_lookup.warm_up()
        _ = self._border_pieces

    def municipalities(self) -> list[Area]:
        """All municipalities (including unincorporated areas), by key."""
        return [self._municipality(index) for index in range(len(self._geometry.ags))]

    def _municipality(self, index: int) -> Area:
        geometry = self._geometry
        name = str(geometry.names[index])
        return Area(str(geometry.ags[index]), name, str(geometry.kinds[index]), name)

    @cached_property
    def districts_metres(self) -> tuple[list[Area], np.ndarray]:
        """Districts and their accurate polygons in EPSG:25832 metres (same order)."""
        geometry = self._geometry
        areas = [self._districts[str(key)] for key in geometry.district_keys]
        return areas, geometry_to_metres(geometry.districts)

    @cached_property
    def _border_pieces(self) -> tuple[shapely.STRtree, np.ndarray]:
        _, polygons = self.districts_metres
        return outline_pieces(polygons, self._geometry.districts, BORDER_PIECE_VERTICES)

    def _locate(self, lat: float, lon: float) -> Location:
        """District and municipality of a WGS84 point; outside the region, how far it is."""
        lat, lon = checked_point(lat, lon)
        index = self._municipality_lookup.index_at(lon, lat)
        if index is not None:
            return self._inside(index)
        return self._outside(np.array([lat]), np.array([lon]))[0]

    def _outside(self, lats: np.ndarray, lons: np.ndarray) -> list[Location]:
        # Outside, the nearest point of the region lies on some district's border: one nearest-
        # neighbour query over short border pieces gives both the distance and that district.
        xs, ys = to_metres(lons, lats)
        finite = np.isfinite(xs) & np.isfinite(ys)
        tree, owners = self._border_pieces
        points, pieces = tree.query_nearest(shapely.points(xs[finite], ys[finite]),
                                            return_distance=True, all_matches=False)
        (point_index, piece_index), distances = points, pieces
        areas, _ = self.districts_metres
        found = {}
        for number, piece, distance in zip(np.flatnonzero(finite)[point_index], piece_index,
                                           distances, strict=True):
            found[number] = Location(None, None, False, round(float(distance) / 1000, 3),
                                     areas[owners[piece]])
        return [found[number] if number in found else self._far_away(lat, lon)
                for number, (lat, lon) in enumerate(zip(lats, lons, strict=True))]

    def _far_away(self, lat: float, lon: float) -> Location:
        """A point so far away that EPSG:25832 has no coordinates for it (lon 100 at the
        equator): the geodesic distance to the nearest border vertex, exact enough there."""
        geometry = self._geometry
        coordinates, owners = shapely.get_coordinates(geometry.districts, return_index=True)
        count = len(coordinates)
        _, _, metres = pyproj.Geod(ellps="WGS84").inv(
            coordinates[:, 0], coordinates[:, 1], np.full(count, lon), np.full(count, lat))
        nearest = int(np.argmin(metres))
        area = self._districts[str(geometry.district_keys[owners[nearest]])]
        return Location(None, None, False, round(float(metres[nearest]) / 1000, 3), area)

    def locate_many(self, lats, lons) -> list[Location]:
        """locate() for many points at once: a hundred thousand in well under a second."""
        lats, lons = checked_points(lats, lons)
        found = self._municipality_lookup.indexes_at(lons, lats)
        located = np.empty(len(found), dtype=object)
        inside = found >= 0
        # One Location per municipality, shared by its points: a take, not a call per point.
        municipalities, which = np.unique(found[inside], return_inverse=True)
        shared = np.empty(len(municipalities), dtype=object)
        shared[:] = [self._inside(int(index)) for index in municipalities]
        located[inside] = shared[which]
        if not inside.all():
            located[~inside] = self._outside(lats[~inside], lons[~inside])
        return located.tolist()

    def _inside(self, index: int) -> Location:
        # One immutable Location per municipality, shared by every point inside it.
        location = self._inside_locations.get(index)
        if location is None:
            municipality = self._municipality(index)
            key = municipality.ags[:5]
            district = self._districts[self._merged_districts.get(key, key)]
            location = Location(district, municipality, True, None)
            self._inside_locations[index] = location
        return location

    @cached_property
    def _merged_districts(self) -> dict[str, str]:
        # A municipality may keep a key from before its district merged (scripts/geodata,
        # "district_changes"): it lies in the district of today's key.
        return {merged["ags_before"]: merged["ags"] for merged in
                read_json(self.region, "gazetteer.json").get("former_districts", [])}

    @cached_property
    def _inside_locations(self) -> dict[int, Location]:
        return {}

    def geojson(self, simplified: bool = True, outline: bool = False,
                coarse: bool = False) -> dict:
        """Districts (or the outline) as a GeoJSON FeatureCollection with ags, name, kind, label;
        coarse: the map's outlines for small zooms (compact.COARSE_MAX_ZOOM and below)."""
        if simplified:
            wanted = [json.loads(line) for line in self._map_features(outline, coarse)]
        else:
            wanted = self._accurate_features(outline)
        return {"type": "FeatureCollection", "attribution": self._attribution,
                "features": wanted}

    def map_body(self, outline: bool = False, coarse: bool = False) -> bytes:
        """geojson(True, outline, coarse) as compact UTF-8 JSON, joined from the map file's lines
        without parsing them all: Germany's 5 MB as Python objects would stay in the heap."""
        features = ",".join(self._map_features(outline, coarse))
        head = json.dumps({"type": "FeatureCollection", "attribution": self._attribution},
                          ensure_ascii=False, separators=(",", ":"))[:-1]
        return f'{head},"features":[{features}]}}'.encode()

    @property
    def _attribution(self) -> str:
        return read_json(self.region, "metadata.json")["attribution"]["boundaries"]

    def _map_features(self, outline: bool, coarse: bool) -> list[str]:
        # scripts/geodata/output.py writes one feature per line, properties before geometry.
        filename = compact.COARSE_MAP_FILE if coarse else "districts-map.geojson"
        lines = read_text(self.region, filename).splitlines()[1:-1]
        features = [line.rstrip(",") for line in lines]
        return [feature for feature in features
                if ('"kind":"outline"' in feature.split('"geometry"', 1)[0]) == outline]

    def _accurate_features(self, outline: bool) -> list[dict]:
        geometry = self._geometry
        if outline:
            properties = {"ags": "", "name": self.name, "kind": "outline"}
            return [_feature(shapely.coverage_union_all(geometry.districts), properties)]
        return [_feature(polygon, {"ags": area.ags, "name": area.name, "kind": area.kind,
                                   "label": area.label})
                for polygon, area in zip(geometry.districts, self.districts_metres[0],
                                         strict=True)]


class _Geometry:
    """What boundaries.npz holds, as GEOS geometry and numpy arrays (no per-row Python objects).
    The districts are built on first use: a lookup inside the region never needs them."""

    def __init__(self, arrays: dict[str, np.ndarray]):
        self.municipalities = PolygonLookup(
            compact.polygons(arrays, "municipalities"), arrays["grid"], arrays["grid_origin"],
            float(arrays["grid_cell"]))
        self.ags = arrays["municipalities_ags"]
        self.names = arrays["municipalities_name"]
        self.kinds = arrays["municipalities_kind"]
        self.district_keys = arrays["districts_ags"]
        self._district_arrays = {key: value for key, value in arrays.items()
                                 if key.startswith("districts_")}

    @property
    def districts(self) -> np.ndarray:
        """Built afresh (20 ms for Germany): kept in metres only, by districts_metres."""
        return compact.polygons(self._district_arrays, "districts")


def _feature(geometry, properties: dict) -> dict:
    return {"type": "Feature", "properties": properties,
            "geometry": mapping(shapely.set_precision(geometry, 1e-5))}


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


def districts_geojson(simplified: bool = True, region: str | Path = DEFAULT_REGION,
                      coarse: bool = False) -> dict:
    """The districts as a GeoJSON FeatureCollection (simplified for the map by default; coarse
    for the small zooms where the whole country is in view)."""
    return load_boundaries(region).geojson(simplified, coarse=coarse)


def outline_geojson(simplified: bool = True, region: str | Path = DEFAULT_REGION,
                    coarse: bool = False) -> dict:
    """The region's outline as a GeoJSON FeatureCollection of one feature."""
    return load_boundaries(region).geojson(simplified, outline=True, coarse=coarse)


def map_body(region: str | Path = DEFAULT_REGION, outline: bool = False,
             coarse: bool = False) -> bytes:
    """The map's districts (or outline) as the JSON bytes of districts_geojson()."""
    return load_boundaries(region).map_body(outline, coarse)
