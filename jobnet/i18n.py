"""The interface languages and the choice of one per request."""

from __future__ import annotations

from flask import has_request_context, request, session

LOCALES = ("de", "en")


def select_locale() -> str | None:
    """The user's chosen language, else the browser's preference among de/en, else German."""
    if not has_request_context():
        return None  # CLI and scheduler: Flask-Babel falls back to BABEL_DEFAULT_LOCALE
    chosen = session.get("locale")
    if chosen in LOCALES:
        return chosen
    return request.accept_languages.best_match(LOCALES, default="de")
