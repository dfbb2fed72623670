"""The data licence every API answer carries: a `license` member and a Link rel="license"."""

from __future__ import annotations

from flask import Response, current_app


def licence_member() -> dict[str, str]:
    """The licence of the posts and the attribution of the geodata, for the body."""
    config = current_app.config
    return {"name": config["DATA_LICENCE_NAME"], "url": config["DATA_LICENCE_URL"],
            "attribution": config["GEODATA_ATTRIBUTION"]}


def add_licence_link(response: Response) -> Response:
    """RFC 8288 Link to the licence (RFC 4946's rel="license")."""
    url = current_app.config["DATA_LICENCE_URL"]
    response.headers.add("Link", f'<{url}>; rel="license"')
    return response
