"""Finished public pages for visitors who are not signed in, kept while the content and the
minute stay the same, and at most PAGE_CACHE_GRACE_SECONDS once either moved on.

A view marked @cached_for_visitors is rendered once per (address, language) for all processes
of the machine; later visitors get the stored body with this response's own CSP nonce and
CSRF tokens written in place of the stored ones. Signed-in people, requests that carry a flash
message and everything but a plain 200 always go to the view (docs/architecture.md, "Page cache").

A view that names a fingerprint of the data it shows (e.g. how many posts its filter selects and
their newest change) gets its stale page revalidated instead of rendered again: within the
minute it was rendered, an unchanged fingerprint serves the stored page, so a change to one post
does not render every other page again."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import wraps
from hashlib import sha256

from cachelib import FileSystemCache
from flask import Flask, Response, current_app, g, request, session
from flask_babel import get_locale
from flask_login import current_user

from jobnet import clock
from jobnet.content_version import current_general, current_version
from jobnet.csrf import masked_csrf_token, tokens_written
from jobnet.web import csp
from jobnet.web.compression import accepts_gzip, compressible, gzipped

CACHEABLE_TYPES = frozenset({"text/html", "application/json"})
# Headers a view sets itself; the rest (CSP, cookies, language, compression) are added again by
# the after-request hooks for every response.
KEPT_HEADERS = ("Content-Type", "Cache-Control", "Link")
_now = time.time  # wall-clock seconds, comparable between processes (tests move it)


@dataclass(frozen=True)
class StoredPage:
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    nonce: bytes  # the nonce and CSRF tokens of the response it was stored from
    tokens: tuple[bytes, ...]
    version: str  # the content version it shows
    minute: int  # the minute by the project's clock it was rendered in
    stored_at: float  # time.time() when it was stored (shared by processes: not monotonic)
    # The view's fingerprint of its data, read before it rendered (None: the view has none).
    fingerprint: str | None = None
    # A page with nothing to write in per response (JSON) is kept gzipped as well, and with an
    # ETag: a hit sends those bytes as they are, and a browser that has them gets a 304.
    packed: bytes | None = None
    etag: str | None = None

    def current(self, version: str, minute: int, grace: float) -> bool:
        """Shows this content version in this minute, or was stored less than `grace` seconds
        ago (so a change, or the end of a fair, reaches visitors at most that late)."""
        return ((self.version == version and self.minute == minute)
                or 0 <= _now() - self.stored_at < grace)


def cached_for_visitors(view=None, *, fingerprint: Callable[..., str] | None = None):
    """Mark a GET view whose answer to visitors depends only on its URL, the language, the
    content and the time (to the minute).

    fingerprint(**view_args): a string that changes whenever what the page shows may have
    changed, apart from the time and from everything but posts (which the general content
    version covers); much cheaper than the view. Used as @cached_for_visitors or
    @cached_for_visitors(fingerprint=...)."""
    def mark(function):
        @wraps(function)
        def wrapper(*args, **kwargs):
            return function(*args, **kwargs)

        wrapper.cached_for_visitors = True
        wrapper.page_fingerprint = fingerprint
        return wrapper

    return mark(view) if view is not None else mark


def _cacheable() -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    return (request.method == "GET" and getattr(view, "cached_for_visitors", False)
            and "_flashes" not in session and not current_user.is_authenticated)


def _minute() -> int:
    # The project's clock, which also decides what the page shows (a fair that is over).
    return int(clock.utcnow().timestamp() // 60)


def _key(version: str) -> str:
    # The version's epoch belongs to one database: apps on other databases sharing the
    # directory (a development server beside a benchmark) never meet each other's pages.
    epoch = version.partition(".")[0]
    parts = (request.host, request.full_path, str(get_locale()), epoch)
    return sha256("\n".join(parts).encode()).hexdigest()


def serve_stored() -> Response | None:
    """Before the view: answer from the cache when the page is there."""
    g.page_cache_key = None
    if not _cacheable():
        return None
    # Read before the view, so a page is never stored under a newer version than it shows.
    g.page_cache_version = version = current_version(recent=True)
    g.page_cache_minute = minute = _minute()
    g.page_cache_key = key = _key(version)
    stored = _cache().get(key)
    if stored and stored.current(version, minute, current_app.config["PAGE_CACHE_GRACE_SECONDS"]):
        return _serve(stored)
    g.page_cache_fingerprint = fingerprint = _fingerprint()
    if stored and fingerprint and stored.fingerprint == fingerprint and stored.minute == minute:
        # Nothing it shows changed: current for this version too, without asking again.
        _cache().set(key, replace(stored, version=version))
        return _serve(stored)
    return None


def _fingerprint() -> str | None:
    """The view's fingerprint of its data with the version of everything else, or None."""
    view = current_app.view_functions[request.endpoint]
    if view.page_fingerprint is None:
        return None
    return f"{current_general(recent=True)}|{view.page_fingerprint(**(request.view_args or {}))}"


def _serve(stored: StoredPage) -> Response:
    g.page_cache_hit = True
    if stored.etag is not None:
        return _serve_fixed(stored)
    body = stored.body.replace(stored.nonce, csp.csp_nonce().encode())
    if stored.tokens:
        fresh = re.compile(b"|".join(re.escape(token) for token in stored.tokens))
        body = fresh.sub(lambda _match: masked_csrf_token().encode(), body)
    return Response(body, status=stored.status, headers=list(stored.headers))


def _serve_fixed(stored: StoredPage) -> Response:
    """A page that is the same for every response: gzipped as stored, or a 304."""
    packed = stored.packed is not None and accepts_gzip()
    response = Response(stored.packed if packed else stored.body, status=stored.status,
                        headers=list(stored.headers))
    if packed:
        response.headers["Content-Encoding"] = "gzip"
        response.vary.add("Accept-Encoding")
    return _tag(response, stored.etag)


def _tag(response: Response, etag: str) -> Response:
    # Weak: the gzipped and the plain bytes are the same representation (RFC 9110 8.8.1). Kept
    # by browsers but always asked again (no-cache): it may change with any post.
    response.set_etag(etag, weak=True)
    if "Cache-Control" not in response.headers:
        response.cache_control.public = True
        response.cache_control.no_cache = True
    return response.make_conditional(request)


def may_be_late() -> bool:
    """Whether this answer may show the content up to PAGE_CACHE_GRACE_SECONDS late, as a
    stored page may: a visitor's (never a signed-in person's) request to a cached view."""
    return bool(g.get("page_cache_key")) and current_app.config["PAGE_CACHE_GRACE_SECONDS"] > 0


def keep_out() -> None:
    """This answer may already be out of date (it was allowed to be late): send it, but keep
    it for nobody and give it no ETag."""
    g.page_cache_key = None


def store(response: Response) -> Response:
    """After the view: keep a complete 200 page for the next visitor."""
    key = g.get("page_cache_key")
    if (not key or g.get("page_cache_hit") or response.status_code != 200
            or response.mimetype not in CACHEABLE_TYPES or response.direct_passthrough
            or response.is_streamed or session.modified and "_flashes" in session):
        return response
    nonce = request.environ.get(csp.NONCE_KEY, "")
    headers = tuple((name, value) for name, value in response.headers.items()
                    if name in KEPT_HEADERS)
    body, tokens = response.get_data(), tuple(t.encode() for t in tokens_written())
    packed = etag = None
    if not tokens and not (nonce and nonce.encode() in body):
        etag = sha256(body).hexdigest()[:32]
        packed = gzipped(body) if compressible(response) else None
        _tag(response, etag)
    _cache().set(key, StoredPage(response.status_code, headers, body,
                                 nonce.encode() or b"\0no nonce\0", tokens,
                                 g.page_cache_version, g.page_cache_minute, _now(),
                                 g.get("page_cache_fingerprint"), packed, etag))
    _sweep(current_app.extensions["jobnet_page_cache_dir"])
    return response


def _cache() -> FileSystemCache:
    return current_app.extensions["jobnet_page_cache"]


SWEEP_SECONDS = 60
_swept = [0.0]


def _sweep(directory: str) -> None:
    """Delete pages nobody asked for in three minutes (their minute is over, so they would not
    be served again); each process looks at most once a minute, and a file another process
    deleted first is no error."""
    now = _now()
    if now - _swept[0] < SWEEP_SECONDS:
        return
    _swept[0] = now
    with os.scandir(directory) as entries:
        for entry in entries:
            try:
                if entry.stat().st_mtime < now - 3 * SWEEP_SECONDS:
                    os.unlink(entry.path)
            except FileNotFoundError:
                pass


def init_app(app: Flask) -> None:
    """Register the lookup and the store; call after every other request hook is registered,
    so the lookup runs last before the view and the store first after it."""
    if not app.config["PAGE_CACHE"]:
        return
    # One directory for all worker processes of the machine: a page rendered by one is served
    # by all (per-process caches each rendered every page again). No size limit to check on
    # every write (cachelib's counting and pruning read every file); _sweep removes pages that
    # can no longer be served (docs/architecture.md, "Page cache").
    directory = app.config["PAGE_CACHE_DIR"] or os.path.join(app.instance_path, "page-cache")
    app.extensions["jobnet_page_cache"] = FileSystemCache(directory, threshold=0,
                                                          default_timeout=120)
    app.extensions["jobnet_page_cache_dir"] = directory
    app.before_request(serve_stored)
    app.after_request(store)
