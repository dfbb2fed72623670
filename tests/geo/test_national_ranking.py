"""Issue 15, point 4: places that share a name across Germany, ranked by importance and nearness.

With the all-Germany gazetteer a bare "Neustadt" used to put a Hamburg quarter first; now a
district seat or larger town leads, the person is asked (confidence below the "sure" rule), and
the person's own state or district comes first.
"""

import pytest

from jobnet.geo.geocoder import MAX_LIMIT, SURE_CONFIDENCE, needs_choice, search
from jobnet.geo.names import InvalidQuery
from jobnet.geo.ranking import importance


def places(query, region, near=None):
    return search(query, MAX_LIMIT, region, near)


@pytest.mark.parametrize(
    ("query", "first_label", "first_district"),
    [
        ("Neustadt", "Neustadt an der Weinstraße", "07316"),
        ("Halle", "Halle (Saale)", "15002"),
        ("Mühlhausen", "Mühlhausen (Mühlhausen/Thüringen)", "16064"),
    ],
)
def test_namesakes_ask_with_the_most_important_first(national_region, query, first_label,
                                                     first_district):
    results = places(query, national_region)
    assert needs_choice(results)
    assert all(r.confidence < SURE_CONFIDENCE for r in results)
    assert (results[0].label, results[0].district.ags) == (first_label, first_district)
    # The old first answers, a Hamburg quarter and villages, are still offered, further down.
    assert len({r.district.ags for r in results}) >= 3


def test_neustadt_offers_the_namesakes_of_several_states(national_region):
    results = places("Neustadt", national_region)
    assert len(results) >= 10
    assert len({r.state for r in results}) >= 5
    labels = [r.label for r in results]
    assert labels.index("Neustadt (Hamburg)") > labels.index("Neustadt am Rübenberge")


@pytest.mark.parametrize(
    ("near", "district"),
    [(None, None), ("06", "06434"), ("06435", "06434"), ("06434001", "06434"), ("10", "10045"),
     ("10045", "10045")],
)
def test_homburg_is_asked_and_the_own_state_comes_first(national_region, near, district):
    results = places("Homburg", national_region, near)
    assert needs_choice(results)
    assert {r.district.ags for r in results[:2]} == {"06434", "10045"}
    if district:
        assert results[0].district.ags == district


def test_own_state_first_among_namesakes(national_region):
    assert places("Münster", national_region)[0].district.ags == "05515"
    assert places("Münster", national_region, near="06")[0].district.ags == "06432"


@pytest.mark.parametrize(
    ("query", "district"),
    [("Berlin", "11000"), ("Frankfurt am Main", "06412"), ("Gelnhausen", "06435"),
     ("Halle (Saale)", "15002"), ("Neustadt an der Weinstraße", "07316")],
)
def test_clear_names_stay_sure(national_region, query, district):
    results = places(query, national_region)
    assert not needs_choice(results)
    assert results[0].district.ags == district


def test_confidences_fall_down_the_list(national_region):
    for query in ("Neustadt", "Homburg", "Halle"):
        for near in (None, "06", "10045"):
            confidences = [r.confidence for r in places(query, national_region, near)]
            assert confidences == sorted(confidences, reverse=True)


def test_importance_orders_capital_city_seat_town_and_quarter():
    capital = importance("municipality", "capital", 600_000)
    city = importance("municipality", "city", 600_000)
    seat = importance("municipality", "district", 30_000)
    town = importance("municipality", None, 30_000)
    quarter = importance("place", None, 30_000)
    assert 1 >= capital > city > seat > town > quarter >= 0


@pytest.mark.parametrize("near", ["6", "064", "0643x", "99", "06435010x", " 06"])
def test_a_malformed_near_hint_is_refused(near):
    with pytest.raises(InvalidQuery):
        search("Homburg", near=near)
