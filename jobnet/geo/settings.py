"""The geography settings (GEO_*, PRODUCT_NAME), read once per app: the region, its names in
pages and mails, and the one rule for points outside."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import current_app, has_app_context
from flask_babel import format_decimal, get_locale
from flask_babel import lazy_gettext as _l

from jobnet.config import ConfigError
from jobnet.geo.boundaries import Boundaries, Location, load_boundaries
from jobnet.geo.regiondata import (
    DEFAULT_REGION,
    RegionDataError,
    RegionNames,
    RegionProfile,
    attribution,
    region_profile,
)

EXTENSION_KEY = "jobnet_geo"


@dataclass(frozen=True)
class GeoSettings:
    """Which region's geodata JobNet uses, what the product is called, and how far past the
    region's border a post may lie (None: as far as the region says, docs/architecture.md,
    "Region")."""

    region: str | Path = DEFAULT_REGION
    configured_max_outside_km: float | None = None
    configured_product_name: str = ""

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> GeoSettings:
        """Read and check GEO_REGION, GEO_MAX_OUTSIDE_KM and PRODUCT_NAME; ConfigError names a
        wrong key."""
        distance = config["GEO_MAX_OUTSIDE_KM"]
        if distance == "":
            distance = None
        elif isinstance(distance, bool) or not isinstance(distance, int | float) or distance < 0:
            raise ConfigError('GEO_MAX_OUTSIDE_KM must be a distance in km of at least 0, or ""')
        product = config["PRODUCT_NAME"]
        if not isinstance(product, str) or len(product.strip()) > 60:
            raise ConfigError("PRODUCT_NAME must be a text of at most 60 characters")
        settings = cls(region=config["GEO_REGION"],
                       configured_max_outside_km=None if distance is None else float(distance),
                       configured_product_name=product.strip())
        try:
            settings.profile  # noqa: B018 -- a wrong GEO_REGION fails at start, not on a page
        except RegionDataError as error:
            raise ConfigError(f"GEO_REGION: {error}") from error
        return settings

    @property
    def profile(self) -> RegionProfile:
        return region_profile(self.region)

    @property
    def max_outside_km(self) -> float:
        """The configured distance, else the region's (30 km for a state, 0.2 for Germany)."""
        if self.configured_max_outside_km is not None:
            return self.configured_max_outside_km
        return self.profile.max_outside_km

    @property
    def product_name(self) -> str:
        """PRODUCT_NAME, else "JobNet " and the region's German name: a name, not translated."""
        return self.configured_product_name or f"JobNet {self.profile.names_in('de').name}"

    def names(self, language: str | None = None) -> RegionNames:
        """The region's names in that language (default: the current locale's)."""
        if language is None:
            locale = get_locale() if has_app_context() else None
            language = locale.language if locale else "de"
        return self.profile.names_in(language)

    def texts(self) -> dict[str, str]:
        """Values for gettext placeholders, in the current language: %(product)s,
        %(region)s, %(in_region)s, %(region_genitive)s, %(whole_region)s."""
        names = self.names()
        return {"product": self.product_name, "region": names.name, "in_region": names.in_region,
                "region_genitive": names.genitive, "whole_region": names.whole}

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
                  "region_genitive": self.names().genitive,
                  "max": format_decimal(self.max_outside_km, format="#,##0.#")}
        if self.accepts(location):
            return str(_l("Der Punkt liegt %(km)s km außerhalb %(region_genitive)s. Orte bis "
                          "%(max)s km jenseits der Grenze sind möglich: Bitte bestätigen Sie, "
                          "dass der Beitrag trotzdem hierher gehört.", **values))
        if self.max_outside_km < 1:
            # A country's border: "up to 0.2 km past it" would read as a loophole.
            return str(_l("Der Punkt liegt %(km)s km außerhalb %(region_genitive)s. Angenommen "
                          "werden nur Orte innerhalb %(region_genitive)s.", **values))
        return str(_l("Der Punkt liegt %(km)s km außerhalb %(region_genitive)s. Angenommen werden "
                      "nur Orte bis %(max)s km jenseits der Grenze.", **values))


def geo_settings() -> GeoSettings:
    """The running app's settings (read once per app); the defaults outside an app (scripts)."""
    if not has_app_context():
        return GeoSettings()
    settings = current_app.extensions.get(EXTENSION_KEY)
    if settings is None:
        settings = current_app.extensions[EXTENSION_KEY] = GeoSettings.from_config(
            current_app.config)
    return settings
