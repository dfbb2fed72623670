"""A refusal that belongs next to one input field."""

from __future__ import annotations


class FieldError(Exception):
    """Input a service refuses: the form field it belongs to and a German message.

    Services raise it without knowing about forms; `BaseForm.add_error` shows it at the field.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
