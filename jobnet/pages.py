"""Site-wide pages: the home page, the language switch, robots.txt and the favicon."""

from flask import Blueprint, Response, redirect, session, url_for
from werkzeug.exceptions import NotFound
from wtforms import HiddenField, StringField

from jobnet.forms.base import BaseForm
from jobnet.i18n import LOCALES
from jobnet.map.views import render_map_page
from jobnet.posts import page_fingerprints
from jobnet.web.page_cache import cached_for_visitors
from jobnet.web.redirects import safe_next
from jobnet.web.static_files import send_asset, static_folder

bp = Blueprint("pages", __name__)

# The map, the posts and the digest's sign-up are public and may be found; accounts,
# administration, moderation, forms, personal links (digest tokens) and the API may not.
# Prefixes only: every crawler understands them (wildcards are an extension).
ROBOTS_TXT = """\
User-agent: *
Disallow: /konto/
Disallow: /verwaltung/
Disallow: /moderation/
Disallow: /beitraege/neu
Disallow: /beitraege/meine-organisation
Disallow: /wochenuebersicht/bestaetigen/
Disallow: /wochenuebersicht/verwalten/
Disallow: /wochenuebersicht/abmelden/
Disallow: /wochenuebersicht/mitglied
Disallow: /language
Disallow: /karte/liste
Disallow: /api/
Allow: /
"""
ONE_DAY = 24 * 3600


@bp.get("/")
@cached_for_visitors(fingerprint=page_fingerprints.filtered_page)
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


@bp.get("/robots.txt")
def robots_txt():
    response = Response(ROBOTS_TXT, mimetype="text/plain")
    response.cache_control.public = True
    response.cache_control.max_age = ONE_DAY
    return response


@bp.get("/favicon.ico")
def favicon():
    # Pages link the SVG (templates/base.html); this is for clients that ask here anyway.
    return send_asset(static_folder(), "img/favicon.svg", versioned=False)
