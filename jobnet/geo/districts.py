"""The districts of the configured region, for labels, filters and select fields.

Keys are today's: the build merges districts changed since the 2017 source
(scripts/geodata/curated.json) and records their former keys, which still lead here.
"""

from __future__ import annotations

from jobnet.geo.boundaries import Area
from jobnet.geo.regiondata import read_json
from jobnet.geo.settings import geo_settings
from jobnet.geo.states import state_name, state_of


def region_districts() -> list[Area]:
    """The region's districts, in key order."""
    return geo_settings().boundaries.districts()


def former_districts() -> list[dict]:
    """Districts merged since the source's status: ags_before, name, kind, since, ags (today)."""
    return read_json(geo_settings().region, "gazetteer.json").get("former_districts", [])


def current_key(ags: str | None) -> str | None:
    """Today's key for a district key: a former key gives the district it merged into."""
    return next((f["ags"] for f in former_districts() if f["ags_before"] == ags), ags)


def is_district(ags: str | None) -> bool:
    """Whether the key names a district of the region (today's key)."""
    return any(d.ags == ags for d in region_districts())


def district_label(ags: str | None) -> str:
    """The district's name as people say it ("Landkreis Kassel", "Kassel"), or "".
    A former key gives today's district's name."""
    ags = current_key(ags)
    return next((d.label for d in region_districts() if d.ags == ags), "")


def district_named(name: str) -> str | None:
    """The key of the district with that name or label, today's or a former one; else None."""
    wanted = name.strip().casefold()
    for district in region_districts():
        if wanted in (district.name.casefold(), district.label.casefold()):
            return district.ags
    former = (f for f in former_districts() if wanted in
              (f["name"].casefold(), f"{f['kind']} {f['name']}".casefold()))
    return next((f["ags"] for f in former), None)


def district_choices() -> list[tuple[str, str]]:
    """(key, label) pairs sorted by label, for select fields."""
    return sorted(((d.ags, d.label) for d in region_districts()), key=lambda c: c[1])


def region_states() -> list[tuple[str, str]]:
    """(key, name) of the states the region's districts lie in, by name."""
    keys = {state_of(d.ags) for d in region_districts()}
    return sorted(((key, state_name(key)) for key in keys), key=lambda s: s[1])


def grouped_district_choices(first: tuple[str, str] | None = None) -> list | dict:
    """District choices grouped by state for a select field (optgroups; WTForms renders a dict
    as groups, the None group without one); a plain list when the region is one state."""
    choices = district_choices()
    states = region_states()
    if len(states) < 2:
        return [first, *choices] if first else choices
    groups: dict = {None: [first]} if first else {}
    for key, name in states:
        groups[name] = [c for c in choices if c[0].startswith(key)]
    return groups
