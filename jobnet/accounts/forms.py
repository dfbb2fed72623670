"""Forms for login, passwords, invitations and the admin pages (CSRF through FlaskForm)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import ClassVar
from urllib.parse import urlsplit

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    EqualTo,
    Length,
    Optional,
    StopValidation,
    ValidationError,
)

from jobnet.accounts.labels import ORGANISATION_KIND_LABELS, ROLE_LABELS
from jobnet.accounts.models import Organisation, OrganisationKind, Role
from jobnet.accounts.services import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, FieldError
from jobnet.geo.districts import district_choices

EMAIL_MAX = 254
NAME_MAX = 200
URL_MAX = 500
REQUIRED = _l("Bitte füllen Sie dieses Feld aus.")
TOO_LONG = _l("Bitte höchstens %(max)d Zeichen.")
NOT_IN_LIST = _l("Bitte wählen Sie einen Eintrag aus der Liste.")
PASSWORD_LENGTH = _l("Das Passwort muss zwischen %(min)d und %(max)d Zeichen lang sein.")


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class SingleLine:
    """Refuses line breaks and control characters, which could smuggle in mail headers."""

    def __call__(self, form, field) -> None:
        if any(unicodedata.category(char) in {"Cc", "Zl", "Zp"} for char in field.data or ""):
            raise StopValidation(_l("Bitte ohne Zeilenumbrüche oder Steuerzeichen eingeben."))


class HttpUrl:
    """Accepts only complete http:// or https:// addresses."""

    def __call__(self, form, field) -> None:
        try:
            parts = urlsplit(field.data)
            valid = parts.scheme.lower() in {"http", "https"} and bool(parts.hostname)
        except ValueError:  # e.g. an unclosed "[" of an IPv6 address
            valid = False
        if not valid or " " in field.data:
            raise ValidationError(_l("Bitte eine vollständige Adresse mit http:// oder https:// "
                                     "eingeben."))


def _email_field(label, required: bool = True) -> EmailField:
    first = DataRequired(REQUIRED) if required else Optional()
    return EmailField(label, filters=[_strip], validators=[
        first, Length(max=EMAIL_MAX, message=TOO_LONG), SingleLine(),
        Email(_l("Bitte geben Sie eine gültige E-Mail-Adresse ein."), allow_smtputf8=False)])


def _name_field(label, max_length: int = NAME_MAX) -> StringField:
    return StringField(label, filters=[_strip], validators=[
        DataRequired(REQUIRED), Length(max=max_length, message=TOO_LONG), SingleLine()])


class MarkRequired:
    """Marks a select as required; the choice check itself refuses a missing value."""

    field_flags: ClassVar[dict] = {"required": True}

    def __call__(self, form, field) -> None:
        # DataRequired would repeat the choice check's message for a missing value.
        pass


def _select(label, choices=None, coerce=str, required: bool = True) -> SelectField:
    return SelectField(label, choices=choices, coerce=coerce, invalid_value_message=NOT_IN_LIST,
                       invalid_choice_message=NOT_IN_LIST,
                       validators=[MarkRequired()] if required else [])


def _role_choices() -> list[SelectChoice]:
    return [SelectChoice(role.value, ROLE_LABELS[role]) for role in Role]


def _kind_choices() -> list[SelectChoice]:
    return [SelectChoice(kind.value, ORGANISATION_KIND_LABELS[kind]) for kind in OrganisationKind]


def _district_choices() -> list[SelectChoice]:
    return [SelectChoice("", _("– kein Kreis –")),
            *(SelectChoice(ags, label) for ags, label in district_choices())]


def _organisation_choices(organisations: Iterable[Organisation]) -> list[SelectChoice]:
    return [SelectChoice(o.id, o.name if o.active else _("%(name)s (inaktiv)", name=o.name))
            for o in organisations]


class ServiceForm(FlaskForm):
    """A form whose data goes to a service as keyword arguments, and takes its refusals back."""

    def values(self) -> dict:
        """Field data by name, without the CSRF token."""
        return {name: field.data for name, field in self._fields.items() if name != "csrf_token"}

    def add_error(self, error: FieldError) -> None:
        """Show a service's refusal next to the field it concerns."""
        target = self._fields.get(error.field)
        if target is None:
            raise LookupError(f"form has no field {error.field!r}")
        target.errors = [*target.errors, error.message]


class LoginForm(FlaskForm):
    email = EmailField(_l("E-Mail-Adresse"), filters=[_strip], validators=[
        DataRequired(REQUIRED), Length(max=EMAIL_MAX, message=TOO_LONG), SingleLine()])
    password = PasswordField(_l("Passwort"), validators=[
        DataRequired(REQUIRED), Length(max=MAX_PASSWORD_LENGTH, message=TOO_LONG)])
    next = HiddenField()


class NewPasswordForm(ServiceForm):
    password = PasswordField(_l("Neues Passwort"), validators=[
        DataRequired(REQUIRED),
        Length(min=MIN_PASSWORD_LENGTH, max=MAX_PASSWORD_LENGTH, message=PASSWORD_LENGTH)])
    confirm = PasswordField(_l("Neues Passwort wiederholen"), validators=[
        DataRequired(REQUIRED),
        EqualTo("password", message=_l("Die beiden Passwörter stimmen nicht überein."))])


class ChangePasswordForm(NewPasswordForm):
    current_password = PasswordField(_l("Aktuelles Passwort"), validators=[
        DataRequired(REQUIRED), Length(max=MAX_PASSWORD_LENGTH, message=TOO_LONG)])


class ResetRequestForm(ServiceForm):
    email = _email_field(_l("E-Mail-Adresse"))


class InviteForm(ServiceForm):
    email = _email_field(_l("E-Mail-Adresse"))
    name = _name_field(_l("Name"))
    role = _select(_l("Rolle"), choices=_role_choices)
    organisation_id = _select(_l("Organisation"), coerce=int)

    def __init__(self, *args, organisations: Iterable[Organisation], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.organisation_id.choices = _organisation_choices(organisations)


class OrganisationForm(ServiceForm):
    name = _name_field(_l("Name"))
    kind = _select(_l("Art"), choices=_kind_choices)
    district_ags = _select(_l("Kreis"), choices=_district_choices, required=False)
    email = _email_field(_l("E-Mail-Adresse"), required=False)
    website = StringField(_l("Website"), filters=[_strip], validators=[
        Optional(), Length(max=URL_MAX, message=TOO_LONG), SingleLine(), HttpUrl()])
    active = BooleanField(_l("Aktiv"), default=True)

    def validate_district_ags(self, field) -> None:
        if self.kind.data == OrganisationKind.JOB_CENTRE and not field.data:
            raise ValidationError(_l("Ein kommunales Jobcenter braucht seinen Kreis."))



class UserForm(ServiceForm):
    role = _select(_l("Rolle"), choices=_role_choices)
    organisation_id = _select(_l("Organisation"), coerce=int)
    active = BooleanField(_l("Aktiv"))

    def __init__(self, *args, organisations: Iterable[Organisation], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.organisation_id.choices = _organisation_choices(organisations)
