"""The map's marker data as a finished body: built once per content version, minute and filter
in each process, gzipped once, and sent with an ETag, so a browser that asks again gets a 304
without a query. The rules are the page cache's (web/page_cache.py): a body is current while
the content version and the minute are the same, or for PAGE_CACHE_GRACE_SECONDS after it was
built (docs/architecture.md, "Marker data at 100,000 posts")."""

from __future__ import annotations

import gzip
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from hashlib import sha256

from flask import Response, current_app, request

from jobnet.content_version import current_version
from jobnet.map.queries import marker_json
from jobnet.posts.queries import PostFilter
from jobnet.web.compression import accepts_gzip, gzipped
from jobnet.web.headers import is_personal

# Bodies kept per process: the unfiltered map and the filters people use at the moment. At
# 100,000 posts one body is about 1 MB gzipped.
MAX_BODIES = 16
_now = time.time  # tests move it


@dataclass(frozen=True)
class MarkerBody:
    packed: bytes  # gzipped JSON
    etag: str  # of the JSON itself: a rebuild with the same content keeps it
    version: str  # the content version and minute it was built for, and when
    minute: int
    built_at: float

    def current(self, version: str, minute: int, grace: float) -> bool:
        return ((self.version == version and self.minute == minute)
                or 0 <= _now() - self.built_at < grace)


class _Bodies:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.items: OrderedDict[PostFilter, MarkerBody] = OrderedDict()

    def get(self, key: PostFilter) -> MarkerBody | None:
        with self.lock:
            body = self.items.get(key)
            if body is not None:
                self.items.move_to_end(key)
            return body

    def put(self, key: PostFilter, body: MarkerBody) -> None:
        with self.lock:
            self.items[key] = body
            while len(self.items) > MAX_BODIES:
                self.items.popitem(last=False)


def marker_body(post_filter: PostFilter, *, now: datetime) -> MarkerBody:
    """The body for the filter (the minute counts, as whether a fair is over or a post has
    expired depends on the time)."""
    bodies = current_app.extensions.setdefault("jobnet_marker_bodies", _Bodies())
    version, minute = current_version(recent=True), int(now.timestamp() // 60)
    body = bodies.get(post_filter)
    if body is None or not body.current(version, minute,
                                        current_app.config["PAGE_CACHE_GRACE_SECONDS"]):
        data = marker_json(post_filter, now=now)
        body = MarkerBody(gzipped(data), sha256(data).hexdigest()[:32], version, minute, _now())
        bodies.put(post_filter, body)
    return body


def marker_response(body: MarkerBody) -> Response:
    """The body gzipped (or unpacked for the rare client without gzip), answering a matching
    If-None-Match with 304. The browser keeps it but asks every time (no-cache): the data may
    change with any post."""
    if accepts_gzip():
        response = Response(body.packed, mimetype="application/json")
        response.headers["Content-Encoding"] = "gzip"
    else:
        response = Response(gzip.decompress(body.packed), mimetype="application/json")
    response.vary.add("Accept-Encoding")
    # Weak: the gzipped and the plain bytes are the same representation (RFC 9110 8.8.1).
    response.set_etag(body.etag, weak=True)
    if not is_personal():  # signed in: no-store, as every response then (web/headers.py)
        response.cache_control.public = True
        response.cache_control.no_cache = True
    return response.make_conditional(request)
