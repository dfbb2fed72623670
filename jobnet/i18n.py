"""The interface languages, the choice of one per request, and how dates read in each."""

from __future__ import annotations

from datetime import date, datetime

from flask import Response, has_request_context, request, session
from flask_babel import format_date, format_datetime, format_time, get_locale
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

# Babel's "en" is American English: "Jan 9, 2027" and "1/9/27, 10:00 AM", which readers in
# Europe take for 1 September. English pages and mails put the day first, name the month and
# use the 24-hour clock, as the German ones do; German keeps CLDR's formats.
ENGLISH_DATE = "d MMM y"
ENGLISH_DATETIME = "d MMM y, HH:mm"


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


def _english() -> bool:
    locale = get_locale()
    return locale is not None and locale.language == "en"


def date_text(value: date | datetime) -> str:
    """A day as pages and mails show it: "09.01.2027" or "9 Jan 2027" (an instant's day in
    Hesse's time)."""
    return format_date(value, ENGLISH_DATE if _english() else "medium")


def days_text(first: date, last: date) -> str:
    """Consecutive days, the shared parts once: "30.–31.12.2026", "30.11. – 01.12.2026",
    "31.12.2026 – 01.01.2027"; "30–31 Dec 2026", "30 Nov – 1 Dec 2026" in English."""
    if first == last:
        return date_text(first)
    if first.year != last.year:
        return f"{date_text(first)} – {date_text(last)}"
    english = _english()
    if first.month == last.month:
        return f"{first.day}–{date_text(last)}" if english else f"{first:%d}.–{date_text(last)}"
    head = format_date(first, "d MMM") if english else f"{first:%d.%m.}"
    return f"{head} – {date_text(last)}"


def month_text(value: date | datetime) -> str:
    """A month with its year: "März 2027", "March 2027"."""
    return format_date(value, "MMMM y")


def datetime_text(value: datetime, width: str = "medium") -> str:
    """An instant in Hesse's time with hours and minutes: "09.01.2027, 10:00" (German "short":
    "09.01.27, 10:00") or "9 Jan 2027, 10:00" in English, whatever the width."""
    if _english():
        return format_datetime(value, ENGLISH_DATETIME)
    if width == "short":
        return format_datetime(value, "short")
    return f"{format_date(value, 'medium')}, {format_time(value, 'short')}"
