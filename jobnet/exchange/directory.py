"""The directory's groups: organisations by the districts they serve, their state, or type."""

from __future__ import annotations

from jobnet.accounts.models import Organisation, OrganisationKind
from jobnet.geo.districts import district_choices
from jobnet.geo.states import STATES

# The ten Hessian districts whose SGB II authority runs a joint job centre with the employment
# agency (gemeinsame Einrichtung); the other sixteen run a municipal one and form the network.
JOINT_JOB_CENTRE_DISTRICTS = frozenset({
    "06411", "06412", "06611", "06531", "06533", "06633", "06634", "06635", "06636", "06440"})
TYPES = ("kjc", "joint", "partner")


def organisation_type(organisation: Organisation) -> str:
    """"kjc", "joint" (a partner that is its district's job centre) or "partner"."""
    if organisation.kind == OrganisationKind.JOB_CENTRE:
        return "kjc"
    if (organisation.district_ags in JOINT_JOB_CENTRE_DISTRICTS
            and "jobcenter" in organisation.name.casefold()):
        return "joint"
    return "partner"


def by_district(organisations: list[Organisation]) -> list[tuple[str, str, list[Organisation]]]:
    """(district key, name, organisations) for districts served, by name; an organisation
    serving two districts is under both; keys outside the region after them; "" last."""
    groups: dict[str, list[Organisation]] = {}
    for organisation in organisations:
        for ags in organisation.districts or [""]:
            groups.setdefault(ags, []).append(organisation)
    names = dict(district_choices())
    result = [(ags, name, groups[ags]) for ags, name in names.items() if ags in groups]
    result += [(ags, ags, groups[ags]) for ags in sorted(groups) if ags and ags not in names]
    if "" in groups:
        result.append(("", "", groups[""]))
    return result


def by_state(organisations: list[Organisation]) -> list[tuple[str, str, list[Organisation]]]:
    """(state key, name, organisations) by state name; an organisation serving districts in
    two states is under both; "" last for organisations without a district."""
    groups: dict[str, list[Organisation]] = {}
    for organisation in organisations:
        for state in dict.fromkeys(ags[:2] for ags in organisation.districts) or [""]:
            groups.setdefault(state, []).append(organisation)
    named = sorted((key for key in groups if key), key=lambda k: STATES.get(k, k))
    result = [(key, STATES.get(key, key), groups[key]) for key in named]
    if "" in groups:
        result.append(("", "", groups[""]))
    return result


def by_type(organisations: list[Organisation]) -> list[tuple[str, list[Organisation]]]:
    """(type, organisations) in the order KJC, joint job centres, partners; empty types left out."""
    groups: dict[str, list[Organisation]] = {}
    for organisation in organisations:
        groups.setdefault(organisation_type(organisation), []).append(organisation)
    return [(kind, groups[kind]) for kind in TYPES if kind in groups]
