"""/vendor: Leaflet and its cluster plugin, served from their XStatic packages (no CDN)."""

from __future__ import annotations

import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_markercluster
from flask import Blueprint, abort, url_for

from jobnet.web.static_files import AssetFolder, send_asset

# Public-sector intranets and CI have no internet, so every script and stylesheet a page needs
# comes from this app. The files stay in the installed packages; nothing is copied into static/.
bp = Blueprint("vendor", __name__, url_prefix="/vendor")

PACKAGES = {
    "leaflet": xstatic.pkg.leaflet,
    "leaflet-markercluster": xstatic.pkg.leaflet_markercluster,
}
FOLDERS = {name: AssetFolder(module.BASE_DIR) for name, module in PACKAGES.items()}


@bp.get("/<package>/<version>/<path:filename>")
def asset(package: str, version: str, filename: str):
    module = PACKAGES.get(package)
    if module is None or version != module.VERSION:
        abort(404)
    # The package's version is in the URL: a new version gets new URLs, so browsers keep these.
    return send_asset(FOLDERS[package], filename, versioned=True)


def asset_url(package: str, filename: str) -> str:
    """The app's own URL of a file in one of the XStatic packages."""
    return url_for("vendor.asset", package=package, version=PACKAGES[package].VERSION,
                   filename=filename)
