"""CSRF protection (Flask-WTF) with the token masked anew in every place it is written.

Pages are sent gzipped (web/compression.py) and many reflect what was typed next to the CSRF
token; that is what BREACH needs to read a secret byte by byte from compressed sizes. A token
XORed with a fresh random pad each time it is written is a different string in every response,
so compression leaks nothing about it (docs/architecture.md, "CSRF tokens and BREACH").
"""

from __future__ import annotations

import base64
import binascii
import secrets

from flask import g
from flask_wtf.csrf import CSRFProtect, _FlaskFormCSRF, generate_csrf


def mask(token: str) -> str:
    """pad + (token XOR pad), URL-safe base64: the same token, a different string each time."""
    raw = token.encode("ascii")
    pad = secrets.token_bytes(len(raw))
    masked = (int.from_bytes(raw, "big") ^ int.from_bytes(pad, "big")).to_bytes(len(raw), "big")
    return base64.urlsafe_b64encode(pad + masked).decode("ascii")


def unmask(value: str) -> str:
    """The token inside a masked value; anything else is returned as it came (and then fails
    Flask-WTF's check unless it is a valid unmasked token, e.g. from an older page)."""
    if not value or "." in value:  # Flask-WTF's own tokens contain dots; masked ones never do
        return value
    try:
        data = base64.urlsafe_b64decode(value.encode("ascii"))
    except (binascii.Error, ValueError, UnicodeError):
        return value
    half = len(data) // 2
    if not half or len(data) % 2:
        return value
    pad, masked = data[:half], data[half:]
    raw = (int.from_bytes(masked, "big") ^ int.from_bytes(pad, "big")).to_bytes(half, "big")
    try:
        return raw.decode("ascii")
    except UnicodeDecodeError:
        return value


def masked_csrf_token() -> str:
    """`csrf_token()` in templates: this request's token, masked anew on every call."""
    return _written(mask(generate_csrf()))


def _written(masked: str) -> str:
    g.setdefault("csrf_tokens_written", []).append(masked)
    return masked


def tokens_written() -> list[str]:
    """The masked tokens this response holds: the page cache writes fresh ones in their place."""
    return g.get("csrf_tokens_written", [])


class MaskedCSRFProtect(CSRFProtect):
    """Flask-WTF's CSRFProtect that writes masked tokens and unmasks what comes back."""

    def init_app(self, app) -> None:
        super().init_app(app)
        app.jinja_env.globals["csrf_token"] = masked_csrf_token
        # Flask-WTF also injects csrf_token by a context processor; a later one wins.
        app.context_processor(lambda: {"csrf_token": masked_csrf_token})

    def _get_csrf_token(self):
        token = super()._get_csrf_token()
        return unmask(token) if token else token


class MaskedFormCSRF(_FlaskFormCSRF):
    """The CSRF field of every form (forms.base.BaseForm): rendered masked, read unmasked."""

    def generate_csrf_token(self, csrf_token_field) -> str:
        return _written(mask(super().generate_csrf_token(csrf_token_field)))

    def validate_csrf_token(self, form, field) -> None:
        if not g.get("csrf_valid", False):  # MaskedCSRFProtect has not checked this request
            field.data = unmask(field.data or "")
        super().validate_csrf_token(form, field)
