"""Commuting catchments: circles in metres (EPSG:25832) and the districts they cover."""

import math

import pytest
import shapely

from jobnet.geo import catchments
from jobnet.geo.boundaries import load_boundaries
from jobnet.geo.coordinates import InvalidCoordinates

BAD_HERSFELD = (50.8680, 9.7070)


def test_30_km_around_bad_hersfeld_covers_its_district_most_and_the_neighbours():
    result = catchments.catchment(*BAD_HERSFELD, 30)
    keys = [ags for ags, _ in result]
    assert keys[0] == "06632"
    assert result[0][1] > 0.95
    assert {"06631", "06634", "06535", "06636"} <= set(keys)
    assert [share for _, share in result] == sorted((share for _, share in result), reverse=True)
    assert all(0 < share <= 1 for _, share in result)


def test_covered_area_never_exceeds_the_circle():
    areas, polygons = load_boundaries().districts_metres
    size = {a.ags: p.area for a, p in zip(areas, polygons, strict=True)}
    for radius in (5, 30, 100):
        covered = sum(
            share * size[ags] for ags, share in catchments.catchment(*BAD_HERSFELD, radius)
        )
        assert covered <= math.pi * (radius * 1000) ** 2 * 1.002  # shares are rounded to 4 decimals


def test_small_circle_inside_one_district():
    assert catchments.catchment(50.2016, 9.1866, 5) == [("06435", pytest.approx(0.0563, abs=0.002))]


def test_circle_is_measured_in_metres_not_degrees():
    circle = catchments.circle_metres(*BAD_HERSFELD, 30)
    assert circle.area / 1e6 == pytest.approx(math.pi * 30**2, rel=0.01)
    # The same circle shown in WGS84 is taller in degrees than wide only by the latitude's cosine.
    ring = shapely.Polygon(catchments.circle_geojson(*BAD_HERSFELD, 30)["coordinates"][0])
    minx, miny, maxx, maxy = ring.bounds
    assert (maxx - minx) * math.cos(math.radians(50.868)) == pytest.approx(maxy - miny, rel=0.01)


def test_circle_geojson_is_a_closed_wgs84_polygon():
    shape = catchments.circle_geojson(*BAD_HERSFELD, 10)
    ring = shape["coordinates"][0]
    assert shape["type"] == "Polygon" and ring[0] == ring[-1] and len(ring) > 100
    assert all(9.5 < lon < 9.9 and 50.7 < lat < 51.0 for lon, lat in ring)


@pytest.mark.parametrize("radius", [0, 4.9, 100.1, -30, math.nan, math.inf, "30", None, True])
def test_radius_outside_5_to_100_km_raises(radius):
    with pytest.raises(ValueError):
        catchments.catchment(*BAD_HERSFELD, radius)


def test_bad_centre_raises():
    with pytest.raises(InvalidCoordinates):
        catchments.catchment(math.nan, 9.7, 30)
