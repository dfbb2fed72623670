"""Error pages (German HTML, JSON under /api/) so no request ends in a bare error or a stack trace."""

from __future__ import annotations

import logging
from urllib.parse import unquote_to_bytes

from flask import Flask, jsonify, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from werkzeug.exceptions import BadRequest, HTTPException, InternalServerError

from jobnet.extensions import db
from jobnet.forms.base import NonTextInput

log = logging.getLogger("jobnet.errors")


def _messages() -> dict[int, tuple[str, str]]:
    return {
        400: (_("Ungültige Anfrage"), _("Die Anfrage konnte nicht verarbeitet werden.")),
        403: (_("Keine Berechtigung"), _("Sie dürfen diese Aktion nicht ausführen.")),
        404: (_("Nicht gefunden"), _("Diese Seite oder dieser Eintrag existiert nicht.")),
        405: (_("Nicht erlaubt"), _("Diese Methode ist hier nicht erlaubt.")),
        413: (_("Zu groß"), _("Die gesendeten Daten sind zu groß.")),
        429: (_("Zu viele Anfragen"), _("Bitte warten Sie einen Moment und versuchen Sie es erneut.")),
        500: (_("Interner Fehler"), _("Etwas ist schiefgegangen. Bitte versuchen Sie es später erneut.")),
    }


def _render(code: int, detail: str | None = None, headers: dict | None = None):
    title, message = _messages().get(code, (str(code), ""))
    _roll_back()
    # JSON clients get JSON errors, also for URLs the router already refused (/karte/beitrag/x.json).
    if request.path.startswith("/api/") or request.path.endswith(".json"):
        return jsonify(error=detail or message), code, headers or {}
    try:
        page = render_template("errors/error.html", code=code, title=title,
                               message=detail or message)
    except Exception:
        log.exception("error page for %d could not be rendered; plain page sent", code)
        page = PLAIN_PAGE.format(lang=get_locale() or "de", title=escape(title),
                                 message=escape(detail or message))
    return page, code, headers or {}


# The last resort when the layout cannot be rendered (database gone): still a page in German.
PLAIN_PAGE = ("<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">"
              "<title>{title} – JobNet</title></head><body><h1>{title}</h1>"
              "<p>{message}</p><p><a href=\"/\">JobNet</a></p></body></html>")


def _roll_back() -> None:
    """A failed statement leaves the session unusable until rolled back, and the error page
    itself reads the database (the signed-in user): roll back before rendering anything."""
    try:
        db.session.rollback()
    except Exception:
        log.exception("rollback before the error page failed")


def refuse_broken_query_strings() -> None:
    """400 for query strings that are not UTF-8, before any view reads request.args."""
    # Werkzeug fails with a 500 on raw non-UTF-8 bytes; no browser sends them.
    try:
        unquote_to_bytes(request.query_string).decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest(_("Die Anfrage ist nicht UTF-8-kodiert.")) from None


def register_error_handlers(app: Flask) -> None:
    """Install handlers for HTTP errors, CSRF failures and unexpected exceptions."""
    app.before_request(refuse_broken_query_strings)

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return _render(400, _("Das Formular ist abgelaufen oder ungültig. Bitte laden Sie die "
                              "Seite neu und senden Sie es erneut."))

    @app.errorhandler(NonTextInput)
    def non_text_input(error: NonTextInput):
        return _render(400, str(error.description))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        # Headers the error carries for clients (Allow on 405, Retry-After on 429, ...).
        headers = {name: value for name, value in error.get_headers()
                   if name.lower() != "content-type"}
        return _render(error.code, headers=headers)

    @app.errorhandler(InternalServerError)
    def internal_error(error: InternalServerError):
        log.exception("unhandled error on %s %s", request.method, request.path)
        return _render(500)
