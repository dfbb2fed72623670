"""A refusal that belongs next to one input field."""

from __future__ import annotations

from flask_babel import gettext as _


class FieldError(Exception):
    """Input a service refuses: the form field it belongs to and a German message.

    Services raise it without knowing about forms; `BaseForm.add_error` shows it at the field.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def checked_text(value: str | None, field: str, maximum: int, *,
                 required: str | None = None) -> str:
    """Text a service takes: stripped, not empty when `required` (its message), at most
    `maximum` characters; FieldError otherwise."""
    value = (value or "").strip()
    if required and not value:
        raise FieldError(field, required)
    if len(value) > maximum:
        raise FieldError(field, _("Bitte höchstens %(max)d Zeichen (jetzt %(n)d).",
                                  max=maximum, n=len(value)))
    return value
