"""Finished public pages for visitors who are not signed in, kept until the content changes.

A view marked @cached_for_visitors is rendered once per (address, language, content version,
minute) and process; later visitors get the stored body with this response's own CSP nonce and
CSRF tokens written in place of the stored ones. Signed-in people, requests that carry a flash
message and everything but a plain 200 always go to the view (docs/architecture.md, "Page cache").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import wraps
from hashlib import sha256

from cachelib import SimpleCache
from flask import Flask, Response, current_app, g, request, session
from flask_babel import get_locale
from flask_login import current_user

from jobnet import clock
from jobnet.content_version import current_version
from jobnet.csrf import masked_csrf_token, tokens_written
from jobnet.web import csp

CACHEABLE_TYPES = frozenset({"text/html", "application/json"})
# Headers a view sets itself; the rest (CSP, cookies, language, compression) are added again by
# the after-request hooks for every response.
KEPT_HEADERS = ("Content-Type", "Cache-Control", "Link")


@dataclass(frozen=True)
class StoredPage:
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    nonce: bytes  # the nonce and CSRF tokens of the response it was stored from
    tokens: tuple[bytes, ...]


def cached_for_visitors(view):
    """Mark a GET view whose answer to visitors depends only on its URL, the language, the
    content and the time (to the minute)."""
    @wraps(view)
    def wrapper(*args, **kwargs):
        return view(*args, **kwargs)

    wrapper.cached_for_visitors = True
    return wrapper


def _key() -> str | None:
    view = current_app.view_functions.get(request.endpoint or "")
    if (request.method != "GET" or not getattr(view, "cached_for_visitors", False)
            or "_flashes" in session or current_user.is_authenticated):
        return None
    # The project's clock, which also decides what the page shows (a fair that is over).
    minute = int(clock.utcnow().timestamp() // 60)
    parts = (request.host, request.full_path, str(get_locale()),
             current_version(recent=True), str(minute))
    return sha256("\n".join(parts).encode()).hexdigest()


def serve_stored() -> Response | None:
    """Before the view: answer from the cache when the page is there."""
    key = _key()
    g.page_cache_key = key
    stored = key and _cache().get(key)
    if not stored:
        return None
    g.page_cache_hit = True
    body = stored.body.replace(stored.nonce, csp.csp_nonce().encode())
    if stored.tokens:
        fresh = re.compile(b"|".join(re.escape(token) for token in stored.tokens))
        body = fresh.sub(lambda _match: masked_csrf_token().encode(), body)
    return Response(body, status=stored.status, headers=list(stored.headers))


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
    _cache().set(key, StoredPage(response.status_code, headers, response.get_data(),
                                 nonce.encode() or b"\0no nonce\0",
                                 tuple(t.encode() for t in tokens_written())))
    return response


def _cache() -> SimpleCache:
    return current_app.extensions["jobnet_page_cache"]


def init_app(app: Flask) -> None:
    """Register the lookup and the store; call after every other request hook is registered,
    so the lookup runs last before the view and the store first after it."""
    entries = app.config["PAGE_CACHE_ENTRIES"]
    if not entries:
        return
    # Per process: a page costs a few KiB, and a miss only costs the rendering it saves. Keys
    # hold the minute, so an entry is never asked for after two; expired ones are pruned first.
    # (Shared files, cachelib's FileSystemCache, were slower: its pruning reads every file.)
    app.extensions["jobnet_page_cache"] = SimpleCache(threshold=entries, default_timeout=120)
    app.before_request(serve_stored)
    app.after_request(store)
