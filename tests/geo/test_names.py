"""Folding and parsing of typed place names, and the edit distance behind typo tolerance."""

import pytest

from jobnet.geo.fuzzy import BigramIndex, edit_distance
from jobnet.geo.names import compact, fold, parse, qualifier_matches


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Groß-Gerau", "gross gerau"),
        ("BRUCHKÖBEL", "bruchkoebel"),
        ("Bruchkoebel", "bruchkoebel"),
        ("Höchst i. Odw.", "hoechst i odw"),
        ("Bad  Homburg v.d. Höhe", "bad homburg v d hoehe"),
    ],
)
def test_fold(typed, folded):
    assert fold(typed) == folded


def test_spellings_compact_alike():
    assert compact("Neu-Isenburg") == compact("Neu Isenburg") == compact("neuisenburg")
    assert compact("Gießen") == compact("Giessen")


def test_parse_keeps_core_qualifiers_hint_and_postcode():
    parsed = parse("63571 Gelnhausen")
    assert (parsed.full, parsed.core, parsed.postcode) == ("gelnhausen", "gelnhausen", "63571")
    parsed = parse("Landkreis Kassel")
    assert (parsed.full, parsed.core, parsed.kind_hint) == ("landkreiskassel", "kassel", "district")
    parsed = parse("Reichelsheim (Odenwald)")
    assert (parsed.full, parsed.core, parsed.qualifiers) == (
        "reichelsheimodenwald",
        "reichelsheim",
        ("odenwald",),
    )
    parsed = parse("Limburg a.d. Lahn")
    assert (parsed.core, parsed.qualifiers) == ("limburg", ("lahn",))
    assert parse("Münster (Hessen)", frozenset({"hessen"})).qualifiers == ()


def test_qualifier_abbreviations():
    assert qualifier_matches("m", "main")
    assert qualifier_matches("odw", "odenwald")
    assert not qualifier_matches("oder", "odenwald")


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("gelnhasuen", "gelnhausen", 1),
        ("wiesbdaen", "wiesbaden", 1),
        ("bruchkobel", "bruchkoebel", 1),
        ("kassel", "kassel", 0),
        ("kitten", "sitting", 3),
        ("ca", "abc", 3),
    ],
)
def test_edit_distance(a, b, distance):
    assert edit_distance(a, b, 5) == distance


def test_bigram_index_finds_one_and_two_typos():
    index = BigramIndex(["gelnhausen", "wiesbaden", "kassel"])
    assert index.within_one("gelnhasuen") == ["gelnhausen"]
    assert index.within_one("kasel") == ["kassel"]
    assert index.within("gelnhsuen", 2) == [(2, "gelnhausen")]


def test_bigram_index_finds_what_comparing_with_every_name_finds():
    # The bigram filter may only skip names that cannot be close: compare with the full scan.
    from jobnet.geo.gazetteer import load_gazetteer

    index = load_gazetteer()._fuzzy_index
    typed = ["gelnhasuen", "wiesbdaen", "frankfrutammain", "badhersfled", "marbrug", "offenbahc",
             "kasel", "fuldaa", "lauterbachhesen", "reichelsheimwetterau", "bdhomburg", "ab"]
    for word in typed:
        for limit in (1, 2):
            scan = sorted(
                (d, known) for known in index.words
                if 0 < (d := edit_distance(word, known, limit)) <= limit
            )
            assert index.within(word, limit) == scan, (word, limit)
