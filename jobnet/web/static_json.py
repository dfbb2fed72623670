"""JSON that stays the same until the data behind it is rebuilt (boundaries): serialised and
hashed once per process, sent with an ETag and public caching so a revalidation costs a 304."""

from __future__ import annotations

import json
from hashlib import sha256

from flask import Response, request


def frozen_json(data: object) -> tuple[bytes, str]:
    """Compact UTF-8 JSON of the data and its ETag; callers cache the pair."""
    return frozen_body(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def frozen_body(body: bytes) -> tuple[bytes, str]:
    """JSON bytes made elsewhere (geo/boundaries.py map_body) and their ETag."""
    return body, sha256(body).hexdigest()[:32]


def cacheable_json_response(body: bytes, etag: str, max_age: int) -> Response:
    """A public, cacheable JSON response that answers If-None-Match with 304."""
    response = Response(body, mimetype="application/json")
    # Weak: web/compression.py may send it gzipped, and a strong ETag must name one exact
    # byte sequence (RFC 9110 8.8.1); If-None-Match compares weakly, so 304s still work.
    response.set_etag(etag, weak=True)
    response.cache_control.public = True
    response.cache_control.max_age = max_age
    return response.make_conditional(request)
