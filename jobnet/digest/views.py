"""Subscribe, confirm, manage and unsubscribe pages; members subscribe from their profile."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from jobnet.accounts.session import acting_user
from jobnet.accounts.tokens import LinkError
from jobnet.clock import utcnow
from jobnet.digest import subscriptions
from jobnet.digest.forms import PreferencesForm, SubscribeForm
from jobnet.digest.links import manage_token
from jobnet.digest.preferences import Preferences
from jobnet.extensions import csrf
from jobnet.forms.errors import FieldError

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


@bp.app_context_processor
def member_subscription():
    def digest_subscription_of(user):
        """The signed-in member's subscription and its manage token, for the profile page."""
        subscription = subscriptions.find_subscription(user.email)
        return (subscription, manage_token(subscription, utcnow())) if subscription else (None, None)
    return {"digest_subscription_of": digest_subscription_of}


@bp.route("/", methods=["GET", "POST"])
def subscribe():
    form = SubscribeForm()
    if not form.is_submitted():
        return render_template("digest/subscribe.html", form=form)
    if form.validate():
        try:
            preferences = subscriptions.checked_preferences(form.preference_data())
            subscriptions.request_subscription(form.email.data, preferences, now=utcnow(),
                                               transport=current_app.extensions["jobnet_mail"])
            return render_template("digest/check_inbox.html")
        except subscriptions.Throttled:
            return render_template("digest/subscribe.html", form=form, throttled=True), 429
        except FieldError as error:
            form.add_error(error)
    return render_template("digest/subscribe.html", form=form), 400


@bp.route("/bestaetigen/<token>", methods=["GET", "POST"])
def confirm(token: str):
    # A GET only shows the button: link scanners in mail gateways must not give consent.
    email, _preferences, _requested = subscriptions.pending_subscription(token, now=utcnow())
    if request.method == "POST":
        subscription = subscriptions.confirm_subscription(token, now=utcnow())
        flash(_("Ihre Anmeldung ist bestätigt. Sie erhalten die Wochenübersicht ab der nächsten "
                "Ausgabe."), "success")
        return redirect(url_for("digest.manage", token=manage_token(subscription, utcnow())))
    return render_template("digest/confirm.html", email=email)


@bp.route("/verwalten/<token>", methods=["GET", "POST"])
def manage(token: str):
    subscription = subscriptions.subscription_for_token(token, now=utcnow())
    form = PreferencesForm(data=None if request.method == "POST"
                           else PreferencesForm.initial(Preferences.of(subscription)))
    if form.submitted_to(lambda: subscriptions.update_preferences(
            token, form.preference_data(), now=utcnow())):
        flash(_("Ihre Einstellungen sind gespeichert."), "success")
        return redirect(url_for("digest.manage", token=token))
    status = 400 if form.is_submitted() else 200
    return render_template("digest/manage.html", form=form, subscription=subscription,
                           token=token), status


@bp.route("/abmelden/<token>", methods=["GET", "POST"])
@csrf.exempt  # RFC 8058: mail providers POST without cookies or form token; the token authenticates
def unsubscribe(token: str):
    if request.method == "GET":  # link scanners follow GETs: they only see the button
        subscriptions.subscription_for_token(token, now=utcnow())  # a bad link says so at once
        return render_template("digest/unsubscribe.html", token=token)
    removed = subscriptions.unsubscribe(token, now=utcnow())
    return render_template("digest/unsubscribed.html", removed=removed)


@bp.post("/mitglied")
@login_required
def subscribe_member():
    subscription = subscriptions.subscribe_member(acting_user(), now=utcnow())
    flash(_("Sie haben die Wochenübersicht abonniert. Ihre Einstellungen können Sie hier ändern."),
          "success")
    return redirect(url_for("digest.manage", token=manage_token(subscription, utcnow())))
