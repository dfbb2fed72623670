"""The interface languages and the choice of one per request."""

from __future__ import annotations

from flask import Response, has_request_context, request, session
from flask_babel import get_locale
from markupsafe import Markup

LOCALES = ("de", "en")
# What members write (posts, reasons) is German whatever language the interface speaks.
WRITTEN_LANGUAGE = "de"


def written_lang() -> Markup:
    """` lang="de"` for an element holding text members wrote, when the page speaks another
    language, so screen readers pronounce it as German (WCAG 3.1.2); nothing on German pages."""
    locale = get_locale()
    if locale is None or locale.language == WRITTEN_LANGUAGE:
        return Markup("")
    return Markup(' lang="%s"') % WRITTEN_LANGUAGE


def select_locale() -> str | None:
    """The user's chosen language, else the browser's preference among de/en, else German."""
    if not has_request_context():
        return None  # CLI and scheduler: Flask-Babel falls back to BABEL_DEFAULT_LOCALE
    chosen = session.get("locale")
    if chosen in LOCALES:
        return chosen
    return request.accept_languages.best_match(LOCALES, default="de")


# Answers whose words depend on the language chosen (HTML, JSON with messages and labels).
LANGUAGE_DEPENDENT = frozenset({"text/html", "application/json", "application/geo+json"})


def mark_language(response: Response) -> Response:
    """Content-Language, and Vary on what chose it (Accept-Language, the session cookie), so
    API clients know the language and caches never hand one language's answer to another.
    Public cacheable answers (web/static_json.py) are built once for every visitor, in no
    language, and stay as they are."""
    if response.mimetype in LANGUAGE_DEPENDENT and not response.cache_control.public:
        response.headers.setdefault("Content-Language", str(get_locale()))
        response.vary.add("Accept-Language")
        response.vary.add("Cookie")
    return response
