"""Site-wide pages: the home page and the language switch."""

from flask import Blueprint, redirect, session, url_for
from werkzeug.exceptions import NotFound
from wtforms import HiddenField, StringField

from jobnet.forms.base import BaseForm
from jobnet.i18n import LOCALES
from jobnet.map.views import render_map_page
from jobnet.web.page_cache import cached_for_visitors
from jobnet.web.redirects import safe_next

bp = Blueprint("pages", __name__)


@bp.get("/")
@cached_for_visitors
def home():
    # The map is the front door; /beitraege/ stays the plain list.
    return render_map_page()


class LanguageForm(BaseForm):
    """The language buttons in the header (templates/base.html): one text policy as every form."""

    locale = StringField()
    next = HiddenField()


@bp.post("/language")
def set_language():
    form = LanguageForm()  # a file or other non-text value is a 400 here (NonTextInput)
    if form.locale.data not in LOCALES:
        raise NotFound()
    session["locale"] = form.locale.data
    return redirect(safe_next(form.next.data) or url_for("pages.home"))
