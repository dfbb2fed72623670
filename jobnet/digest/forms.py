"""The subscription forms: preferences, plus the address when subscribing."""

from __future__ import annotations

from typing import NamedTuple

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, SelectChoice, SelectField, SubmitField

from jobnet.digest.models import DistrictMode, Frequency
from jobnet.digest.preferences import Preferences, resolved_districts
from jobnet.forms.base import BaseForm
from jobnet.forms.fields import MultiCheckboxField, email_field
from jobnet.forms.validators import required
from jobnet.geo.districts import district_choices, region_districts, region_states
from jobnet.geo.settings import geo_settings
from jobnet.posts.kinds import KIND_PLURALS
from jobnet.posts.labels import TARGET_GROUP_LABELS
from jobnet.posts.models import Kind, TargetGroup


class DistrictOption(NamedTuple):
    checkbox: object  # the bound checkbox of the districts field
    neighbours: str  # district keys bordering it, space-separated, for the script


class DistrictGroup(NamedTuple):
    label: object
    options: list[DistrictOption]


# VG250's kinds of district that are cities ("Stadtkreis" in Baden-Württemberg); every other
# kind (Landkreis, Kreis, Regionalverband, ...) goes with the Landkreise.
CITY_KINDS = frozenset({"Kreisfreie Stadt", "Stadtkreis"})


def _neighbour_keys(ags: str) -> str:
    return " ".join(sorted(resolved_districts(DistrictMode.NEIGHBOURS, [ags]) - {ags}))


class PreferencesForm(BaseForm):
    kinds = MultiCheckboxField(_l("Welche Beiträge?"),
                               choices=lambda: [SelectChoice(k.value, KIND_PLURALS[k]) for k in Kind],
                               default=[k.value for k in Kind])
    district_mode = RadioField(_l("Aus welchen Kreisen?"), default=DistrictMode.NEIGHBOURS.value,
                               choices=[
                                   SelectChoice(DistrictMode.NEIGHBOURS.value,
                                                _l("Meine Kreise und ihre Nachbarkreise")),
                                   SelectChoice(DistrictMode.LIST.value, _l("Nur die gewählten Kreise")),
                                   SelectChoice(DistrictMode.ALL.value, LazyString(
                                       lambda: geo_settings().names().whole_capitalised))],
                               validators=[required()])
    # Checkboxes in groups (templates/digest/_preferences.html); name and values (district
    # keys) as in the multi-select before them, so stored preferences and links still fit.
    districts = MultiCheckboxField(_l("Meine Kreise"),
                                   choices=lambda: [SelectChoice(*c) for c in district_choices()])
    # Whole states (a national network); the template shows them only for a region of several.
    states = MultiCheckboxField(_l("Ganze Bundesländer"),
                                choices=lambda: [SelectChoice(*s) for s in region_states()])
    # Adds the neighbours of the ticked districts and shows the form again, saving nothing;
    # static/js/district-picker.js does the same in the page without a round trip.
    add_neighbours = SubmitField(_l("Nachbarkreise dazunehmen"))
    include_catchment = BooleanField(
        _l("Auch Firmenansiedlungen anderswo, deren Pendeleinzugsgebiet meine Kreise berührt"),
        default=True)
    target_groups = MultiCheckboxField(
        _l("Zielgruppen (keine Auswahl: alle)"),
        choices=lambda: [SelectChoice(g.value, TARGET_GROUP_LABELS[g]) for g in TargetGroup])
    frequency = RadioField(_l("Wie oft?"), default=Frequency.WEEKLY.value, choices=[
        SelectChoice(Frequency.WEEKLY.value, _l("Wöchentlich (montags)")),
        SelectChoice(Frequency.DAILY.value, _l("Täglich"))], validators=[required()])
    locale = RadioField(_l("Sprache der E-Mail"), default="de", choices=[
        SelectChoice("de", "Deutsch"), SelectChoice("en", "English")], validators=[required()])
    # Offered to members whose organisation belongs to a ring (offer_rings); the service checks
    # the choice against the member's rings again.
    ring_id = SelectField(_l("Vergleichsring"), choices=[], validate_choice=False, default="")

    def offer_rings(self, rings) -> None:
        """Add the choice "my ring" for a member whose organisation belongs to these rings."""
        if not rings:
            return
        self.district_mode.choices = [*self.district_mode.choices, SelectChoice(
            DistrictMode.RING.value, _l("Die Beiträge meines Vergleichsrings (aus allen Kreisen)"))]
        self.ring_id.choices = [SelectChoice(str(ring.id), ring.name) for ring in rings]

    def preference_data(self) -> dict:
        """The preference fields as the service reads them."""
        return {name: self[name].data for name in (
            "kinds", "district_mode", "districts", "states", "include_catchment",
            "target_groups", "frequency", "locale", "ring_id")}

    @classmethod
    def initial(cls, preferences: Preferences) -> dict:
        """Form data showing stored preferences."""
        data = preferences.as_payload()
        data["ring_id"] = str(preferences.ring_id or "")
        return data

    def neighbours_requested(self) -> bool:
        """Whether the "add neighbours" button sent the form (then nothing is saved)."""
        return self.is_submitted() and bool(self.add_neighbours.data)

    def tick_neighbours(self) -> list[str]:
        """Tick the neighbours of the ticked districts; the names of those added. Unknown
        keys in the input are dropped, as the choices would refuse them."""
        labels = dict(district_choices())
        chosen = {ags for ags in self.districts.data or [] if ags in labels}
        wider = resolved_districts(DistrictMode.NEIGHBOURS, chosen)
        self.districts.data = [ags for ags in labels if ags in wider]
        return sorted((labels[ags] for ags in wider - chosen), key=str.casefold)

    def district_groups(self) -> list[DistrictGroup]:
        """The district checkboxes in groups, each by name: by state in a region of several
        states, else kreisfreie Städte and Landkreise."""
        options = {option.data: option for option in self.districts}
        areas = sorted(region_districts(), key=lambda a: (a.name.casefold(), a.label.casefold()))
        states = region_states()
        if len(states) > 1:
            return [DistrictGroup(name, [DistrictOption(options[a.ags], _neighbour_keys(a.ags))
                                         for a in areas if a.ags[:2] == key and a.ags in options])
                    for key, name in states]
        groups = []
        for is_city, label in ((True, _l("Kreisfreie Städte")), (False, _l("Landkreise"))):
            group = [DistrictOption(options[a.ags], _neighbour_keys(a.ags))
                     for a in areas if (a.kind in CITY_KINDS) == is_city and a.ags in options]
            if group:
                groups.append(DistrictGroup(label, group))
        return groups


class SubscribeForm(PreferencesForm):
    email = email_field(_l("E-Mail-Adresse"))
