"""Issue 15's geodata budgets at national scale, this checkout beside a baseline checkout.

    git worktree add --detach /tmp/jobnet-base <commit before the change>
    ln -s "$PWD/jobnet/geo/data/deutschland" /tmp/jobnet-base/jobnet/geo/data/  # if it has none
    python bench/bench_geodata_scale.py --baseline /tmp/jobnet-base [--regions hessen deutschland]

Each checkout runs in its own processes (both are the package `jobnet`) on the same points:
- first point lookup in a fresh process (imports excluded and included), RSS after it and after
  the first geocoding (the gazetteer's share);
- locate_many() over 100,000 points inside the region and over 100,000 random points in its
  bounding box (about half outside, each with its distance to the border), and whether both
  checkouts give the same answers;
- the map's outline answers, gzipped as the app sends them;
- gunicorn with 4 workers (baseline: `gunicorn wsgi:app`; this checkout: `-c config/gunicorn.conf.py`,
  preloaded), a few geo requests to every worker, then each worker's RSS and PSS.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
POINTS = 100_000

FIRST_USE = """
import json, resource, sys, time
def rss():
    return int(next(l for l in open("/proc/self/status") if l.startswith("VmRSS")).split()[1]) / 1024
started = time.perf_counter()
from jobnet.geo import boundaries, geocoder
imported, cpu = time.perf_counter(), time.process_time()
region = sys.argv[1]
boundaries.locate(50.2016, 9.1866, region)
located, cpu = time.perf_counter(), time.process_time() - cpu
boundaries.locate(50.3569, 4.5890, region)
outside = time.perf_counter()
after_boundaries = rss()
geocoder.search("Gelnhausen", 5, region)
geocoder.search("Gelnhasuen", 5, region)
print(json.dumps({"import_s": imported - started, "first_locate_s": located - imported,
                  "first_locate_cpu_s": cpu, "first_outside_s": outside - located, "rss_boundaries_mb": after_boundaries,
                  "rss_with_gazetteer_mb": rss()}))
"""

MANY = """
import json, sys, time
import numpy as np
from jobnet.geo import boundaries
region, path = sys.argv[1], sys.argv[2]
points = np.load(path)
data = boundaries.load_boundaries(region)
data.locate_many(points["inside_lat"][:100], points["inside_lon"][:100])  # load, first use
data.locate(48.1, 2.0)
answer = {}
for name in ("inside", "bbox"):
    lats, lons = points[name + "_lat"], points[name + "_lon"]
    started = time.perf_counter()
    found = data.locate_many(lats, lons)
    answer[name + "_per_s"] = len(lats) / (time.perf_counter() - started)
    answer[name + "_answers"] = [
        [l.district.ags if l.district else None, l.municipality.ags if l.municipality else None,
         l.distance_to_border_km, l.nearest_district.ags if l.nearest_district else None]
        for l in found[::97]]
print(json.dumps(answer))
"""

SIZES = """
import gzip, json, sys, tempfile
from jobnet import create_app
from jobnet.extensions import db
database = tempfile.mkdtemp() + "/bench.db"
app = create_app({"GEO_REGION": sys.argv[1], "SQLALCHEMY_DATABASE_URI": "sqlite:///" + database,
                  "TESTING": True})
with app.app_context():
    db.create_all()
client = app.test_client()
answer = {}
for url in sys.argv[2:]:
    response = client.get(url)
    body = response.get_data() if response.status_code == 200 else b""
    answer[url] = [len(body), len(gzip.compress(body, 5, mtime=0))]
print(json.dumps(answer))
"""


def run(checkout: Path, code: str, *args: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    output = subprocess.check_output([sys.executable, "-c", code, *args], cwd=checkout, env=env,
                                     text=True)
    return json.loads(output.strip().splitlines()[-1])


def sample_points(region: str, path: Path) -> None:
    """100,000 points inside the region and 100,000 in its bounding box, saved for both runs."""
    sys.path.insert(0, str(ROOT))
    from jobnet.geo import boundaries

    data = boundaries.load_boundaries(region)
    outline = boundaries.outline_geojson(True, region)["features"][0]["geometry"]
    coordinates = np.array([xy for polygon in _rings(outline) for xy in polygon])
    (lon0, lat0), (lon1, lat1) = coordinates.min(axis=0), coordinates.max(axis=0)
    rng = np.random.default_rng(15)
    lats, lons = rng.uniform(lat0, lat1, 4 * POINTS), rng.uniform(lon0, lon1, 4 * POINTS)
    inside = np.array([location.inside for location in data.locate_many(lats, lons)])
    np.savez(path, inside_lat=lats[inside][:POINTS], inside_lon=lons[inside][:POINTS],
             bbox_lat=lats[:POINTS], bbox_lon=lons[:POINTS])


def _rings(geometry: dict):
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    return [ring for polygon in polygons for ring in polygon]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def memory(pid: int) -> tuple[float, float]:
    """RSS and PSS of a process in MB (/proc/PID/smaps_rollup)."""
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        key, value = line.split(":", 1)
        values[key] = int(value.split()[0]) / 1024
    return values["Rss"], values["Pss"]


def gunicorn_memory(checkout: Path, region: str, preloaded: bool, scratch: Path) -> dict:
    """Workers' RSS and PSS after geo requests, and how long until the app answered."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(checkout), "JOBNET_GEO_REGION": region,
           "JOBNET_SQLALCHEMY_DATABASE_URI": f"sqlite:///{scratch}/{preloaded}.db",
           "JOBNET_SECRET_KEY": "bench"}
    command = [str(VENV_BIN / "gunicorn"), "--workers", "4", "--bind", f"127.0.0.1:{port}"]
    if preloaded:
        command += ["-c", str(checkout / "config" / "gunicorn.conf.py")]
    started = time.perf_counter()
    server = subprocess.Popen([*command, "wsgi:app"], cwd=checkout, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                urllib.request.urlopen(base + "/api/v1/locate?lat=50.2&lon=9.19", timeout=120)
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError("gunicorn stopped") from None
                time.sleep(0.2)
        ready = time.perf_counter() - started
        # The first lookups after start: sync workers take turns, so these reach every worker.
        first = []
        for number in range(8):
            begun = time.perf_counter()
            urllib.request.urlopen(f"{base}/api/v1/locate?lat=48.{number}&lon=11.5", timeout=120)
            first.append(time.perf_counter() - begun)
        # Enough requests that every worker serves each kind (sync workers take turns).
        for number in range(40):
            for path in (f"/api/v1/locate?lat={50 + number / 100}&lon=9.19",
                         f"/api/v1/locate?lat=52.5&lon={20 + number / 10}",
                         "/api/v1/geocode?q=Gelnhausen", "/api/v1/geocode?q=Gelnhasuen",
                         "/api/v1/districts?zoom=7", "/api/v1/districts"):
                urllib.request.urlopen(base + path, timeout=120).read()
        workers = [int(pid) for pid in Path(f"/proc/{server.pid}/task/{server.pid}/children")
                   .read_text().split()]
        figures = [memory(pid) for pid in workers]
        master = memory(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    return {"ready_s": ready, "first_s": first, "master": master, "workers": figures}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, required=True, help="checkout to compare with")
    parser.add_argument("--regions", nargs="+", default=["hessen", "deutschland"])
    parser.add_argument("--skip-gunicorn", action="store_true")
    args = parser.parse_args()
    checkouts = {"baseline": args.baseline.resolve(), "this": ROOT}
    scratch = Path(tempfile.mkdtemp(prefix="bench-geodata-"))
    for region in args.regions:
        print(f"== {region}")
        for name, checkout in checkouts.items():
            first = run(checkout, FIRST_USE, region)
            print(f"  {name}: first locate() {first['first_locate_s'] * 1000:,.0f} ms"
                  f" (CPU {first['first_locate_cpu_s'] * 1000:,.0f} ms;"
                  f" + imports {first['import_s'] * 1000:,.0f} ms), first outside"
                  f" {first['first_outside_s'] * 1000:,.0f} ms; RSS {first['rss_boundaries_mb']:.0f}"
                  f" MB, with the gazetteer {first['rss_with_gazetteer_mb']:.0f} MB")
        points = scratch / f"{region}.npz"
        sample_points(region, points)
        many = {name: run(checkout, MANY, region, str(points))
                for name, checkout in checkouts.items()}
        for name, figures in many.items():
            print(f"  {name}: locate_many() {figures['inside_per_s']:,.0f} points/s inside,"
                  f" {figures['bbox_per_s']:,.0f}/s random in the bounding box")
        for kind in ("inside", "bbox"):
            same = many["baseline"][kind + "_answers"] == many["this"][kind + "_answers"]
            print(f"  same answers ({kind}, every 97th point): {same}")
        urls = ["/api/v1/districts", "/api/v1/districts?zoom=7", "/karte/umriss.json",
                "/karte/umriss.json?zoom=7", "/karte/kreise.json"]
        for name, checkout in checkouts.items():
            sizes = run(checkout, SIZES, region, *urls)
            print(f"  {name}: " + ", ".join(f"{url} {raw / 1000:,.0f} kB ({packed / 1000:,.0f}"
                                            f" kB gzip)" for url, (raw, packed) in sizes.items()))
        if args.skip_gunicorn:
            continue
        for name, checkout in checkouts.items():
            figures = gunicorn_memory(checkout, region, name == "this", scratch)
            workers = "; ".join(f"{rss:.0f}/{pss:.0f}" for rss, pss in figures["workers"])
            print(f"  {name}: gunicorn 4 workers ready in {figures['ready_s']:.1f} s; next 8"
                  f" lookups (ms) {' '.join(f'{t * 1000:.0f}' for t in figures['first_s'])};"
                  f" workers RSS/PSS MB {workers}; master {figures['master'][0]:.0f}/"
                  f"{figures['master'][1]:.0f}; sum of PSS"
                  f" {sum(p for _, p in figures['workers']) + figures['master'][1]:.0f} MB")


if __name__ == "__main__":
    main()
