"""The districts of the configured region (GEO_REGION), for labels, filters and select fields."""

from __future__ import annotations

from flask import current_app, has_app_context

from jobnet.geo.boundaries import DEFAULT_REGION, Area, load_boundaries


def configured_region() -> str:
    """The geodata region of the running app (the default region outside an app)."""
    return current_app.config["GEO_REGION"] if has_app_context() else DEFAULT_REGION


def region_districts() -> list[Area]:
    """The region's districts, in key order."""
    return load_boundaries(configured_region()).districts()


def is_district(ags: str | None) -> bool:
    """Whether the key names a district of the region."""
    return any(d.ags == ags for d in region_districts())


def district_label(ags: str | None) -> str:
    """The district's name as people say it ("Landkreis Kassel", "Kassel"), or ""."""
    return next((d.label for d in region_districts() if d.ags == ags), "")


def district_choices() -> list[tuple[str, str]]:
    """(key, label) pairs sorted by label, for select fields."""
    return sorted(((d.ags, d.label) for d in region_districts()), key=lambda c: c[1])
