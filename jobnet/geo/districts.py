"""The districts of the configured region, for labels, filters and select fields."""

from __future__ import annotations

from jobnet.geo.boundaries import Area
from jobnet.geo.settings import geo_settings


def region_districts() -> list[Area]:
    """The region's districts, in key order."""
    return geo_settings().boundaries.districts()


def is_district(ags: str | None) -> bool:
    """Whether the key names a district of the region."""
    return any(d.ags == ags for d in region_districts())


def district_label(ags: str | None) -> str:
    """The district's name as people say it ("Landkreis Kassel", "Kassel"), or ""."""
    return next((d.label for d in region_districts() if d.ags == ags), "")


def district_choices() -> list[tuple[str, str]]:
    """(key, label) pairs sorted by label, for select fields."""
    return sorted(((d.ags, d.label) for d in region_districts()), key=lambda c: c[1])
