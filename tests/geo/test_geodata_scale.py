"""Geodata at national scale: the compact boundaries, bulk lookups, map outlines per zoom, preload."""

import gzip
import json
import zlib

import numpy as np
import pytest
import shapely
from shapely.geometry import shape

from jobnet import create_app
from jobnet.geo import boundaries
from jobnet.geo.compact import COARSE_MAP_FILE
from jobnet.geo.preload import preload_geodata
from jobnet.geo.regiondata import DATA_ROOT, read_arrays

HESSE = DATA_ROOT / "hessen"


def exact_indexes(polygons, lats, lons):
    """The lowest index of a polygon holding each point, by testing every polygon (slow, sure)."""
    found = np.full(len(lats), -1)
    for index in reversed(range(len(polygons))):
        found[shapely.intersects_xy(polygons[index], lons, lats)] = index
    return found


def random_points(region, count, seed):
    lookup = boundaries.load_boundaries(region)._municipality_lookup
    x0, y0, x1, y1 = shapely.total_bounds(lookup.polygons)
    rng = np.random.default_rng(seed)
    return rng.uniform(y0 - 0.1, y1 + 0.1, count), rng.uniform(x0 - 0.1, x1 + 0.1, count)


def test_the_lookup_raster_gives_the_same_municipality_as_testing_every_polygon():
    lats, lons = random_points("hessen", 20_000, 1)
    lookup = boundaries.load_boundaries("hessen")._municipality_lookup
    expected = exact_indexes(lookup.polygons, lats, lons)
    assert (expected >= 0).sum() > 5_000 and (expected < 0).sum() > 5_000
    assert np.array_equal(lookup.indexes_at(lons, lats), expected)
    sample = range(0, 20_000, 50)
    assert [lookup.index_at(lons[i], lats[i]) for i in sample] == [
        None if expected[i] < 0 else expected[i] for i in sample]


def test_points_on_a_shared_border_get_the_same_area_in_bulk_and_one_by_one():
    region = boundaries.load_boundaries("hessen")
    # Vertices of municipality borders lie on two or three polygons at once.
    xy = shapely.get_coordinates(region._municipality_lookup.polygons)[::500]
    lats, lons = xy[:, 1], xy[:, 0]
    one_by_one = [region.locate(lat, lon) for lat, lon in zip(lats, lons, strict=True)]
    assert all(location.inside for location in one_by_one)
    assert region.locate_many(lats, lons) == one_by_one


def test_locate_many_of_random_points_agrees_with_locate_inside_and_outside():
    lats, lons = random_points("hessen", 400, 2)
    region = boundaries.load_boundaries("hessen")
    expected = [region.locate(lat, lon) for lat, lon in zip(lats, lons, strict=True)]
    assert {location.inside for location in expected} == {True, False}
    assert region.locate_many(lats, lons) == expected
    assert region.locate_many(list(lats), list(lons)) == expected


def test_the_compact_form_holds_exactly_the_published_geojson():
    arrays = read_arrays("hessen")
    features = json.loads((HESSE / "municipalities.geojson").read_text("utf-8"))["features"]
    published = np.array([shape(f["geometry"]) for f in features])
    loaded = boundaries.load_boundaries("hessen")._municipality_lookup.polygons
    assert list(arrays["municipalities_ags"]) == [f["properties"]["ags"] for f in features]
    # The same rings with the same coordinates, bit for bit (loaded ones are all MultiPolygons).
    for part in (shapely.get_parts, lambda g: shapely.get_rings(shapely.get_parts(g))):
        assert shapely.equals_exact(part(loaded), part(published), tolerance=0).all()


def test_coarse_map_outlines_have_every_district_without_gaps_and_are_a_fraction_of_the_size():
    coarse = json.loads((HESSE / COARSE_MAP_FILE).read_text("utf-8"))["features"]
    districts = [f for f in coarse if f["properties"]["kind"] != "outline"]
    assert sorted(f["properties"]["ags"] for f in districts) == sorted(
        d.ags for d in boundaries.districts())
    assert shapely.coverage_is_valid(np.array([shape(f["geometry"]) for f in districts]))
    assert (HESSE / COARSE_MAP_FILE).stat().st_size < (HESSE / "districts-map.geojson").stat(
        ).st_size / 3


@pytest.mark.parametrize("path", ["/api/v1/districts", "/karte/umriss.json"])
def test_the_map_asks_for_coarse_outlines_at_small_zooms(client, path):
    detailed, coarse = client.get(path), client.get(path + "?zoom=7")
    assert detailed.status_code == coarse.status_code == 200
    assert len(coarse.data) * 3 < len(detailed.data)
    assert [f["properties"]["ags"] for f in coarse.get_json()["features"]] == [
        f["properties"]["ags"] for f in detailed.get_json()["features"]]
    assert client.get(path + "?zoom=8").data == detailed.data
    assert client.get(path + "?zoom=0").data == coarse.data


@pytest.mark.parametrize("zoom", ["-1", "31", "sieben", "7.5", ""])
def test_a_zoom_that_is_no_zoom_is_refused_with_a_message(client, zoom):
    for path in ("/api/v1/districts", "/karte/umriss.json"):
        response = client.get(f"{path}?zoom={zoom}")
        assert response.status_code == 400
        assert "zoom" in response.get_json()["error"]


def test_preloading_loads_what_the_first_request_would_need(app):
    preload_geodata(app)
    region = boundaries.load_boundaries("hessen")
    assert "_geometry" in region.__dict__ and "_border_pieces" in region.__dict__


@pytest.fixture(scope="module")
def germany(national_region):
    app = create_app({"TESTING": True, "GEO_REGION": national_region.name,
                      "SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "test"})
    return app.test_client()


def test_germany_ships_in_compact_form_small_enough_for_git(national_region):
    shipped = {"boundaries.npz", "districts-map.geojson", COARSE_MAP_FILE, "gazetteer.json",
               "metadata.json"}
    assert shipped <= {path.name for path in national_region.iterdir()}
    # Git stores each file zlib-compressed: what a clone of one version costs.
    in_git = sum(len(zlib.compress((national_region / name).read_bytes(), 6)) for name in shipped)
    assert in_git < 12_000_000


@pytest.mark.parametrize(("lat", "lon", "district"), [
    (48.1372, 11.5756, "09162"),  # München
    (53.5511, 9.9937, "02000"),  # Hamburg
    (52.5200, 13.4050, "11000"),  # Berlin
    (50.2016, 9.1866, "06435"),  # Gelnhausen
])
def test_germany_answers_a_point_anywhere_in_the_country(germany, lat, lon, district):
    answer = germany.get(f"/api/v1/locate?lat={lat}&lon={lon}").get_json()
    assert answer["inside"] and answer["district"]["ags"] == district


def test_germany_knows_basel_is_outside(germany):
    answer = germany.get("/api/v1/locate?lat=47.5596&lon=7.5886").get_json()
    assert not answer["inside"] and 0 < answer["distance_to_border_km"] < 5


def test_germany_overview_outlines_fit_the_download_budget(germany):
    coarse = germany.get("/api/v1/districts?zoom=6")
    assert len(coarse.get_json()["features"]) == 400  # today's, after the curated mergers
    assert len(gzip.compress(coarse.data, 5)) < 400_000


def test_germany_bulk_lookup_agrees_with_one_by_one(national_region):
    lats, lons = random_points(national_region.name, 300, 3)
    region = boundaries.load_boundaries(national_region.name)
    assert region.locate_many(lats, lons) == [
        region.locate(lat, lon) for lat, lon in zip(lats, lons, strict=True)]
