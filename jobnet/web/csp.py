"""Content-Security-Policy: a per-response nonce for inline scripts, the policy built from the
configuration (tile host, frame ancestors). Why: docs/architecture.md, "Security headers"."""

from __future__ import annotations

import secrets
from functools import lru_cache
from urllib.parse import urlsplit

from flask import Flask, Response, request

from jobnet.config import ConfigError

# A mail shown in a frame (the digest preview): its own inline styles and nothing else, sandboxed
# even when opened on its own, framed by JobNet's pages only.
MAIL_FRAME_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
                     "form-action 'none'; sandbox; frame-ancestors 'self'")
NONCE_KEY = "jobnet.csp_nonce"  # in the WSGI environ
EMBED_KEY = "jobnet.embeddable"  # in the WSGI environ: this response may be framed elsewhere


def csp_nonce() -> str:
    """This response's nonce; every inline <script> carries it (nonce="{{ csp_nonce() }}")."""
    # Kept with the request, not in g: an app context (and its g) may outlive one request.
    return request.environ.setdefault(NONCE_KEY, secrets.token_urlsafe(18))  # 144 bits


def tile_source(tile_url: str) -> str | None:
    """The CSP source of a Leaflet tile URL template; None for no tiles or the app's own host."""
    if not tile_url:
        return None
    parts = urlsplit(tile_url)
    if not parts.netloc:
        return None  # a path on this host: 'self'
    labels = parts.netloc.split(".")
    if labels[0].startswith("{") and labels[0].endswith("}"):
        labels[0] = "*"  # {s}.tile.example: Leaflet's subdomains
    host = ".".join(labels)
    if parts.scheme not in {"http", "https"} or any(c in host for c in "{}; ,'\""):
        raise ConfigError(f"MAP_TILE_URL {tile_url!r}: only http(s) URLs whose host has no "
                          "placeholder except a leading {s} can be allowed by the CSP")
    return f"{parts.scheme}://{host}"


@lru_cache(maxsize=16)
def policy_template(tile_url: str, frame_ancestors: tuple[str, ...]) -> str:
    """The policy with a {nonce} placeholder, built once per configuration."""
    # data: for the blank GIF Leaflet puts into a tile whose loading it aborts (zoom, pan).
    images = " ".join(filter(None, ("'self'", "data:", tile_source(tile_url))))
    directives = (
        ("default-src", "'self'"),
        ("script-src", "'self' 'nonce-{nonce}'"),
        # Leaflet, Folium and static/js set styles through element.style, which CSP does not
        # govern; no page needs inline styles.
        ("style-src", "'self'"),
        ("img-src", images),
        ("connect-src", "'self'"),
        ("object-src", "'none'"),
        ("base-uri", "'self'"),
        ("form-action", "'self'"),
        ("frame-ancestors", " ".join(frame_ancestors)),
    )
    return "; ".join(f"{name} {value}" for name, value in directives)


def allow_framing() -> None:
    """Let this response be framed by EMBED_FRAME_ANCESTORS (the embedded map only)."""
    request.environ[EMBED_KEY] = True


def frame_ancestors(config) -> tuple[str, ...]:
    """Who may frame the current response: the embed route's sites, else CSP_FRAME_ANCESTORS."""
    if not request.environ.get(EMBED_KEY):
        return tuple(config["CSP_FRAME_ANCESTORS"])
    # JobNet itself always: the embed builder's preview frames the embedded map.
    sites = [site for site in config["EMBED_FRAME_ANCESTORS"] if site not in {"'none'", "'self'"}]
    return ("'self'", *sites)


def content_security_policy(config) -> str:
    """The Content-Security-Policy header value for the current response."""
    template = policy_template(config["MAP_TILE_URL"], frame_ancestors(config))
    return template.replace("{nonce}", csp_nonce())


def frame_options(ancestors) -> str | None:
    """X-Frame-Options for browsers without frame-ancestors, when it can say the same (a list
    of sites cannot be said, so the embed route sends none rather than a contradicting DENY)."""
    return {("'none'",): "DENY", ("'self'",): "SAMEORIGIN"}.get(tuple(ancestors))


def mail_frame(response: Response) -> Response:
    """A response showing a mail inside a JobNet page, under MAIL_FRAME_POLICY."""
    response.headers["Content-Security-Policy"] = MAIL_FRAME_POLICY
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    return response


def init_app(app: Flask) -> None:
    """Refuse an unusable tile URL at start; offer csp_nonce() to templates."""
    tile_source(app.config["MAP_TILE_URL"])
    app.jinja_env.globals["csp_nonce"] = csp_nonce
