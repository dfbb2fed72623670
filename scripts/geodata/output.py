"""Writing the derived files: compact GeoJSON and JSON, one record per line (readable diffs)."""

from __future__ import annotations

import json
from pathlib import Path

import shapely
from shapely.geometry import mapping


def _rounded(value, digits: int):
    if isinstance(value, float):
        return round(value, digits)
    return [_rounded(item, digits) for item in value]


def feature(geometry: shapely.Geometry, properties: dict, digits: int) -> dict:
    """A GeoJSON feature with coordinates rounded to digits decimals."""
    shape = mapping(geometry)
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": shape["type"], "coordinates": _rounded(shape["coordinates"], digits)},
    }


def write_geojson(path: Path, features: list[dict]) -> int:
    """Write a FeatureCollection, one feature per line; returns the size in bytes."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    path.write_text(text, "utf-8")
    return path.stat().st_size


def write_json(path: Path, data: dict) -> int:
    """Write a JSON object with one record per line in its top-level lists; returns the size."""

    def dump(value) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    parts = []
    for key, value in data.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            body = "[\n  " + ",\n  ".join(dump(item) for item in value) + "\n ]"
        else:
            body = dump(value)
        parts.append(f" {dump(key)}: {body}")
    path.write_text("{\n" + ",\n".join(parts) + "\n}\n", "utf-8")
    return path.stat().st_size
