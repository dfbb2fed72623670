"""Validators with German messages, shared by every form."""

from __future__ import annotations

import re
from typing import ClassVar
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    ValidationError,
)

from jobnet.clock import local_today, utcnow

MAX_URL_LENGTH = 500
PHONE_RE = re.compile(r"[0-9 +/()\-]*")
REQUIRED = _l("Bitte füllen Sie dieses Feld aus.")
NOT_IN_LIST = _l("Bitte wählen Sie einen Eintrag aus der Liste.")
NOT_ALL_IN_LIST = _l("Bitte wählen Sie nur Einträge aus der Liste.")


def required(message=None):
    """Text must be given (whitespace alone does not count)."""
    return DataRequired(message=message or REQUIRED)


def given(message=None):
    """Required for non-text fields: checks raw input, so a parse error is not doubled."""
    return InputRequired(message=message or REQUIRED)


def length(min: int = -1, max: int = -1):
    if min > 0:
        message = _l("Bitte geben Sie zwischen %(min)d und %(max)d Zeichen ein "
                     "(jetzt %(length)d).")
    else:
        message = _l("Bitte geben Sie höchstens %(max)d Zeichen ein (jetzt %(length)d).")
    return Length(min=min, max=max, message=message)


def number_range(min, max):
    return NumberRange(min=min, max=max,
                       message=_l("Bitte geben Sie eine Zahl von %(min)s bis %(max)s ein."))


def email_address():
    # No SMTPUTF8 local parts: not every relay on the way takes them.
    return Email(_l("Bitte geben Sie eine gültige E-Mail-Adresse ein."), allow_smtputf8=False)


def is_http_url(value: str) -> bool:
    """Whether the text is an absolute http(s) URL with a host and no spaces."""
    if any(ch.isspace() for ch in value) or len(value) > MAX_URL_LENGTH:
        return False
    try:
        parts = urlsplit(value)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # e.g. a malformed IPv6 host or port
        return False


def http_url(form, field):
    if field.data and not is_http_url(field.data):
        raise ValidationError(_l("Bitte geben Sie eine vollständige Adresse ein, die mit "
                                 "http:// oder https:// beginnt."))


def phone_number(form, field):
    if field.data and not PHONE_RE.fullmatch(field.data):
        raise ValidationError(_l("Bitte nur Ziffern, Leerzeichen und + / ( ) - verwenden."))


def not_in_past(form, field):
    # Forms run in a request, so the real clock is right here; services take `now` instead.
    if field.data and field.data < local_today(utcnow()):
        raise ValidationError(_l("Das Datum darf nicht in der Vergangenheit liegen."))


def at_least_one(message):
    # No field_flags: a `required` attribute on each checkbox would make the browser demand all.
    def _check(form, field):
        if not field.data:
            raise ValidationError(message)
    return _check


class MarkRequired:
    """Marks a select as required; the choice check itself refuses a missing value."""

    field_flags: ClassVar[dict] = {"required": True}

    def __call__(self, form, field) -> None:
        # DataRequired would repeat the choice check's message for a missing value.
        pass
