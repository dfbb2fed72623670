"""Where a region's derived geodata lives (jobnet/geo/data/<region>/); read once per process."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import numpy as np

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
