"""What a subscriber wants: kinds, districts (or a member's comparison ring), catchment, target
groups, frequency, language."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from flask_babel import lazy_gettext as _l

from jobnet.digest.models import DistrictMode, Frequency, Subscription
from jobnet.forms.errors import FieldError
from jobnet.geo.boundaries import load_boundaries
from jobnet.geo.districts import current_key, region_states
from jobnet.geo.settings import geo_settings
from jobnet.i18n import LOCALES
from jobnet.posts.models import Kind, TargetGroup


@dataclass(frozen=True)
class Preferences:
    """A subscriber's choices; the same shape in forms, tokens and the subscription row."""

    kinds: tuple[str, ...] = tuple(kind.value for kind in Kind)
    district_mode: str = DistrictMode.NEIGHBOURS
    districts: tuple[str, ...] = ()
    include_catchment: bool = True
    target_groups: tuple[str, ...] = ()  # empty: every target group
    frequency: str = Frequency.WEEKLY
    locale: str = "de"
    states: tuple[str, ...] = ()  # whole states besides the districts (two-digit keys)
    ring_id: int | None = None  # district_mode "ring": the ring whose members' posts they get

    def as_payload(self) -> dict:
        """A compact, JSON-friendly form for signed tokens (without states when none are
        chosen: tokens and consent records of a one-state region stay as they were)."""
        data = asdict(self)
        if not data["states"]:
            del data["states"]
        if data["ring_id"] is None:  # records and links from before rings stay as they were
            del data["ring_id"]
        return {key: list(value) if isinstance(value, tuple) else value for key, value in data.items()}

    @classmethod
    def of(cls, subscription: Subscription) -> Preferences:
        """The preferences stored in a subscription."""
        return cls(tuple(subscription.kinds), subscription.district_mode,
                   tuple(subscription.districts), subscription.include_catchment,
                   tuple(subscription.target_groups), subscription.frequency, subscription.locale,
                   tuple(subscription.states or ()), subscription.ring_id)

    def apply_to(self, subscription: Subscription) -> None:
        """Write the preferences into a subscription row."""
        for key, value in {**self.as_payload(), "ring_id": self.ring_id}.items():
            setattr(subscription, key, value)
        subscription.states = list(self.states)


def checked_preferences(data: dict, rings: frozenset[int] = frozenset()) -> Preferences:
    """Preferences from form or token data; FieldError for unknown kinds, districts and the like.
    `rings`: the rings the subscriber's organisation belongs to (none for people without an
    account, so they cannot choose "my ring")."""
    known_districts = {area.ags for area in geo_settings().boundaries.districts()}
    known_states = {key for key, _name in region_states()}
    kinds = _choices(data.get("kinds"), {k.value for k in Kind}, "kinds")
    if not kinds:
        raise FieldError("kinds", str(_l("Bitte wählen Sie mindestens eine Art von Beiträgen.")))
    mode = str(data.get("district_mode") or "")
    if mode not in {m.value for m in DistrictMode}:
        raise FieldError("district_mode", str(_l("Bitte wählen Sie einen Eintrag aus der Liste.")))
    ring_id = _ring(data.get("ring_id"), mode, rings)
    # A key from before a district merger (a stored link) means the district it merged into.
    districts = _choices([current_key(d) if isinstance(d, str) else d
                          for d in data.get("districts") or []], known_districts, "districts")
    states = _choices(data.get("states"), known_states, "states")
    if mode not in (DistrictMode.ALL, DistrictMode.RING) and not districts and not states:
        raise FieldError("districts", str(_l("Bitte wählen Sie mindestens einen Kreis.")))
    groups = _choices(data.get("target_groups"), {g.value for g in TargetGroup}, "target_groups")
    frequency = str(data.get("frequency") or "")
    if frequency not in {f.value for f in Frequency}:
        raise FieldError("frequency", str(_l("Bitte wählen Sie einen Eintrag aus der Liste.")))
    locale = str(data.get("locale") or "")
    if locale not in LOCALES:
        raise FieldError("locale", str(_l("Bitte wählen Sie einen Eintrag aus der Liste.")))
    everywhere = mode == DistrictMode.ALL
    return Preferences(kinds, mode, () if everywhere else districts,
                       bool(data.get("include_catchment")), groups, frequency, locale,
                       () if everywhere else states, ring_id)


def _ring(value, mode: str, rings: frozenset[int]) -> int | None:
    if mode != DistrictMode.RING:
        return None
    try:
        ring_id = int(value)
    except (TypeError, ValueError):
        ring_id = None
    if ring_id not in rings:
        raise FieldError("ring_id", str(_l("Bitte wählen Sie einen Vergleichsring, zu dem Ihre "
                                           "Organisation gehört.")))
    return ring_id


def _choices(values, allowed: set[str], name: str) -> tuple[str, ...]:
    values = list(values or [])
    if len(values) > 100 or any(not isinstance(v, str) or v not in allowed for v in values):
        raise FieldError(name, str(_l("Bitte wählen Sie nur Einträge aus der Liste.")))
    return tuple(dict.fromkeys(values))


def resolved_districts(mode: str, districts: tuple[str, ...] | list[str],
                       region: str | None = None,
                       states: tuple[str, ...] | list[str] = ()) -> frozenset[str] | None:
    """The district keys a subscriber follows (the chosen states' districts included; their
    neighbours are not added); None means all of the region (a ring's posts come from
    anywhere: its members decide, jobnet/digest/composer.py)."""
    if mode in (DistrictMode.ALL, DistrictMode.RING):
        return None
    chosen = set(districts)
    boundaries = load_boundaries(region) if region else geo_settings().boundaries
    if states:
        chosen.update(d.ags for d in boundaries.districts() if d.ags[:2] in states)
    if mode == DistrictMode.NEIGHBOURS:
        for ags in districts:
            try:
                chosen.update(area.ags for area in boundaries.district_neighbours(ags))
            except KeyError:  # a district that left the geodata after a rebuild
                continue
    return frozenset(chosen)
