"""Gazetteer records: municipalities, districts, places, venues, former names, neighbours."""

from __future__ import annotations

import re

import numpy as np
import shapely

from jobnet.geo.fuzzy import edit_distance
from jobnet.geo.names import fold, parse

# GeoNames alternate names include romanisations from other scripts ("tsuvuingenberuku") that
# would only produce false matches; people type names in Latin letters, starting upper-case.
NEAR_DEGREES = 0.04  # about 4 km north-south, 3 km east-west in Germany
_TYPED_NAME = re.compile(r"^[A-ZÄÖÜ][A-Za-zÄÖÜäöüßéèàâ .'()-]{2,}$")


def point_of(polygon: shapely.Geometry) -> tuple[list[float], str]:
    """[lat, lon] of the centroid if it lies inside the polygon, else a point on its surface."""
    centroid = polygon.centroid
    point, source = (
        (centroid, "centroid")
        if polygon.contains(centroid)
        else (polygon.point_on_surface(), "surface")
    )
    return [round(point.y, 5), round(point.x, 5)], source


def containing(polygons: np.ndarray, lats: list[float], lons: list[float]) -> list[int | None]:
    """Index of the polygon containing each point, or None."""
    points = shapely.points(lons, lats)
    point_index, polygon_index = shapely.STRtree(polygons).query(points, predicate="within")
    found: list[int | None] = [None] * len(points)
    for p, g in zip(point_index, polygon_index, strict=True):
        found[p] = int(g)
    return found


def alternate_names(place: dict, known: set[str]) -> list[str]:
    """The place's Latin-script alternate names that add a spelling not already known."""
    names, seen = [], set(known)
    for name in [place["name"], *place["alternatenames"]]:
        key = fold(name)
        if _TYPED_NAME.match(name) and key and key not in seen:
            seen.add(key)
            names.append(name)
    return names


def district_labels(
    districts, municipalities, overrides: dict[str, str], neutral
) -> dict[str, str]:
    """Display names: "Landkreis Kassel" where a district shares its name with a municipality."""
    cores = {parse(m.name, neutral).core for m in municipalities}
    labels = {}
    for district in districts:
        own_city = [m for m in municipalities if m.district == district.ags]
        clash = len(own_city) > 1 and parse(district.name, neutral).core in cores
        labels[district.ags] = overrides.get(
            district.ags, f"{district.kind} {district.name}" if clash else district.name
        )
    return labels


def neighbours(districts_m: np.ndarray, keys: list[str]) -> dict[str, list[str]]:
    """Districts sharing a border line with each district (a common corner point is not enough)."""
    tree = shapely.STRtree(districts_m)
    left, right = tree.query(districts_m, predicate="intersects")
    result: dict[str, list[str]] = {key: [] for key in keys}
    for a, b in zip(left, right, strict=True):
        shared = shapely.intersection(districts_m[a].boundary, districts_m[b].boundary)
        if a != b and shared.length > 1.0 and shapely.touches(districts_m[a], districts_m[b]):
            result[keys[a]].append(keys[b])
    return {key: sorted(value) for key, value in result.items()}


def fold_places(places: list[dict], owners: list[int | None], municipalities, polygons, neutral):
    """Split places into those that are a municipality itself (by name) and the others.

    Returns (extra names, population and point per municipality index, places kept as entries).
    """
    cores = [parse(m.name, neutral).core for m in municipalities]
    by_municipality: dict[int, dict] = {}
    kept = []
    for place, owner in zip(places, owners, strict=True):
        if owner is None:
            continue
        point = shapely.Point(place["longitude"], place["latitude"])
        target = _same_named(parse(place["name"], neutral).core, owner, cores, polygons, point)
        if target is None:
            kept.append((place, owner))
            continue
        entry = by_municipality.setdefault(target, {"names": [], "population": 0, "point": None})
        entry["names"] += alternate_names(
            place, {fold(municipalities[target].name)} | {fold(n) for n in entry["names"]}
        )
        if place["population"] > entry["population"]:
            entry["population"] = place["population"]
            # GeoNames points are sometimes rounded into the neighbour; then keep the polygon's.
            entry["point"] = (
                [round(place["latitude"], 5), round(place["longitude"], 5)]
                if target == owner
                else None
            )
    return by_municipality, kept


def _names_agree(a: str, b: str) -> bool:
    # GeoNames misspells a few ("Antriftal" for Antrifttal): one edit is the same name when long.
    return a == b or (min(len(a), len(b)) >= 6 and edit_distance(a, b, 1) <= 1)


def _same_named(core: str, owner: int, cores: list[str], polygons, point) -> int | None:
    if _names_agree(core, cores[owner]):
        return owner
    # A municipality of that name within ~4 km: the GeoNames point fell into the neighbour.
    near = [
        i
        for i, other in enumerate(cores)
        if _names_agree(core, other) and shapely.distance(polygons[i], point) < NEAR_DEGREES
    ]
    return near[0] if len(near) == 1 else None


def venue_records(venues: list[dict], municipalities, polygons: np.ndarray) -> list[dict]:
    """Venues inside the region, each checked against the municipality it is expected in."""
    owners = containing(polygons, [v["lat"] for v in venues], [v["lon"] for v in venues])
    records = []
    for venue, owner in zip(venues, owners, strict=True):
        if owner is None:
            continue
        municipality = municipalities[owner]
        if municipality.ags != venue["expect_municipality"]:
            raise SystemExit(f"venue {venue['name']} lies in {municipality.name}, not as expected")
        records.append(
            {
                "name": venue["name"],
                "aliases": venue["aliases"],
                "address": venue.get("address"),
                "point": [venue["lat"], venue["lon"]],
                "municipality": municipality.ags,
                "district": municipality.district,
            }
        )
    return records


def municipality_rows(
    municipalities, polygons: np.ndarray, source_m: np.ndarray, folded: dict
) -> list[dict]:
    """One record per municipality; the point is the GeoNames town centre where one is known."""
    rows = []
    for index, (municipality, polygon) in enumerate(zip(municipalities, polygons, strict=True)):
        extra = folded.get(index, {})
        point, source = (extra["point"], "geonames") if extra.get("point") else point_of(polygon)
        rows.append(
            {
                "ags": municipality.ags,
                "name": municipality.name,
                "kind": municipality.kind,
                "district": municipality.district,
                "point": point,
                "point_source": source,
                "area_km2": round(source_m[index].area / 1e6, 3),
                "population": extra.get("population") or None,
                "alternate_names": extra.get("names", []),
            }
        )
    return rows


def district_rows(
    district_areas, municipalities: list[dict], geo: dict, labels, borders
) -> list[dict]:
    """One record per district; a city district takes its city's point."""
    rows = []
    for area, polygon, polygon_m in zip(
        district_areas, geo["districts"], geo["districts_m"], strict=True
    ):
        own = [m for m in municipalities if m["district"] == area.ags]
        rows.append(
            {
                "ags": area.ags,
                "name": area.name,
                "kind": area.kind,
                "label": labels[area.ags],
                "point": own[0]["point"] if len(own) == 1 else point_of(polygon)[0],
                "area_km2": round(polygon_m.area / 1e6, 3),
                "neighbours": borders[area.ags],
            }
        )
    return rows


def place_rows(kept: list[tuple[dict, int]], municipalities) -> list[dict]:
    """GeoNames places below municipality level, with the municipality they lie in."""
    return [
        {
            "geonameid": place["geonameid"],
            "name": place["name"],
            "point": [round(place["latitude"], 5), round(place["longitude"], 5)],
            "population": place["population"],
            "municipality": municipalities[owner].ags,
            "district": municipalities[owner].district,
            "alternate_names": alternate_names(place, {fold(place["name"])}),
        }
        for place, owner in kept
    ]


def former_name_rows(municipalities) -> list[dict]:
    """Names of municipalities merged since the source's status, pointing at today's key."""
    return [
        {
            "name": former["name"],
            "ags_before": former["ags_before"],
            "ags": municipality.ags,
            "since": former["since"],
            "point": point_of(former["geometry"])[0],
        }
        for municipality in municipalities
        for former in municipality.former
    ]


def former_district_rows(district_areas) -> dict[str, list[dict]]:
    """{"former_districts": [...]}: keys and names of districts merged since the source's status,
    pointing at today's key; nothing where no district changed (Hesse's files stay as they were)."""
    rows = [
        {**former, "ags": district.ags}
        for district in district_areas
        for former in district.former
    ]
    return {"former_districts": rows} if rows else {}


def municipality_properties(municipality) -> dict[str, str]:
    """ags, name, kind, and the district where it is not the key's first five digits."""
    properties = {"ags": municipality.ags, "name": municipality.name, "kind": municipality.kind}
    if municipality.district != municipality.ags[:5]:
        properties["district"] = municipality.district
    return properties
