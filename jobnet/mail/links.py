"""Absolute links for mails, built from PUBLIC_BASE_URL without a request (scheduler, CLI)."""

from __future__ import annotations

from flask import current_app


def public_link(endpoint: str, **values) -> str:
    """PUBLIC_BASE_URL plus the route's path; works in the scheduler, where no request exists."""
    adapter = current_app.extensions.get("jobnet_public_urls")
    if adapter is None:
        adapter = current_app.url_map.bind("localhost", script_name="/")
        current_app.extensions["jobnet_public_urls"] = adapter
    return current_app.config["PUBLIC_BASE_URL"] + adapter.build(endpoint, values)
