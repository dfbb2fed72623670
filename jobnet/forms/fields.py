"""Fields that parse strictly and explain themselves in German."""

from __future__ import annotations

import re

import wtforms
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from wtforms import (
    DateField,
    DateTimeLocalField,
    EmailField,
    Field,
    SelectMultipleField,
)
from wtforms.validators import Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget, NumberInput, Select, TextInput

from jobnet.forms.validators import (
    NOT_ALL_IN_LIST,
    NOT_IN_LIST,
    MarkRequired,
    email_address,
    length,
    required,
)

MIN_YEAR, MAX_YEAR = 1950, 2100
EMAIL_MAX = 254
INTEGER_RE = re.compile(r"[+-]?\d{1,15}")
DECIMAL_RE = re.compile(r"[+-]?\d{1,3}(?:[.,]\d{1,12})?")


class SwitchField(wtforms.BooleanField):
    """A yes/no argument of a filter (a checkbox sends "y"): "y", "1", "true", "on" are yes;
    absent, "", "n", "0", "false", "off" are no; anything else is an error, which strict readers
    (exports, API, feeds) answer with a 400 and the list drops, instead of taking it as yes."""

    TRUE_VALUES = ("y", "1", "true", "on")
    false_values = ("", "n", "0", "false", "off")

    def pre_validate(self, form) -> None:
        if self.raw_data and self.raw_data[0] not in self.TRUE_VALUES + self.false_values:
            self.data = False
            raise ValidationError(_l("Erwartet wird y (ja) oder 0 (nein)."))


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
            raise ValidationError(_l("Bitte geben Sie ein Datum in den Jahren %(min)d bis "
                                     "%(max)d an.", min=MIN_YEAR, max=MAX_YEAR))


class DayField(_YearBound, DateField):
    """A date as sent by <input type=date>, also accepting the German 31.12.2026."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, format=["%Y-%m-%d", "%d.%m.%Y"],
                         invalid_value_message=_l("Bitte geben Sie ein gültiges Datum ein "
                                                  "(TT.MM.JJJJ)."), **kwargs)


class LocalDateTimeField(_YearBound, DateTimeLocalField):
    """A naive wall-clock date and time in Hesse from <input type=datetime-local>."""

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
        super().__init__(label, validators, invalid_choice_message=NOT_ALL_IN_LIST, **kwargs)


def email_field(label, *, is_required: bool = True, **kwargs) -> EmailField:
    """An e-mail address field (single line, at most 254 characters, no SMTPUTF8)."""
    first = required() if is_required else Optional()
    return EmailField(label, [first, length(max=EMAIL_MAX), email_address()], **kwargs)


class QuickSelect(Select):
    """WTForms' Select, writing each plain option directly: the same HTML, about a tenth of the
    time (its attribute formatting cost ~30 µs an option: a district list of a national region
    has 400). Options with their own attributes go the library's way."""

    @classmethod
    def render_option(cls, choice, **kwargs) -> Markup:
        if kwargs or choice.render_kw:
            return super().render_option(choice, **kwargs)
        value = str(choice.value) if isinstance(choice.value, bool) else choice.value
        selected = "selected " if choice.selected else ""
        return Markup(f'<option {selected}value="{escape(value)}">'
                      f"{escape(choice.label or choice.value)}</option>")


class SelectField(wtforms.SelectField):
    """A select rendered by QuickSelect."""

    widget = QuickSelect()


class PlaceholderSelect(QuickSelect):
    """A required select that opens with an empty "please choose" option. HTML wants one there
    (a required select needs a placeholder to be left unfilled), and a new record gets nothing
    chosen by accident, e.g. the first organisation of the list for an invitation."""

    def __call__(self, field, **kwargs) -> Markup:
        html = super().__call__(field, **kwargs)
        opening, options = str(html).split(">", 1)  # attribute values are escaped: no ">" inside
        placeholder = Markup('<option value="">%s</option>') % _l("– bitte wählen –")
        return Markup(opening + ">") + placeholder + Markup(options)


def select_field(label, choices=None, coerce=str, *, is_required: bool = True) -> SelectField:
    """A select whose wrong or missing value gets one clear message."""
    return SelectField(label, choices=choices, coerce=coerce, invalid_value_message=NOT_IN_LIST,
                       invalid_choice_message=NOT_IN_LIST,
                       validators=[MarkRequired()] if is_required else [],
                       widget=PlaceholderSelect() if is_required else QuickSelect())

