"""gzip for every large HTML, JSON or iCalendar response (the map's marker columns shrink about
sevenfold, a fair feed 26-fold), and once per process for static files and vendored assets (web/static_files.py)."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterable, Iterator

from flask import Flask, Response, request

MIN_SIZE = 512  # below this the gzip header costs more than it saves
LEVEL = 5  # measured: level 5 is within 3 % of level 9 on the marker data at half the time
# Decided by what a response is, not by which view made it, so new pages need no list entry.
# Files (static, /vendor) come gzipped already (compress_once) and are left alone here.
COMPRESSIBLE = frozenset({"text/html", "application/json", "application/geo+json",
                          "text/calendar"})
# Files are compressed once and then sent many times: the smallest output is worth level 9.
FILE_LEVEL = 9
FILE_TYPES = frozenset({"text/css", "text/javascript", "application/javascript", "image/svg+xml",
                        "application/json", "application/geo+json", "text/plain", "text/html"})


def compress_once(data: bytes, mimetype: str) -> bytes | None:
    """The gzip of a file to keep beside it, or None where it does not pay (images are
    compressed already; tiny files save less than the header costs)."""
    if mimetype not in FILE_TYPES or len(data) < MIN_SIZE:
        return None
    packed = gzip.compress(data, compresslevel=FILE_LEVEL, mtime=0)
    return packed if len(packed) < len(data) else None


def accepts_gzip() -> bool:
    """Whether the request's client takes gzip."""
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


def gzipped(data: bytes) -> bytes:
    """A response body gzipped as gzip_response does, for views that keep it (fair feeds)."""
    return gzip.compress(data, compresslevel=LEVEL, mtime=0)


def compressible(response: Response) -> bool:
    """Whether a complete 200 response is worth gzipping (whoever asks)."""
    return (response.status_code == 200 and not response.direct_passthrough
            and not response.is_streamed and "Content-Encoding" not in response.headers
            and response.mimetype in COMPRESSIBLE and len(response.get_data()) >= MIN_SIZE)


def gzip_response(response: Response) -> Response:
    """Compress a complete 200 response when the client accepts gzip."""
    if not compressible(response) or not accepts_gzip():
        return response
    data = response.get_data()
    response.set_data(gzipped(data))
    response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")
    return response


def gzip_stream(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """A streamed body gzipped as it goes (the after-request hook leaves streams alone); the
    first chunk is flushed at once so the first byte is not held back by the compressor."""
    packer = zlib.compressobj(LEVEL, zlib.DEFLATED, 16 + zlib.MAX_WBITS)  # 16+: gzip framing
    first = True
    for chunk in chunks:
        data = packer.compress(chunk)
        if first:
            data += packer.flush(zlib.Z_SYNC_FLUSH)
            first = False
        if data:
            yield data
    yield packer.flush()


def compress(response: Response) -> Response:
    """The after-request hook: gzip HTML and JSON responses (see gzip_response)."""
    return gzip_response(response)


def init_app(app: Flask) -> None:
    """Register compression; the factory calls this before anything else registers a hook."""
    # Flask runs after-request hooks in reverse order of registration: registered first, it runs
    # last, so no other hook sees or changes a gzipped body.
    app.after_request(compress)
