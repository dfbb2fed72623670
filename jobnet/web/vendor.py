"""/vendor: Leaflet and its cluster plugin, served from their XStatic packages (no CDN)."""

from __future__ import annotations

import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_markercluster
from flask import Blueprint, abort, send_from_directory, url_for

# Public-sector intranets and CI have no internet, so every script and stylesheet a page needs
# comes from this app. The files stay in the installed packages; nothing is copied into static/.
bp = Blueprint("vendor", __name__, url_prefix="/vendor")

PACKAGES = {
    "leaflet": xstatic.pkg.leaflet,
    "leaflet-markercluster": xstatic.pkg.leaflet_markercluster,
}
ONE_WEEK = 7 * 24 * 3600


@bp.get("/<package>/<version>/<path:filename>")
def asset(package: str, version: str, filename: str):
    module = PACKAGES.get(package)
    if module is None or version != module.VERSION:
        abort(404)
    # The version in the URL changes with the package, so browsers may cache for long.
    return send_from_directory(module.BASE_DIR, filename, max_age=ONE_WEEK)


def asset_url(package: str, filename: str) -> str:
    """The app's own URL of a file in one of the XStatic packages."""
    return url_for("vendor.asset", package=package, version=PACKAGES[package].VERSION,
                   filename=filename)
