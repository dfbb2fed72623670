"""Site-wide pages: the home page and the language switch."""

from flask import Blueprint, redirect, request, session, url_for
from werkzeug.exceptions import NotFound

from jobnet.i18n import LOCALES
from jobnet.map.views import render_map_page
from jobnet.web.redirects import safe_next

bp = Blueprint("pages", __name__)


@bp.get("/")
def home():
    # The map is the front door; /beitraege/ stays the plain list.
    return render_map_page()


@bp.post("/language")
def set_language():
    locale = request.form.get("locale", "")
    if locale not in LOCALES:
        raise NotFound()
    session["locale"] = locale
    return redirect(safe_next(request.form.get("next")) or url_for("pages.home"))
