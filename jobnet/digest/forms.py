"""The subscription forms: preferences, plus the address when subscribing."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, SelectChoice, SelectMultipleField

from jobnet.digest.models import DistrictMode, Frequency
from jobnet.digest.preferences import Preferences
from jobnet.forms.base import BaseForm
from jobnet.forms.fields import MultiCheckboxField, email_field
from jobnet.forms.validators import NOT_ALL_IN_LIST, required
from jobnet.geo.districts import district_choices
from jobnet.posts.kinds import KIND_PLURALS
from jobnet.posts.labels import TARGET_GROUP_LABELS
from jobnet.posts.models import Kind, TargetGroup


class PreferencesForm(BaseForm):
    kinds = MultiCheckboxField(_l("Welche Beiträge?"),
                               choices=lambda: [SelectChoice(k.value, KIND_PLURALS[k]) for k in Kind],
                               default=[k.value for k in Kind])
    district_mode = RadioField(_l("Aus welchen Kreisen?"), default=DistrictMode.NEIGHBOURS.value,
                               choices=[
                                   SelectChoice(DistrictMode.NEIGHBOURS.value,
                                                _l("Meine Kreise und ihre Nachbarkreise")),
                                   SelectChoice(DistrictMode.LIST.value, _l("Nur die gewählten Kreise")),
                                   SelectChoice(DistrictMode.ALL.value, _l("Ganz Hessen"))],
                               validators=[required()])
    districts = SelectMultipleField(_l("Meine Kreise"), choices=lambda: [SelectChoice(*c) for c in district_choices()],
                                    invalid_choice_message=NOT_ALL_IN_LIST)
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

    def preference_data(self) -> dict:
        """The preference fields as the service reads them."""
        return {name: self[name].data for name in (
            "kinds", "district_mode", "districts", "include_catchment", "target_groups",
            "frequency", "locale")}

    @classmethod
    def initial(cls, preferences: Preferences) -> dict:
        """Form data showing stored preferences."""
        return preferences.as_payload()


class SubscribeForm(PreferencesForm):
    email = email_field(_l("E-Mail-Adresse"))
