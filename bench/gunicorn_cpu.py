"""gunicorn settings for bench/bench_load.py --cpu: each worker adds up the CPU time (its
process's, exact with sync workers) of every request by kind of page and writes the sums to
$JOBNET_BENCH_CPU_DIR/cpu-<pid>.json when it exits. Not for production."""

from __future__ import annotations

import json
import os
import re
import time
from collections import defaultdict

_spent: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
_PAGES = [
    (re.compile(r"^/$"), "home"),
    (re.compile(r"^/karte/daten\.json$"), "marker data"),
    (re.compile(r"^/karte/kreise\.json$"), "district counts"),
    (re.compile(r"^/karte/beitrag/\d+\.json$"), "popup"),
    (re.compile(r"^/beitraege/$"), "list"),
    (re.compile(r"^/beitraege/\d+$"), "post"),
    (re.compile(r"^/beitraege/\d+/bearbeiten$"), "edit form"),
    (re.compile(r"^/api/v1/geocode$"), "geocode"),
]


def _page(method: str, path: str, signed_in: bool) -> str:
    name = next((label for pattern, label in _PAGES if pattern.match(path)), "other")
    return f"{'signed in' if signed_in else 'visitor'}: {method} {name}"


def pre_request(worker, req) -> None:
    worker.jobnet_cpu_start = time.process_time()


def post_request(worker, req, environ, resp) -> None:
    signed_in = "session=" in environ.get("HTTP_COOKIE", "")
    entry = _spent[_page(req.method, req.path, signed_in)]
    entry[0] += 1
    entry[1] += time.process_time() - worker.jobnet_cpu_start


def worker_exit(server, worker) -> None:
    folder = os.environ.get("JOBNET_BENCH_CPU_DIR")
    if folder:
        with open(os.path.join(folder, f"cpu-{os.getpid()}.json"), "w") as file:
            json.dump(dict(_spent), file)
