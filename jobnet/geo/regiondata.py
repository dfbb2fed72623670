"""Where a region's derived geodata lives (jobnet/geo/data/<region>/), read once per process, and
what its metadata says about it: names, allowed distance past the border, bounding box."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import shapely

from jobnet.geo import regionnames

DATA_ROOT = Path(__file__).resolve().parent / "data"
DEFAULT_REGION = "hessen"


class RegionDataError(RuntimeError):
    """The region's data folder or a file in it is missing (scripts/build_geodata.py makes them)."""


def region_dir(region: str | Path) -> Path:
    """The data folder of a region: a folder name under jobnet/geo/data, or a path to a folder."""
    path = Path(region)
    folder = path if path.is_absolute() else DATA_ROOT / path
    if not (folder / "metadata.json").is_file():
        raise RegionDataError(
            f"no geodata for region {str(region)!r} in {folder};"
            " build it with scripts/build_geodata.py"
        )
    return folder


@cache
def read_json(region: str | Path, filename: str) -> dict:
    """A data file of the region, parsed once per process (callers must not modify it)."""
    return json.loads(read_text(region, filename))


def read_text(region: str | Path, filename: str) -> str:
    """A data file of the region as text, read afresh (the map files: their callers keep only
    the answer they build from it)."""
    path = region_dir(region) / filename
    try:
        return path.read_text("utf-8")
    except FileNotFoundError as error:
        raise RegionDataError(
            f"{path} is missing; rebuild with scripts/build_geodata.py"
        ) from error


def read_arrays(region: str | Path) -> dict[str, np.ndarray]:
    """The region's boundaries.npz (jobnet/geo/compact.py), loaded whole; not cached, because
    the boundaries keep only the geometry they build from it."""
    path = region_dir(region) / "boundaries.npz"
    try:
        with np.load(path, allow_pickle=False) as arrays:
            return {name: arrays[name] for name in arrays.files}
    except FileNotFoundError as error:
        raise RegionDataError(
            f"{path} is missing; rebuild with scripts/build_geodata.py"
        ) from error


def attribution(region: str | Path = DEFAULT_REGION) -> dict[str, str]:
    """Attribution: "boundaries" wherever boundaries are shown, "places" beside place names."""
    return dict(read_json(region, "metadata.json")["attribution"])


@dataclass(frozen=True)
class RegionNames:
    """A region's name in one language, in the forms sentences need."""

    name: str  # "Hessen" / "Hesse"
    in_region: str  # "in Hessen", "im Saarland" / "in Hesse"
    genitive: str  # after "außerhalb" and "Karte": "Hessens" / after "outside", "map of": "Hesse"
    whole: str  # "ganz Hessen" / "all of Hesse"

    @property
    def whole_capitalised(self) -> str:
        """ "Ganz Hessen" as a choice in a list, "All of Hesse"."""
        return self.whole[:1].upper() + self.whole[1:]


@dataclass(frozen=True)
class RegionProfile:
    """What a region says about itself: names per language, the allowed distance past its
    border, and its bounding box (west, south, east, north) for the map's view."""

    names: dict[str, RegionNames]
    max_outside_km: float
    bounds: tuple[float, float, float, float]

    def names_in(self, language: str) -> RegionNames:
        """The names in that language, German for any other."""
        return self.names.get(language) or self.names["de"]


@cache
def region_profile(region: str | Path = DEFAULT_REGION) -> RegionProfile:
    """The region's profile from metadata.json; a folder built before the fields "names",
    "max_outside_km" and "bounds" gets them from its key prefix and its outline."""
    metadata = read_json(region, "metadata.json")
    prefix = metadata.get("key_prefix", "")
    forms = metadata.get("names") or regionnames.region_names(prefix, metadata.get("region", ""))
    names = {language: RegionNames(f["name"], f["in"], f["genitive"], f["whole"])
             for language, f in forms.items()}
    distance = metadata.get("max_outside_km")
    bounds = metadata.get("bounds") or outline_bounds(read_json(region, "outline.geojson"))
    return RegionProfile(
        names=names,
        max_outside_km=float(regionnames.max_outside_km(prefix) if distance is None else distance),
        bounds=tuple(float(value) for value in bounds),
    )


def outline_bounds(outline: dict) -> list[float]:
    """[west, south, east, north] of a GeoJSON FeatureCollection (see box_outwards)."""
    geometries = shapely.from_geojson([json.dumps(f["geometry"]) for f in outline["features"]])
    return box_outwards(shapely.total_bounds(geometries))


def box_outwards(bounds) -> list[float]:
    """[west, south, east, north] to 4 decimals (about 10 m), rounded outwards so the box always
    holds the outline."""
    west, south, east, north = (float(value) for value in bounds)
    return [math.floor(west * 1e4) / 1e4, math.floor(south * 1e4) / 1e4,
            math.ceil(east * 1e4) / 1e4, math.ceil(north * 1e4) / 1e4]
