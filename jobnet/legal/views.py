"""Impressum, Datenschutzerklärung and Erklärung zur Barrierefreiheit with its feedback form."""

from __future__ import annotations

import math
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _

from jobnet.accounts.throttle import client_of
from jobnet.clock import utcnow
from jobnet.legal.feedback import FeedbackNotSent, FeedbackRefused, send_feedback
from jobnet.legal.forms import FeedbackForm
from jobnet.legal.settings import legal_settings

bp = Blueprint("legal", __name__)


def _page(name: str, **context) -> str:
    settings, config = legal_settings(), current_app.config
    # The privacy text names the outside servers this configuration actually talks to.
    tile_host = urlsplit(config["MAP_TILE_URL"]).hostname or ""
    nominatim_host = config["NOMINATIM_DOMAIN"] if config["NOMINATIM_ENABLED"] else ""
    return render_template(f"legal/{name}.html", settings=settings,
                           operator_text=settings.texts.get(name), tile_host=tile_host,
                           nominatim_host=nominatim_host, **context)


@bp.get("/impressum")
def imprint():
    return _page("imprint")


@bp.get("/datenschutz")
def privacy():
    return _page("privacy")


@bp.route("/barrierefreiheit", methods=["GET", "POST"])
def accessibility():
    form = FeedbackForm()
    if not form.is_submitted():
        return _page("accessibility", form=form)
    if not form.validate():
        return _page("accessibility", form=form), 400
    try:
        send_feedback(form.feedback(str(get_locale())), client=client_of(request.remote_addr),
                      now=utcnow(), settings=legal_settings(),
                      transport=current_app.extensions["jobnet_mail"])
    except FeedbackRefused as refusal:
        minutes = max(1, math.ceil(refusal.retry_after.total_seconds() / 60))
        message = ngettext("Über dieses Formular kamen gerade viele Rückmeldungen. Bitte "
                           "versuchen Sie es in %(num)d Minute erneut oder schreiben Sie uns "
                           "eine E-Mail.",
                           "Über dieses Formular kamen gerade viele Rückmeldungen. Bitte "
                           "versuchen Sie es in %(num)d Minuten erneut oder schreiben Sie uns "
                           "eine E-Mail.", minutes)
        return _page("accessibility", form=form, problem=message), 429, {
            "Retry-After": str(math.ceil(refusal.retry_after.total_seconds()))}
    except FeedbackNotSent:
        problem = _("Ihre Rückmeldung konnte gerade nicht verschickt werden. Bitte schreiben Sie "
                    "uns eine E-Mail; Ihr Text steht noch im Formular.")
        return _page("accessibility", form=form, problem=problem), 503
    flash(_("Vielen Dank! Ihre Rückmeldung ist angekommen. Wenn Sie eine E-Mail-Adresse "
            "angegeben haben, antworten wir Ihnen dorthin."), "success")
    return redirect(url_for("legal.accessibility"))
