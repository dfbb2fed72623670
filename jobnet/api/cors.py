"""CORS for the read-only API: any origin may read /api/ answers with GET or HEAD, without
credentials; nothing else gets CORS headers (docs/architecture.md, "API").

Own code rather than flask-cors: the whole policy is a constant "*" on one path prefix, which
needs no per-origin logic, and a constant answer needs no `Vary: Origin`."""

from __future__ import annotations

from flask import Flask, Response, request

PREFIX = "/api/"
METHODS = "GET, HEAD"
EXPOSED = "Link, Content-Language, ETag"
PREFLIGHT_MAX_AGE = "86400"


def add_cors(response: Response) -> Response:
    if not request.path.startswith(PREFIX):
        return response
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = EXPOSED
    if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
        response.status_code = 204
        response.set_data(b"")
        response.headers["Access-Control-Allow-Methods"] = METHODS
        if wanted := request.headers.get("Access-Control-Request-Headers"):
            # Any header is harmless without credentials; the browser still sends no cookie.
            response.headers["Access-Control-Allow-Headers"] = wanted
        response.vary.add("Access-Control-Request-Headers")
        response.headers["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
    return response


def init_app(app: Flask) -> None:
    app.after_request(add_cors)
