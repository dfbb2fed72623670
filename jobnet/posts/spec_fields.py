"""WTForms fields for the fields of a kind specification, with their checks and messages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    SelectField,
    StringField,
    TelField,
    TextAreaField,
    URLField,
)
from wtforms.fields.core import UnboundField
from wtforms.validators import Optional, ValidationError

from jobnet.forms.fields import (
    CoordinateField,
    DayField,
    LocalDateTimeField,
    MultiCheckboxField,
    WholeNumberField,
)
from jobnet.forms.validators import (
    at_least_one,
    email_address,
    given,
    http_url,
    is_http_url,
    length,
    not_in_past,
    number_range,
    phone_number,
    required,
)
from jobnet.posts.kinds import FieldSpec, FieldType, max_length
from jobnet.posts.models import Post

MAX_LINKS = 10


def _links(form, field):
    lines = [line.strip() for line in (field.data or "").split("\n") if line.strip()]
    if len(lines) > MAX_LINKS:
        raise ValidationError(_l("Bitte höchstens %(max)d Links angeben.", max=MAX_LINKS))
    for line in lines:
        if not is_http_url(line):
            raise ValidationError(_l("Jede Zeile muss eine vollständige Adresse mit http:// oder "
                                     "https:// sein (höchstens 500 Zeichen)."))


# Field type -> (WTForms field class, whether "required" checks raw input, type validators).
_FIELD_CLASSES: dict[FieldType, tuple[type, bool, tuple]] = {
    FieldType.LINE: (StringField, False, ()),
    FieldType.TEXT: (TextAreaField, False, ()),
    FieldType.MARKDOWN: (TextAreaField, False, ()),
    FieldType.INTEGER: (WholeNumberField, True, ()),
    FieldType.COORDINATE: (CoordinateField, True, ()),
    FieldType.DATE: (DayField, True, ()),
    FieldType.DATETIME: (LocalDateTimeField, True, ()),
    FieldType.BOOLEAN: (BooleanField, False, ()),
    FieldType.URL: (URLField, False, (http_url,)),
    FieldType.EMAIL: (EmailField, False, (email_address(),)),
    FieldType.PHONE: (TelField, False, (phone_number,)),
    FieldType.CHOICE: (SelectField, False, ()),
    FieldType.CHOICES: (MultiCheckboxField, False, ()),
    FieldType.LINKS: (TextAreaField, False, (_links,)),
}


def _first_validator(spec: FieldSpec, raw_input: bool):
    if spec.type == FieldType.CHOICES:
        return at_least_one(spec.required_message) if spec.required else Optional()
    if not spec.required:
        return Optional()
    return given(spec.required_message) if raw_input else required(spec.required_message)


def _choices(spec: FieldSpec) -> Callable[[], list]:
    labels = spec.choices or {}
    if spec.type == FieldType.CHOICE:
        return lambda: [("", _l("– bitte wählen –")), *labels.items()]
    return lambda: list(labels.items())


def form_field(spec: FieldSpec, model: type[Post]) -> UnboundField:
    """The WTForms field for a specified field, with its checks and German messages."""
    field_class, raw_input, type_checks = _FIELD_CLASSES[spec.type]
    checks = [_first_validator(spec, raw_input)]
    longest = max_length(spec, model)
    if longest is not None:
        checks.append(length(spec.min_length, longest))
    if spec.range is not None:
        checks.append(number_range(*spec.range))
    if spec.future_only:
        checks.append(not_in_past)
    options: dict[str, Any] = {"description": spec.help or ""}
    if spec.default is not None:
        options["default"] = spec.default
    if spec.choices is not None:
        options["choices"] = _choices(spec)
    return field_class(spec.label, [*checks, *type_checks], **options)
