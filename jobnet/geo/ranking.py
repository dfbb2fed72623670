"""How a gazetteer match's score moves: typos, a kind named in the query, disambiguators."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jobnet.geo.names import ParsedName, qualifier_matches

if TYPE_CHECKING:
    from jobnet.geo.gazetteer import Entry


def typo_factor(distance: int, length: int) -> float:
    # One typo in a short name is often another name ("Nixda" ~ Nidda): trust it less.
    if distance == 1:
        return 0.75 if length >= 7 else 0.7
    return 0.6


def hint_factor(entry: Entry, query: ParsedName) -> float:
    # "Kreis Offenbach" wants the district, "Stadt Offenbach" the city.
    if query.kind_hint == "district" and entry.kind != "district":
        return 0.85
    if query.kind_hint == "municipality" and entry.kind == "district":
        return 0.85
    return 1.0


def qualifier_factor(entry: Entry, query: ParsedName) -> float:
    # "Frankfurt a.M.", "Reichelsheim, Wetteraukreis": a disambiguator that fits raises the
    # match, one that fits nothing about the entry lowers it.
    if not query.qualifiers:
        return 1.0
    fits = any(qualifier_matches(q, known) for q in query.qualifiers for known in entry.context)
    return 1.02 if fits else 0.85
