"""District and municipality lookup in the Hessian boundaries (VG250 2017, updated for mergers)."""

import math
from decimal import Decimal

import pytest
import shapely
from shapely.geometry import shape

from jobnet.geo import boundaries
from jobnet.geo.coordinates import InvalidCoordinates, geometry_to_metres, to_metres
from jobnet.geo.settings import GeoSettings
from tests.geo.hesse_facts import HESSE_DISTRICTS


def test_all_26_districts_with_official_keys_names_and_kinds():
    found = {(d.ags, d.name, d.kind) for d in boundaries.districts()}
    assert found == {(d.ags, d.name, d.kind) for d in HESSE_DISTRICTS}


def test_district_labels_tell_city_and_district_apart():
    labels = {d.ags: d.label for d in boundaries.districts()}
    assert labels["06611"] == "Kassel"
    assert labels["06633"] == "Landkreis Kassel"
    assert labels["06438"] == "Kreis Offenbach"
    assert labels["06435"] == "Main-Kinzig-Kreis"


def test_municipalities_as_of_today():
    # VG250 2017 has 430 areas (426 municipalities, 4 unincorporated); Oberzent (2018, from four)
    # and Wesertal (2020, from two) leave 426.
    municipalities = {m.ags: m for m in boundaries.load_boundaries().municipalities()}
    assert len(municipalities) == 426
    assert municipalities["06437016"].name == "Oberzent"
    assert municipalities["06633030"].name == "Wesertal"
    assert not {"06437002", "06437008", "06437014", "06437015", "06633021", "06633027"} & set(
        municipalities
    )
    assert sum(m.kind == "Gemeindefreies Gebiet" for m in municipalities.values()) == 4


@pytest.mark.parametrize(
    ("lat", "lon", "district", "municipality"),
    [
        (50.2016, 9.1866, "06435", "Gelnhausen"),
        (50.0379, 8.5622, "06412", "Frankfurt am Main"),  # Frankfurt Airport
        (50.8680, 9.7070, "06632", "Bad Hersfeld"),
        (49.5679, 8.9604, "06437", "Oberzent"),  # Beerfelden before 2018
        (51.3160, 9.4980, "06611", "Kassel"),
        (51.4000, 9.4000, "06633", None),
    ],
)
def test_locate_known_points(lat, lon, district, municipality):
    location = boundaries.locate(lat, lon)
    assert location.inside
    assert location.distance_to_border_km is None
    assert location.district.ags == district
    assert location.municipality.ags.startswith(district)
    if municipality:
        assert location.municipality.name == municipality


def test_decimal_coordinates_from_forms_are_accepted():
    location = boundaries.locate(Decimal("50.2016"), Decimal("9.1866"))
    assert location.municipality.name == "Gelnhausen"


def test_mainz_is_outside_but_within_30_km():
    location = boundaries.locate(49.9929, 8.2473)
    assert not location.inside
    assert location.district is None and location.municipality is None
    assert 0 < location.distance_to_border_km < 30
    assert location.nearest_district.ags == "06414"  # Wiesbaden, across the Rhine
    assert GeoSettings().accepts(location)


def test_munich_is_refused_with_its_distance(app):
    location = boundaries.locate(48.1372, 11.5756)
    assert not location.inside and location.distance_to_border_km > 150
    settings = GeoSettings()
    assert not settings.accepts(location)
    with app.test_request_context():
        message = settings.outside_message(location)
    assert "km außerhalb Hessens" in message and "nur Orte bis 30 km" in message


@pytest.mark.parametrize(
    ("lat", "lon"),
    [
        (math.nan, 9.0),
        (50.0, math.inf),
        (91.0, 9.0),
        (50.0, -180.5),
        ("50", 9.0),
        (None, 9.0),
        (True, 9.0),
    ],
)
def test_impossible_coordinates_raise_value_error(lat, lon):
    with pytest.raises(InvalidCoordinates):
        boundaries.locate(lat, lon)
    assert issubclass(InvalidCoordinates, ValueError)


def test_neighbours_share_a_border_both_ways():
    region = boundaries.load_boundaries()
    assert {d.ags for d in region.district_neighbours("06632")} == {
        "06535",
        "06631",
        "06634",
        "06636",
    }
    assert [d.ags for d in region.district_neighbours("06611")] == ["06633"]
    for district in region.districts():
        for neighbour in region.district_neighbours(district.ags):
            assert district in region.district_neighbours(neighbour.ags)


@pytest.mark.parametrize("simplified", [True, False])
def test_districts_geojson_for_the_map(simplified):
    collection = boundaries.districts_geojson(simplified=simplified)
    assert collection["type"] == "FeatureCollection"
    assert collection["attribution"] == "© GeoBasis-DE / BKG 2017"
    properties = [f["properties"] for f in collection["features"]]
    assert len(properties) == 26
    assert {p["ags"] for p in properties} == {d.ags for d in HESSE_DISTRICTS}
    assert all({"ags", "name", "kind", "label"} <= set(p) for p in properties)
    outline = boundaries.outline_geojson(simplified=simplified)["features"]
    assert [f["properties"]["name"] for f in outline] == ["Hessen"]


@pytest.mark.parametrize(
    ("lat", "lon", "nearest"),
    [
        (49.9929, 8.2473, "06414"),  # Mainz
        (49.4000, 8.7300, "06431"),  # south of Kreis Bergstraße, whose polygon has several parts
        (51.5413, 9.9158, "06636"),  # Göttingen
        (50.3569, 7.5890, "06533"),  # Koblenz, nearest to Limburg-Weilburg
    ],
)
def test_distance_outside_is_the_distance_to_the_outline_in_metres(lat, lon, nearest):
    outline = boundaries.outline_geojson(simplified=False)["features"][0]["geometry"]
    exact_m = geometry_to_metres(shape(outline)).distance(shapely.Point(to_metres(lon, lat)))
    location = boundaries.locate(lat, lon)
    assert location.distance_to_border_km == pytest.approx(exact_m / 1000, abs=0.001)
    assert location.nearest_district.ags == nearest


def test_locate_many_agrees_with_locate():
    points = [(50.2016, 9.1866), (49.9929, 8.2473), (51.3160, 9.4980), (48.1372, 11.5756)]
    region = boundaries.load_boundaries()
    lats, lons = zip(*points, strict=True)
    assert region.locate_many(lats, lons) == [region.locate(lat, lon) for lat, lon in points]
