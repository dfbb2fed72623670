"""Figures for jobnet.geo: load time, locate() points/s, geocoding queries/s, catchments/s.

Run: python bench/bench_geo.py [region]. Each figure comes with a baseline measured in the same run:
an STRtree of municipality polygons + predicate (docs/architecture.md, "Geo lookups") for locate(),
and difflib's close-match scan over all names for the geocoder.
"""

from __future__ import annotations

import difflib
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import shape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jobnet.geo import boundaries, catchments, gazetteer, geocoder
from jobnet.geo.names import compact

QUERIES = [
    "Gelnhausen",
    "Kassel",
    "Landkreis Kassel",
    "Offenbach",
    "Reichelsheim",
    "63571 Gelnhausen",
    "Frankfurt Flughafen",
    "Bad Hersfeld",
    "hersfeld",
    "Giessen",
    "Main-Kinzig-Kreis",
    "Frankfurt a.M.",
    "Gelnhasuen",
    "Wiesbdaen",
    "Musterhausen am See",
    "Zeppelinheim",
]


def timed(function, repeat: int = 1) -> float:
    """Seconds per call."""
    started = time.perf_counter()
    for _ in range(repeat):
        function()
    return (time.perf_counter() - started) / repeat


LOAD_STEPS = """
import time
marks = [time.perf_counter()]
import jobnet
marks.append(time.perf_counter())
from jobnet.geo import boundaries, catchments, geocoder
marks.append(time.perf_counter())
boundaries.locate(50.2, 9.19, REGION)
marks.append(time.perf_counter())
boundaries.locate(48.1, 11.5, REGION)
marks.append(time.perf_counter())
geocoder.search("Gelnhausen", region=REGION)
marks.append(time.perf_counter())
catchments.catchment(50.868, 9.707, 30, region=REGION)
marks.append(time.perf_counter())
print(" ".join(str(b - a) for a, b in zip(marks, marks[1:])))
"""


def bench_load(region: str) -> None:
    code = LOAD_STEPS.replace("REGION", repr(region))
    root = Path(__file__).resolve().parent.parent
    output = subprocess.check_output([sys.executable, "-c", code], text=True, cwd=root)
    steps = [
        "import jobnet (the app package)",
        "import jobnet.geo modules",
        "first locate() inside (reads municipalities)",
        "first locate() outside (districts, pyproj)",
        "first search() (reads gazetteer, builds index)",
        "first catchment()",
    ]
    print("load, in a fresh process:")
    for step, seconds in zip(steps, output.split(), strict=True):
        print(f"  {step}: {float(seconds) * 1000:.0f} ms")


def bench_locate(region: str) -> None:
    region_data = boundaries.load_boundaries(region)
    outline = boundaries.outline_geojson(simplified=False, region=region)["features"][0]
    lon0, lat0, lon1, lat1 = shapely.bounds(shape(outline["geometry"]))
    rng = np.random.default_rng(7)
    lats, lons = rng.uniform(lat0, lat1, 10_000), rng.uniform(lon0, lon1, 10_000)
    region_data.locate(lats[0], lons[0])
    region_data.locate(48.1, 11.5)
    seconds = timed(lambda: [region_data.locate(a, o) for a, o in zip(lats, lons, strict=True)])
    inside = [region_data.locate(a, o).inside for a, o in zip(lats, lons, strict=True)]
    print(
        f"locate(): {10_000 / seconds:,.0f} points/s over 10,000 random points in the bbox"
        f" ({sum(inside)} inside; outside ones also get their distance to the border)"
    )
    inner = [(a, o) for a, o, i in zip(lats, lons, inside, strict=True) if i]
    seconds_inside = timed(lambda: [region_data.locate(a, o) for a, o in inner])
    print(f"  inside points only: {len(inner) / seconds_inside:,.0f} points/s")
    seconds_many = timed(lambda: region_data.locate_many(lats, lons))
    print(f"  locate_many() over the same 10,000: {10_000 / seconds_many:,.0f} points/s")
    lookup = region_data._municipality_lookup
    grid = timed(lambda: [lookup.index_at(o, a) for a, o in zip(lats, lons, strict=True)])
    tree = shapely.STRtree(lookup.polygons)
    points = shapely.points(lons, lats)
    baseline = timed(lambda: [tree.query(p, predicate="intersects") for p in points])
    print(
        f"  point-in-polygon alone: bbox-grid candidates + intersects_xy {10_000 / grid:,.0f}/s,"
        f" baseline STRtree + predicate {10_000 / baseline:,.0f}/s ({baseline / grid:.1f}x)"
    )


def bench_geocode(region: str) -> None:
    index = gazetteer.load_gazetteer(region)
    started = time.perf_counter()
    geocoder.search("Gelnhasuen", region=region)
    print(
        f"first typo search (builds the typo index): {(time.perf_counter() - started) * 1000:.0f} ms"
    )
    seconds = timed(lambda: [geocoder.search(q, region=region) for q in QUERIES], repeat=20)
    print(
        f"search(): {len(QUERIES) / seconds:,.0f} queries/s"
        f" (mix of {len(QUERIES)} incl. typos and unknown names)"
    )
    keys = list(index.keys)
    baseline = timed(lambda: [difflib.get_close_matches(compact(q), keys, n=10) for q in QUERIES])
    print(
        f"  baseline difflib scan over {len(keys)} names: {len(QUERIES) / baseline:,.0f} queries/s"
        f" ({baseline / seconds:.0f}x slower)"
    )


def bench_catchment(region: str) -> None:
    seconds = timed(lambda: catchments.catchment(50.868, 9.707, 30, region=region), repeat=200)
    print(f"catchment(30 km): {1 / seconds:,.0f} per second")


if __name__ == "__main__":
    chosen = sys.argv[1] if len(sys.argv) > 1 else "hessen"
    bench_load(chosen)
    bench_locate(chosen)
    bench_geocode(chosen)
    bench_catchment(chosen)
