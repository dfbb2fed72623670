"""The region's gazetteer: municipalities, districts, places and venues under all their names."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import NamedTuple

from jobnet.geo.boundaries import Area
from jobnet.geo.fuzzy import BigramIndex
from jobnet.geo.names import compact, parse, without_bad, without_kreis
from jobnet.geo.ranking import (
    hint_factor,
    importance,
    importance_factor,
    near_factor,
    qualifier_factor,
    typo_factor,
)
from jobnet.geo.regiondata import DEFAULT_REGION, read_json

# How much a key is worth when it matches: the official name beats a name with its disambiguator
# left out, which beats curated aliases, names derived by rule, and GeoNames' alternate names.
OFFICIAL, CORE, CURATED, DERIVED, ALTERNATE = 1.0, 0.97, 0.95, 0.92, 0.88
WORD_ORDER = 0.95  # the same words in another order
FUZZY_KEY_MIN_TIER = DERIVED  # typo matching only against names we trust, not GeoNames' variety
KIND_ORDER = {"municipality": 0, "district": 1, "venue": 2, "place": 3}


@dataclass(frozen=True)
class Entry:
    """Something the gazetteer can find: a municipality, (Land)kreis, place or venue."""

    kind: str
    label: str
    lat: float
    lon: float
    district: Area
    municipality: Area | None
    population: int
    context: frozenset[str]  # compacted names a typed disambiguator may refer to
    importance: float = 0.0  # 0..1 among namesakes (ranking.importance)

    @property
    def state(self) -> str:
        """The state's key: the first two digits of the AGS."""
        return self.district.ags[:2]


class Candidate(NamedTuple):
    """An entry found for a query: how well the query matched (0..1), and two weights.

    `weight` adds the entry's importance to the score (namesakes of similar weight make a query
    ambiguous); `order` adds nearness to the person as well, and candidates come in its order.
    """

    entry: Entry
    score: float
    weight: float
    order: float


class Gazetteer:
    """Name index over one region's gazetteer.json."""

    def __init__(self, region: str | Path = DEFAULT_REGION):
        data = read_json(region, "gazetteer.json")
        self.neutral = frozenset(data["region"]["neutral_qualifiers"])
        self.districts = {
            d["ags"]: Area(d["ags"], d["name"], d["kind"], d["label"]) for d in data["districts"]
        }
        self.municipalities = {
            m["ags"]: Area(m["ags"], m["name"], m["kind"], m["name"])
            for m in data["municipalities"]
        }
        self.seats: dict[str, str | None] = {}
        self.importance: dict[str, float] = {}  # of each municipality, by key
        self.entries: list[Entry] = []
        self.keys: dict[str, dict[int, float]] = defaultdict(dict)
        self._add_municipalities(data)
        self._add_districts(data)
        self._add_places(data)
        self._add_venues(data)

    # Building the index

    def _add(self, entry: Entry, names: list[tuple[str, float]]) -> None:
        index = len(self.entries)
        self.entries.append(entry)
        for name, tier in names:
            for key, weight in self._keys_of(name, tier):
                if key and weight > self.keys[key].get(index, 0.0):
                    self.keys[key][index] = weight

    def _keys_of(self, name: str, tier: float) -> list[tuple[str, float]]:
        parsed = parse(name, self.neutral)
        core_tier = CORE if tier == OFFICIAL else tier
        keys = [(parsed.full, tier), (parsed.core, core_tier), (parsed.word_set, tier * WORD_ORDER)]
        if (no_bad := without_bad(parsed.core_words)) is not None:
            keys.append((no_bad, min(core_tier, DERIVED)))
        return keys

    def _context(
        self, district: Area, own_name: str, municipality: Area | None = None
    ) -> frozenset[str]:
        names = {district.name, district.label, own_name} | (
            {municipality.name} if municipality else set()
        )
        keys = {compact(n) for n in names} | set(parse(own_name, self.neutral).qualifiers)
        keys |= {k for n in names if (k := without_kreis(compact(n)))}
        return frozenset(keys)

    def _add_municipalities(self, data: dict) -> None:
        former: dict[str, list[str]] = defaultdict(list)
        for row in data["former_names"]:
            former[row["ags"]].append(row["name"])
        for row in data["municipalities"]:
            municipality, district = (
                self.municipalities[row["ags"]],
                self.districts[row["district"]],
            )
            population = row["population"] or 0
            self.seats[row["ags"]] = row.get("seat")
            self.importance[row["ags"]] = importance("municipality", row.get("seat"), population)
            entry = Entry(
                "municipality",
                row["name"],
                *row["point"],
                district,
                municipality,
                population,
                self._context(district, row["name"]),
                self.importance[row["ags"]],
            )
            names = [(row["name"], OFFICIAL)] + [(n, CURATED) for n in former[row["ags"]]]
            self._add(entry, names + [(n, ALTERNATE) for n in row["alternate_names"]])

    def _add_districts(self, data: dict) -> None:
        # Its largest town: Landkreis Kassel then ranks just after the city of Kassel.
        people: dict[str, int] = defaultdict(int)
        for row in data["municipalities"]:
            people[row["district"]] = max(people[row["district"]], row["population"] or 0)
        for row in data["districts"]:
            district = self.districts[row["ags"]]
            if sum(1 for m in self.municipalities if m.startswith(row["ags"])) == 1:
                continue  # a city district: its municipality entry stands for it
            entry = Entry(
                "district",
                row["label"],
                *row["point"],
                district,
                None,
                0,
                self._context(district, row["name"]),
                importance("district", None, people[row["ags"]]),
            )
            names = [
                (row["label"], OFFICIAL),
                (row["name"], CORE if row["label"] != row["name"] else OFFICIAL),
            ]
            if (short := without_kreis(compact(row["name"]))) is not None:
                names.append((short, DERIVED))
            self._add(entry, names)

    def _add_places(self, data: dict) -> None:
        for row in data["places"]:
            municipality, district = (
                self.municipalities[row["municipality"]],
                self.districts[row["district"]],
            )
            label = f"{row['name']} ({municipality.name})"
            context = self._context(district, row["name"], municipality)
            entry = Entry(
                "place",
                label,
                *row["point"],
                district,
                municipality,
                row["population"],
                context,
                self._place_importance(row, municipality),
            )
            self._add(
                entry, [(row["name"], OFFICIAL)] + [(n, ALTERNATE) for n in row["alternate_names"]]
            )

    def _place_importance(self, row: dict, municipality: Area) -> float:
        # "Mühlhausen" is the town of the municipality Mühlhausen/Thüringen: it counts as the town.
        if compact(municipality.name).startswith(compact(row["name"])):
            return importance("municipality", self.seats.get(municipality.ags), row["population"])
        return importance("place", None, row["population"])

    def _add_venues(self, data: dict) -> None:
        for row in data["venues"]:
            municipality, district = (
                self.municipalities[row["municipality"]],
                self.districts[row["district"]],
            )
            context = self._context(district, row["name"], municipality)
            entry = Entry(
                "venue",
                row["name"],
                *row["point"],
                district,
                municipality,
                0,
                context,
                self.importance[municipality.ags],  # a curated venue counts like its town
            )
            self._add(entry, [(row["name"], OFFICIAL)] + [(n, CURATED) for n in row["aliases"]])

    @cached_property
    def _fuzzy_index(self) -> BigramIndex:
        # Compact keys only: a typo in words typed in another order ("Frankfurt Mese") is rare,
        # and leaving the word-order keys out makes every typo lookup a third cheaper.
        return BigramIndex(
            key
            for key, found in self.keys.items()
            if len(key) >= 5 and " " not in key and max(found.values()) >= FUZZY_KEY_MIN_TIER
        )

    # Searching

    def candidates(self, text: str, near: str | None = None) -> list[Candidate]:
        """Entries matching the text, best first; typo matches only when nothing matched exactly.

        `near` (a state's or district's AGS) puts that area's namesakes first.
        """
        query = parse(text, self.neutral)
        # (key, weight, whether the key left the typed disambiguators out)
        variants = [
            (query.full, 1.0, False),
            (query.word_set, 1.0, False),
            (query.core, 0.98, True),
        ]
        if (no_bad := without_bad(query.core_words)) is not None:
            variants.append((no_bad, 0.9, True))
        matches = self._exact_matches(variants) or self._fuzzy_matches(variants)
        # The factors depend on the entry, not the key, so only each entry's best raw score counts.
        best: dict[tuple[int, bool], float] = {}
        for index, score, without_qualifiers in matches:
            if score > best.get((index, without_qualifiers), 0.0):
                best[(index, without_qualifiers)] = score
        scores: dict[int, float] = {}
        for (index, without_qualifiers), score in best.items():
            entry = self.entries[index]
            if query.kind_hint:
                score *= hint_factor(entry, query)
            if without_qualifiers and query.qualifiers:
                score *= qualifier_factor(entry, query)
            scores[index] = max(scores.get(index, 0.0), min(score, 1.0))
        found = []
        for index, score in scores.items():
            entry = self.entries[index]
            weight = score * importance_factor(entry.importance)
            order = weight * near_factor(entry, near) if near else weight
            found.append(Candidate(entry, score, weight, order))
        found.sort(key=lambda c: (-c.order, KIND_ORDER[c.entry.kind], c.entry.label))
        return found

    def _exact_matches(self, variants) -> list[tuple[int, float, bool]]:
        return [
            (index, weight * tier, without_qualifiers)
            for key, weight, without_qualifiers in variants
            for index, tier in self.keys.get(key, {}).items()
        ]

    def _fuzzy_matches(self, variants) -> list[tuple[int, float, bool]]:
        matches = []
        seen = set()
        for word, weight, without_qualifiers in variants:
            if len(word) < 5 or " " in word or word in seen:
                continue
            seen.add(word)
            # Two typos only in long names; one close name hides those two typos away.
            close = self._fuzzy_index.within(word, 2 if len(word) >= 8 else 1)
            if close and close[0][0] == 1:
                close = [c for c in close if c[0] == 1]
            for distance, key in close:
                factor = weight * typo_factor(distance, len(word))
                matches += [
                    (i, tier * factor, without_qualifiers) for i, tier in self.keys[key].items()
                ]
        return matches


@cache
def load_gazetteer(region: str | Path = DEFAULT_REGION) -> Gazetteer:
    """The region's gazetteer, built once per process."""
    return Gazetteer(region)
