"""Offline geocoding of what people type, through search() and geopy's Geocoder interface."""

import pytest

from jobnet.geo.geocoder import search
from jobnet.geo.names import InvalidQuery


def first(query):
    return search(query)[0]


def where(result):
    return (result.district.ags, result.municipality.ags if result.municipality else None)


def test_kassel_is_ambiguous_city_first_then_landkreis():
    city, district = search("Kassel")[:2]
    assert (city.kind, where(city)) == ("municipality", ("06611", "06611000"))
    assert (district.kind, district.label, where(district)) == (
        "district",
        "Landkreis Kassel",
        ("06633", None),
    )
    assert city.confidence >= district.confidence and city.confidence < 0.9


@pytest.mark.parametrize(
    "query", ["Landkreis Kassel", "Lkr. Kassel", "Kreis Kassel", "kassel land"]
)
def test_landkreis_kassel_is_the_district(query):
    result = first(query)
    assert (result.kind, where(result)) == ("district", ("06633", None))
    assert result.confidence > 0.9


def test_offenbach_is_ambiguous_between_city_and_kreis():
    results = search("Offenbach")
    assert [where(r) for r in results[:2]] == [("06413", "06413000"), ("06438", None)]
    assert results[0].label == "Offenbach am Main" and results[1].label == "Kreis Offenbach"


@pytest.mark.parametrize(
    ("query", "district"), [("Kreis Offenbach", "06438"), ("Stadt Offenbach", "06413")]
)
def test_kind_words_choose_city_or_district(query, district):
    result = first(query)
    assert result.district.ags == district and result.confidence > 0.9


def test_two_reichelsheims_come_with_their_districts():
    results = search("Reichelsheim")
    assert {(r.label, r.district.ags) for r in results} == {
        ("Reichelsheim (Odenwald)", "06437"),
        ("Reichelsheim (Wetterau)", "06440"),
    }
    assert all(r.confidence < 0.9 for r in results)
    assert first("Reichelsheim (Wetterau)").district.ags == "06440"
    assert first("Reichelsheim, Odenwaldkreis").district.ags == "06437"


@pytest.mark.parametrize(
    ("query", "label", "district"),
    [
        ("Giessen", "Gießen", "06531"),
        ("GIESSEN", "Gießen", "06531"),
        ("63571 Gelnhausen", "Gelnhausen", "06435"),
        ("Bad Hersfeld", "Bad Hersfeld", "06632"),
        ("hersfeld", "Bad Hersfeld", "06632"),
        ("Muenster", "Münster", "06432"),
        ("Münster (Hessen)", "Münster", "06432"),
        ("Bruchköbel", "Bruchköbel", "06435"),
        ("Bruchkoebel", "Bruchköbel", "06435"),
        ("Frankfurt a.M.", "Frankfurt am Main", "06412"),
        ("Frankfurt", "Frankfurt am Main", "06412"),
        ("Rotenburg an der Fulda", "Rotenburg a.d. Fulda", "06632"),
        ("Rotenburg a.d. Fulda", "Rotenburg a.d. Fulda", "06632"),
        ("Höchst im Odenwald", "Höchst i. Odw.", "06437"),
        ("Bad Homburg", "Bad Homburg v.d. Höhe", "06434"),
        ("Kelkheim (Taunus)", "Kelkheim (Taunus)", "06436"),
        ("Main-Kinzig-Kreis", "Main-Kinzig-Kreis", "06435"),
        ("main kinzig", "Main-Kinzig-Kreis", "06435"),
        ("Hochtaunus", "Hochtaunuskreis", "06434"),
        ("Zeppelinheim", "Zeppelinheim (Neu-Isenburg)", "06438"),
        ("Frankfurt Messe", "Messe Frankfurt", "06412"),
        ("Frankfurt am Main Flughafen", "Flughafen Frankfurt am Main", "06412"),
        ("Odenwald Reichelsheim", "Reichelsheim (Odenwald)", "06437"),
        ("Reichelsheim, Wetteraukreis", "Reichelsheim (Wetterau)", "06440"),
    ],
)
def test_what_people_type(query, label, district):
    result = first(query)
    assert (result.label, result.district.ags) == (label, district)


def test_frankfurt_airport_is_the_venue_in_frankfurt():
    for query in ("Frankfurt Flughafen", "Flughafen Frankfurt", "FRA", "Frankfurt Airport"):
        result = first(query)
        assert (result.kind, result.label) == ("venue", "Flughafen Frankfurt am Main")
        assert where(result) == ("06412", "06412000")
        assert result.municipality.name == "Frankfurt am Main"


@pytest.mark.parametrize(
    ("query", "municipality"),
    [
        ("Messe Kassel", "06611000"),
        ("Messe Frankfurt", "06412000"),
        ("Messe Wächtersbach", "06435029"),
    ],
)
def test_fair_grounds(query, municipality):
    result = first(query)
    assert result.kind == "venue" and result.municipality.ags == municipality


@pytest.mark.parametrize(
    ("query", "label"), [("Gelnhasuen", "Gelnhausen"), ("Wiesbdaen", "Wiesbaden")]
)
def test_small_typos_are_forgiven_with_less_confidence(query, label):
    result = first(query)
    assert result.label == label and 0.5 <= result.confidence < 0.8


@pytest.mark.parametrize(
    ("query", "municipality"),
    [
        ("Sensbachtal", "06437016"),
        ("Beerfelden", "06437016"),
        ("Wahlsburg", "06633030"),
        ("Oberzent", "06437016"),
    ],
)
def test_merged_municipalities_resolve_by_old_and_new_name(query, municipality):
    assert first(query).municipality.ags == municipality


def test_confidences_are_ordered_and_in_range():
    for query in ("Kassel", "Reichelsheim", "Offenbach am Main", "Lützelbach", "Gelnhasuen", "FRA"):
        confidences = [r.confidence for r in search(query)]
        assert confidences == sorted(confidences, reverse=True)
        assert all(0 < c <= 1 for c in confidences)
    assert first("Gelnhausen").confidence == 1.0


def test_result_as_api_dict():
    assert first("Gelnhausen").as_dict() == {
        "label": "Gelnhausen",
        "lat": pytest.approx(50.2016, abs=0.01),
        "lon": pytest.approx(9.1874, abs=0.01),
        "confidence": 1.0,
        "kind": "municipality",
        "district": {"ags": "06435", "name": "Main-Kinzig-Kreis"},
        "municipality": {"ags": "06435010", "name": "Gelnhausen"},
        "state": {"ags": "06", "name": "Hessen"},
    }
    assert first("Landkreis Kassel").as_dict()["municipality"] is None


@pytest.mark.parametrize(
    "query", ["", "   ", "Musterhausen am See", "<script>", "${x}", "`", "'; DROP TABLE--"]
)
def test_unknown_or_empty_text_finds_nothing(query):
    assert search(query) == []


@pytest.mark.parametrize(
    "query", ["x" * 10_000, "x" * 201, "Gelnhausen\x00", "\x1b[31m", "\ud800", None, 42]
)
def test_text_no_person_types_is_refused(query):
    with pytest.raises(ValueError):
        search(query)
    assert issubclass(InvalidQuery, ValueError)


def test_limit():
    assert len(search("Reichelsheim", limit=1)) == 1
    with pytest.raises(ValueError):
        search("Kassel", limit=0)
