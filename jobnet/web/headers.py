"""Security headers on every response: CSP, HSTS, Permissions-Policy, no-store for personal pages
(docs/architecture.md, "Security headers")."""

from __future__ import annotations

from flask import Flask, Response, current_app, request
from flask_login import current_user

from jobnet.web import csp

HSTS = "max-age=31536000"  # one year; no includeSubDomains: JobNet does not own its siblings
# JobNet uses none of these; a script that gets in anyway cannot ask for them. The map shows
# Hesse, never the visitor's position, so geolocation is denied as well.
DENIED_FEATURES = ("accelerometer", "autoplay", "browsing-topics", "camera", "display-capture",
                   "encrypted-media", "fullscreen", "geolocation", "gyroscope", "hid",
                   "magnetometer", "microphone", "midi", "payment", "picture-in-picture",
                   "publickey-credentials-get", "screen-wake-lock", "serial", "usb",
                   "xr-spatial-tracking")
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in DENIED_FEATURES)


def is_personal() -> bool:
    """Whether the response may show personal data: a signed-in user, or a page reached through
    a secret link (digest manage and unsubscribe, invitation, password reset)."""
    return "token" in (request.view_args or {}) or current_user.is_authenticated


def forbid_storing(response: Response) -> None:
    """no-store on personal responses, so a shared computer's cache and back button keep nothing;
    files and responses a view marked public (the same for everyone) keep their caching."""
    if response.direct_passthrough or response.cache_control.public or not is_personal():
        return
    response.cache_control.no_store = True
    response.cache_control.max_age = None
    response.cache_control.private = None


def security_headers(response: Response) -> Response:
    """Add the headers; a value a view set itself (e.g. a stricter Referrer-Policy) is kept."""
    config = current_app.config
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
    response.headers.setdefault("Content-Security-Policy", csp.content_security_policy(config))
    if frame_options := csp.frame_options(csp.frame_ancestors(config)):
        response.headers.setdefault("X-Frame-Options", frame_options)
    # PUBLIC_BASE_URL, not request.is_secure: behind the TLS-terminating proxy every request
    # reaches the app as plain http, and development (http://127.0.0.1) never gets HSTS.
    if config["PUBLIC_BASE_URL"].startswith("https://"):
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    forbid_storing(response)
    return response


def init_app(app: Flask) -> None:
    """Add the headers after every request."""
    csp.init_app(app)
    app.after_request(security_headers)
