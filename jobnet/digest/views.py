"""Subscribe, confirm, manage and unsubscribe pages; members subscribe from their profile."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import login_required

from jobnet.accounts.session import acting_user
from jobnet.accounts.tokens import LinkError
from jobnet.clock import utcnow
from jobnet.digest import subscriptions
from jobnet.digest.forms import PreferencesForm, SubscribeForm
from jobnet.digest.links import manage_token
from jobnet.digest.preferences import Preferences
from jobnet.digest.throttle import Throttled
from jobnet.extensions import csrf
from jobnet.forms.errors import FieldError
from jobnet.i18n import LOCALES

bp = Blueprint("digest", __name__, url_prefix="/wochenuebersicht")
TOKEN_ENDPOINTS = {"digest.confirm", "digest.manage", "digest.unsubscribe"}


@bp.after_request
def no_referrer_on_token_pages(response):
    if request.endpoint in TOKEN_ENDPOINTS:
        response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.errorhandler(LinkError)
def link_error(error: LinkError):
    return render_template("digest/link_error.html", reason=error.reason), error.status


def subscriber_language(locale: str | None) -> AbstractContextManager:
    """Pages reached from a subscriber's mail speak the subscription's language, unless the
    visitor chose one with the language switch (which stores it in the session)."""
    if locale not in LOCALES or session.get("locale") in LOCALES:
        return nullcontext()
    return force_locale(locale)


@bp.app_context_processor
def member_subscription():
    def digest_subscription_of(user):
        """The signed-in member's subscription and its manage token, for the profile page."""
        subscription = subscriptions.find_subscription(user.email)
        return (subscription, manage_token(subscription, utcnow())) if subscription else (None, None)
    return {"digest_subscription_of": digest_subscription_of}


def subscribe_page(form: SubscribeForm, **context) -> str:
    # The consent text comes with its version (subscriptions.CONSENT_WORDING) from one place.
    return render_template("digest/subscribe.html", form=form,
                           consent_text=subscriptions.CONSENT_TEXT, **context)


@bp.route("/", methods=["GET", "POST"])
def subscribe():
    form = SubscribeForm()
    if not form.is_submitted():
        return subscribe_page(form)
    if form.neighbours_requested():  # the helper without JavaScript: tick, show again, save nothing
        return subscribe_page(form, neighbours_added=form.tick_neighbours())
    if form.validate():
        try:
            preferences = subscriptions.checked_preferences(form.preference_data())
            subscriptions.request_subscription(form.email.data, preferences, now=utcnow(),
                                               transport=current_app.extensions["jobnet_mail"])
            return render_template("digest/check_inbox.html")
        except Throttled:
            return subscribe_page(form, throttled=True), 429
        except FieldError as error:
            form.add_error(error)
    return subscribe_page(form), 400


@bp.route("/bestaetigen/<token>", methods=["GET", "POST"])
def confirm(token: str):
    # Only a POST gives consent: GET and HEAD (link scanners in mail gateways) show the button.
    pending = subscriptions.pending_subscription(token, now=utcnow())
    with subscriber_language(pending.preferences.locale):
        if request.method == "POST":
            subscription = subscriptions.confirm_subscription(token, now=utcnow())
            flash(_("Ihre Anmeldung ist bestätigt. Sie erhalten die Wochenübersicht ab der "
                    "nächsten Ausgabe."), "success")
            return redirect(url_for("digest.manage", token=manage_token(subscription, utcnow())))
        return render_template("digest/confirm.html", email=pending.email)


@bp.route("/verwalten/<token>", methods=["GET", "POST"])
def manage(token: str):
    subscription = subscriptions.subscription_for_token(token, now=utcnow())
    with subscriber_language(subscription.locale):
        form = PreferencesForm(data=None if request.method == "POST"
                               else PreferencesForm.initial(Preferences.of(subscription)))
        form.offer_rings(subscriptions.ring_options(subscription))
        if form.neighbours_requested():
            return render_template("digest/manage.html", form=form, subscription=subscription,
                                   token=token, neighbours_added=form.tick_neighbours())
        if form.submitted_to(lambda: subscriptions.update_preferences(
                token, form.preference_data(), now=utcnow())):
            with subscriber_language(subscription.locale):  # the language just saved
                flash(_("Ihre Einstellungen sind gespeichert."), "success")
            return redirect(url_for("digest.manage", token=token))
        status = 400 if form.is_submitted() else 200
        return render_template("digest/manage.html", form=form, subscription=subscription,
                               token=token), status


@bp.route("/abmelden/<token>", methods=["GET", "POST"])
@csrf.exempt  # RFC 8058: mail providers POST without cookies or form token; the token authenticates
def unsubscribe(token: str):
    # Only a POST unsubscribes. Flask answers HEAD with this view too, and link scanners send
    # GET and HEAD: both only show the button.
    if request.method != "POST":
        subscription = subscriptions.subscription_for_token(token, now=utcnow())  # bad link: say so
        with subscriber_language(subscription.locale):
            return render_template("digest/unsubscribe.html", token=token)
    locale = subscriptions.unsubscribe(token, now=utcnow())
    with subscriber_language(locale):
        return render_template("digest/unsubscribed.html", removed=locale is not None)


@bp.post("/mitglied")
@login_required
def subscribe_member():
    subscription = subscriptions.subscribe_member(acting_user(), now=utcnow())
    flash(_("Sie haben die Wochenübersicht abonniert. Ihre Einstellungen können Sie hier ändern."),
          "success")
    return redirect(url_for("digest.manage", token=manage_token(subscription, utcnow())))
