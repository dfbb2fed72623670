"""Forms for login, passwords, invitations and the admin pages (CSRF through FlaskForm)."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    SelectChoice,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import EqualTo, Length, Optional, ValidationError

from jobnet.accounts.labels import ORGANISATION_KIND_LABELS, ROLE_LABELS
from jobnet.accounts.models import Organisation, OrganisationKind, Role
from jobnet.accounts.services import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from jobnet.forms.base import BaseForm
from jobnet.forms.fields import EMAIL_MAX, email_field, select_field
from jobnet.forms.validators import NOT_ALL_IN_LIST, http_url, length, required
from jobnet.geo.districts import grouped_district_choices

NAME_MAX = 200
URL_MAX = 500
PASSWORD_LENGTH = _l("Das Passwort muss zwischen %(min)d und %(max)d Zeichen lang sein.")


def _name_field(label, max_length: int = NAME_MAX) -> StringField:
    return StringField(label, [required(), length(max=max_length)])


def _role_choices() -> list[SelectChoice]:
    return [SelectChoice(role.value, ROLE_LABELS[role]) for role in Role]


def _kind_choices() -> list[SelectChoice]:
    return [SelectChoice(kind.value, ORGANISATION_KIND_LABELS[kind]) for kind in OrganisationKind]


def _district_choices() -> list | dict:
    # Grouped by state (optgroups) when the region spans several.
    return grouped_district_choices(("", _("– kein Kreis –")))


def _organisation_choices(organisations: Iterable[Organisation]) -> list[SelectChoice]:
    return [SelectChoice(o.id, o.name if o.active else _("%(name)s (inaktiv)", name=o.name))
            for o in organisations]


class LoginForm(BaseForm):
    # No address syntax check at login: an unknown address gets the same answer as a wrong one.
    email = EmailField(_l("E-Mail-Adresse"), [required(), length(max=EMAIL_MAX)])
    password = PasswordField(_l("Passwort"), validators=[
        required(), length(max=MAX_PASSWORD_LENGTH)])
    next = HiddenField()


class NewPasswordForm(BaseForm):
    password = PasswordField(_l("Neues Passwort"), validators=[
        required(),
        Length(min=MIN_PASSWORD_LENGTH, max=MAX_PASSWORD_LENGTH, message=PASSWORD_LENGTH)])
    confirm = PasswordField(_l("Neues Passwort wiederholen"), validators=[
        required(),
        EqualTo("password", message=_l("Die beiden Passwörter stimmen nicht überein."))])


class ChangePasswordForm(NewPasswordForm):
    current_password = PasswordField(_l("Aktuelles Passwort"), validators=[
        required(), length(max=MAX_PASSWORD_LENGTH)])


class ResetRequestForm(BaseForm):
    email = email_field(_l("E-Mail-Adresse"))


class InviteForm(BaseForm):
    email = email_field(_l("E-Mail-Adresse"))
    name = _name_field(_l("Name"))
    role = select_field(_l("Rolle"), choices=_role_choices)
    organisation_id = select_field(_l("Organisation"), coerce=int)

    def __init__(self, *args, organisations: Iterable[Organisation], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.organisation_id.choices = _organisation_choices(organisations)


class OrganisationForm(BaseForm):
    name = _name_field(_l("Name"))
    kind = select_field(_l("Art"), choices=_kind_choices)
    district_ags = select_field(_l("Kreis"), choices=_district_choices, is_required=False)
    # A joint job centre of a city and its county serves both: the first is its main district.
    other_districts = SelectMultipleField(
        _l("Weitere Kreise"), choices=lambda: grouped_district_choices(),
        invalid_choice_message=NOT_ALL_IN_LIST)
    email = email_field(_l("E-Mail-Adresse"), is_required=False)
    website = StringField(_l("Website"), [Optional(), length(max=URL_MAX), http_url])
    active = BooleanField(_l("Aktiv"), default=True)

    def validate_district_ags(self, field) -> None:
        if self.kind.data == OrganisationKind.JOB_CENTRE and not field.data:
            raise ValidationError(_l("Ein kommunales Jobcenter braucht seinen Kreis."))


class UserForm(BaseForm):
    role = select_field(_l("Rolle"), choices=_role_choices)
    organisation_id = select_field(_l("Organisation"), coerce=int)
    active = BooleanField(_l("Aktiv"))

    def __init__(self, *args, organisations: Iterable[Organisation], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.organisation_id.choices = _organisation_choices(organisations)
