"""Form building blocks for posts: strictly parsing fields, validators with German messages."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DateTimeLocalField,
    Field,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget, NumberInput, TextInput

from jobnet.clock import local_today, utcnow

MIN_YEAR, MAX_YEAR = 1950, 2100
MAX_URL_LENGTH = 500
PHONE_RE = re.compile(r"[0-9 +/()\-]*")
INTEGER_RE = re.compile(r"[+-]?\d{1,15}")
DECIMAL_RE = re.compile(r"[+-]?\d{1,3}(?:[.,]\d{1,12})?")


def _without_controls(text: str, keep: str = "") -> str:
    return "".join(ch for ch in text if ch in keep or unicodedata.category(ch) not in ("Cc", "Cs"))


def clean_line(value):
    """Single-line text without control characters or surrounding spaces."""
    return _without_controls(value).strip() if isinstance(value, str) else value


def clean_text(value):
    """Multi-line text with Unix line ends; tabs and newlines stay, other control characters go."""
    if not isinstance(value, str):
        return value
    return _without_controls(value.replace("\r\n", "\n").replace("\r", "\n"), "\n\t").strip()


class BaseForm(FlaskForm):
    """A form whose text fields never keep control characters (NUL breaks PostgreSQL)."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            cls = unbound_field.field_class
            cleaner = clean_text if issubclass(cls, TextAreaField) else (
                clean_line if issubclass(cls, StringField) else None)
            if cleaner is not None:
                options["filters"] = (cleaner, *unbound_field.kwargs.get("filters", ()))
            return unbound_field.bind(form=form, **options)


# Validators ---------------------------------------------------------------------------------


def required(message=None):
    return DataRequired(message=message or _l("Bitte füllen Sie dieses Feld aus."))


def given(message=None):
    """Required for non-text fields: checks raw input, so a parse error is not doubled."""
    return InputRequired(message=message or _l("Bitte füllen Sie dieses Feld aus."))


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


# Fields -------------------------------------------------------------------------------------


class WholeNumberField(Field):
    """An integer typed as digits only; anything else gets a clear German message."""

    widget = NumberInput()

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else str(self.data)

    def process_formdata(self, valuelist):
        raw = valuelist[0].strip() if valuelist else ""
        self.data = None
        if raw and not INTEGER_RE.fullmatch(raw):
            raise ValueError(_l("Bitte geben Sie eine ganze Zahl ohne Punkt oder Komma ein."))
        self.data = int(raw) if raw else None


class CoordinateField(Field):
    """A decimal degree such as 50.12 or 50,12 (German decimal comma); no exponents, no NaN."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "decimal"})
        super().__init__(label, validators, **kwargs)

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else f"{self.data:.6f}".rstrip("0").rstrip(".")

    def process_formdata(self, valuelist):
        raw = valuelist[0].strip() if valuelist else ""
        self.data = None
        if raw and not DECIMAL_RE.fullmatch(raw):
            raise ValueError(_l("Bitte geben Sie eine Dezimalzahl ein, z. B. 50,5612."))
        # The pattern admits no exponent, "inf" or "nan", so the float is always finite.
        self.data = float(raw.replace(",", ".")) if raw else None


class _YearBound:
    """Keeps dates within MIN_YEAR..MAX_YEAR so conversions to UTC can never overflow."""

    def pre_validate(self, form):
        if self.data is not None and not MIN_YEAR <= self.data.year <= MAX_YEAR:
            self.data = None
            raise ValidationError(_l("Bitte geben Sie ein Datum in den Jahren %(min)d bis %(max)d an.",
                                     min=MIN_YEAR, max=MAX_YEAR))


class DayField(_YearBound, DateField):
    """A date as sent by <input type=date>, also accepting the German 31.12.2026."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, format=["%Y-%m-%d", "%d.%m.%Y"],
                         invalid_value_message=_l("Bitte geben Sie ein gültiges Datum ein "
                                                  "(TT.MM.JJJJ)."), **kwargs)


class LocalDateTimeField(_YearBound, DateTimeLocalField):
    """A naive local (Europe/Berlin) date and time from <input type=datetime-local>."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators,
                         format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M",
                                 "%d.%m.%Y %H:%M"],
                         invalid_value_message=_l("Bitte geben Sie Datum und Uhrzeit ein "
                                                  "(TT.MM.JJJJ HH:MM)."), **kwargs)


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes (the form macro recognises this class name)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, invalid_choice_message=_l(
            "Bitte wählen Sie nur Einträge aus der Liste."), **kwargs)

