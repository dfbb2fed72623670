"""Cleaning and checking typed text (used as WTForms filters and validators)."""

from __future__ import annotations

import unicodedata

from flask_babel import lazy_gettext as _l
from wtforms.validators import StopValidation

# Cc: control characters, Cs: lone surrogates (undecodable bytes), Zl/Zp: Unicode line breaks.
_CONTROL_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})


def _is_control(char: str) -> bool:
    return unicodedata.category(char) in _CONTROL_CATEGORIES


def strip_surrounding(value):
    """Text without surrounding whitespace (other values unchanged)."""
    return value.strip() if isinstance(value, str) else value


def clean_multiline(value):
    """Multi-line text with Unix line ends; tabs and newlines stay, other control characters go."""
    if not isinstance(value, str):
        return value
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in "\n\t" or not _is_control(ch)).strip()


def single_line(form, field) -> None:
    """Refuse line breaks and control characters in a single-line field."""
    if isinstance(field.data, str) and any(_is_control(char) for char in field.data):
        raise StopValidation(_l("Bitte ohne Zeilenumbrüche oder Steuerzeichen eingeben."))
