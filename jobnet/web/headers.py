"""Security headers on every response."""

from __future__ import annotations

from flask import Flask, Response


def security_headers(response: Response) -> Response:
    """No MIME sniffing, no framing, no Referer to other sites; values a view set are kept."""
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


def init_app(app: Flask) -> None:
    """Add the headers after every request."""
    app.after_request(security_headers)
