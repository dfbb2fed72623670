"""How a gazetteer match is weighed: typos, a kind named in the query, disambiguators, and the
importance and nearness that order namesakes."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from jobnet.geo.names import ParsedName, qualifier_matches

if TYPE_CHECKING:
    from jobnet.geo.gazetteer import Entry


def typo_factor(distance: int, length: int) -> float:
    # One typo in a short name is often another name ("Nixda" ~ Nidda): trust it less.
    if distance == 1:
        return 0.75 if length >= 7 else 0.7
    return 0.6


# A kind word the person typed outweighs importance: "Kreis Kassel" is sure of the Landkreis
# although the city of Kassel counts for more (importance moves a weight by up to 20 %).
OTHER_KIND = 0.8


def hint_factor(entry: Entry, query: ParsedName) -> float:
    # "Kreis Offenbach" wants the district, "Stadt Offenbach" the city.
    if query.kind_hint == "district" and entry.kind != "district":
        return OTHER_KIND
    if query.kind_hint == "municipality" and entry.kind == "district":
        return OTHER_KIND
    return 1.0


def qualifier_factor(entry: Entry, query: ParsedName) -> float:
    # "Frankfurt a.M.", "Reichelsheim, Wetteraukreis": a disambiguator that fits raises the
    # match, one that fits nothing about the entry lowers it.
    if not query.qualifiers:
        return 1.0
    fits = any(qualifier_matches(q, known) for q in query.qualifiers for known in entry.context)
    return 1.02 if fits else 0.85


# Importance: which of several places with the same name a person most likely means. A state
# capital before a city that is its own district, before a Kreisstadt, before other towns; within
# a level the larger population; parts of a town (GeoNames places) after towns of their size.
SEAT_LEVEL = {"capital": 1.0, "city": 0.8, "district": 0.6}
DISTRICT_LEVEL = 0.6  # a (Land)kreis counts like a Kreisstadt the size of its largest town
PLACE_SHARE = 0.5  # a part of a town counts half as much as a town of its size
POPULATION_TOP = 6.5  # log10 of a population that counts fully (about 3 million, Berlin)
# The weight a match gets from importance: from 0.8 (an unknown hamlet) to 1.0 (Berlin), so an
# exact name always beats a typo, but a capital beats a hamlet by more than the ambiguity margin.
IMPORTANCE_FLOOR = 0.8
# The searching person's own district and state come first ("Homburg" in Hesse is Bad Homburg):
# 1.25 lifts the least important namesake (0.8) over the most important one elsewhere.
NEAR_DISTRICT, NEAR_STATE = 1.3, 1.25


def importance(kind: str, seat: str | None, population: int) -> float:
    """0..1: how much a place of this kind, seat and population stands out among namesakes."""
    level = DISTRICT_LEVEL if kind == "district" else SEAT_LEVEL.get(seat or "", 0.0)
    if population > 1:
        value = (level + min(math.log10(population) / POPULATION_TOP, 1.0)) / 2
    else:  # GeoNames gave no population (München is filed as "Munich"): the seat alone counts
        value = level
    return value * PLACE_SHARE if kind == "place" else value


def importance_factor(value: float) -> float:
    return IMPORTANCE_FLOOR + (1 - IMPORTANCE_FLOOR) * value


def near_factor(entry: Entry, near: str | None) -> float:
    """More weight for the entry if it lies in the district or state `near` (an AGS prefix)."""
    if not near:
        return 1.0
    if entry.district.ags.startswith(near[:5]) and len(near) >= 5:
        return NEAR_DISTRICT
    return NEAR_STATE if entry.district.ags[:2] == near[:2] else 1.0
