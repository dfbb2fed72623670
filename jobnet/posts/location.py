"""Where a post lies: district and municipality from its point, a settlement's catchment."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from jobnet.geo.boundaries import Location, locate
from jobnet.geo.catchments import catchment
from jobnet.posts.models import DEFAULT_COMMUTE_RADIUS_KM, Post, Settlement, SettlementCatchment

# Set from the point, never typed in: recorded in the history, refused as input.
DERIVED_FIELDS: tuple[str, ...] = ("district_ags", "municipality_ags", "municipality_name",
                                   "outside_region")


class LocationRefused(ValueError):
    """The point cannot be accepted as it is; `needs_confirmation` when the author may confirm."""

    def __init__(self, message: str, *, needs_confirmation: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.needs_confirmation = needs_confirmation


def check_point(lat: float, lon: float, *, confirm_outside: bool, region: str,
                max_outside_km: float) -> Location:
    """The point's location; LocationRefused when it is too far out or not confirmed."""
    location = locate(lat, lon, region)
    if location.inside:
        return location
    distance = location.distance_to_border_km or 0.0
    if distance > max_outside_km:
        raise LocationRefused(_l(
            "Der Punkt liegt %(km).0f km außerhalb Hessens. JobNet nimmt nur Orte in Hessen "
            "und bis %(max).0f km jenseits der Grenze an.", km=distance, max=max_outside_km))
    if not confirm_outside:
        raise LocationRefused(_l(
            "Der Punkt liegt außerhalb Hessens (%(km).1f km jenseits der Grenze). Bitte "
            "bestätigen Sie, dass der Beitrag trotzdem hierher gehört.", km=distance),
            needs_confirmation=True)
    return location


def place_post(post: Post, *, confirm_outside: bool, region: str, max_outside_km: float) -> None:
    """Give the post the district and municipality its point lies in (none outside the region)."""
    if post.latitude is None or post.longitude is None:
        location = None
    else:
        location = check_point(post.latitude, post.longitude, confirm_outside=confirm_outside,
                               region=region, max_outside_km=max_outside_km)
    inside = location is not None and location.inside
    post.district_ags = location.district.ags if inside else None
    post.municipality_ags = location.municipality.ags if inside else None
    post.municipality_name = location.municipality.name if inside else None
    post.outside_region = location is not None and not location.inside


def refresh_catchment(settlement: Settlement, *, region: str) -> None:
    """Recompute which districts the commuting circle touches and how much of each."""
    if settlement.latitude is None or settlement.longitude is None:
        settlement.catchment = []
        return
    # Before the first flush the column default is not applied yet.
    radius = settlement.commute_radius_km or DEFAULT_COMMUTE_RADIUS_KM
    shares = catchment(settlement.latitude, settlement.longitude, radius, region)
    settlement.catchment = [SettlementCatchment(district_ags=ags, share=share)
                            for ags, share in shares if share > 0]
