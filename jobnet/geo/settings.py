"""The geography settings (GEO_*), read once per app, and the one rule for points outside."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import current_app, has_app_context
from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l

from jobnet.config import ConfigError
from jobnet.geo.boundaries import Boundaries, Location, load_boundaries
from jobnet.geo.regiondata import DEFAULT_REGION, attribution

DEFAULT_MAX_OUTSIDE_KM = 30.0
EXTENSION_KEY = "jobnet_geo"


@dataclass(frozen=True)
class GeoSettings:
    """Which region's geodata JobNet uses and how far past its border a post may lie."""

    region: str | Path = DEFAULT_REGION
    max_outside_km: float = DEFAULT_MAX_OUTSIDE_KM

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> GeoSettings:
        """Read and check GEO_REGION and GEO_MAX_OUTSIDE_KM; ConfigError names a wrong key."""
        distance = config["GEO_MAX_OUTSIDE_KM"]
        if isinstance(distance, bool) or not isinstance(distance, int | float) or distance < 0:
            raise ConfigError("GEO_MAX_OUTSIDE_KM must be a distance in km of at least 0")
        return cls(region=config["GEO_REGION"], max_outside_km=float(distance))

    @property
    def boundaries(self) -> Boundaries:
        return load_boundaries(self.region)

    def attribution(self, *, places: bool = True) -> str:
        """The geodata's attribution, from the region's data: boundaries, and place names."""
        sources = attribution(self.region)
        if not places:
            return sources["boundaries"]
        return str(_l("Grenzen: %(boundaries)s; Ortsnamen: %(places)s",
                      boundaries=sources["boundaries"], places=sources["places"]))

    def accepts(self, location: Location) -> bool:
        """Whether a post may lie there: inside the region, or at most max_outside_km outside."""
        return location.inside or (location.distance_to_border_km or 0.0) <= self.max_outside_km

    def outside_message(self, location: Location) -> str:
        """What to tell a person about a point outside the region (refused or to be confirmed)."""
        values = {"km": format_decimal(round(location.distance_to_border_km or 0.0, 1),
                                       format="#,##0.0"),
                  "region": self.boundaries.name,
                  "max": format_decimal(self.max_outside_km, format="#,##0.#")}
        if self.accepts(location):
            return str(_l("Der Punkt liegt %(km)s km außerhalb von %(region)s. Orte bis %(max)s km "
                          "jenseits der Grenze sind möglich: Bitte bestätigen Sie, dass der "
                          "Beitrag trotzdem hierher gehört.", **values))
        return str(_l("Der Punkt liegt %(km)s km außerhalb von %(region)s. Angenommen werden nur "
                      "Orte bis %(max)s km jenseits der Grenze.", **values))


def geo_settings() -> GeoSettings:
    """The running app's settings (read once per app); the defaults outside an app (scripts)."""
    if not has_app_context():
        return GeoSettings()
    settings = current_app.extensions.get(EXTENSION_KEY)
    if settings is None:
        settings = current_app.extensions[EXTENSION_KEY] = GeoSettings.from_config(
            current_app.config)
    return settings
