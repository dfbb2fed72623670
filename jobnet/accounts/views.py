"""Login, logout, profile, invitation acceptance and password reset."""

from __future__ import annotations

import math
from datetime import timedelta

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from jobnet.accounts import invitations, services, user_sessions
from jobnet.accounts.forms import ChangePasswordForm, LoginForm, NewPasswordForm, ResetRequestForm
from jobnet.accounts.lockout import Throttled
from jobnet.accounts.services import LoginOutcome, LoginResult
from jobnet.accounts.session import acting_user, current_session, current_token, sign_in, sign_out
from jobnet.accounts.throttle import client_of
from jobnet.accounts.tokens import LinkError
from jobnet.clock import utcnow
from jobnet.forms.errors import FieldError
from jobnet.geo.settings import geo_settings
from jobnet.mail.links import public_link
from jobnet.web.redirects import safe_next

bp = Blueprint("accounts", __name__, url_prefix="/konto")
# Pages whose URL carries a secret token: no Referer may take it elsewhere.
TOKEN_ENDPOINTS = {"accounts.accept_invitation", "accounts.reset_password"}


@bp.after_request
def no_referrer_on_token_pages(response):
    if request.endpoint in TOKEN_ENDPOINTS:
        response.headers["Referrer-Policy"] = "no-referrer"
    return response



def client() -> str:
    """The requesting client's network, as the login and reset limits count it."""
    return client_of(request.remote_addr)


def _minutes(delay: timedelta) -> int:
    return max(1, math.ceil(delay.total_seconds() / 60))


def _login_failure_message(result: LoginResult) -> str:
    if result.outcome is LoginOutcome.LOCKED:
        # Said alike for known and unknown addresses: the lock belongs to this client.
        return ngettext("Zu viele Fehlversuche: Die Anmeldung mit dieser Adresse ist von hier aus "
                        "vorübergehend gesperrt. Bitte versuchen Sie es in %(num)d Minute erneut "
                        "oder setzen Sie Ihr Passwort zurück.",
                        "Zu viele Fehlversuche: Die Anmeldung mit dieser Adresse ist von hier aus "
                        "vorübergehend gesperrt. Bitte versuchen Sie es in %(num)d Minuten erneut "
                        "oder setzen Sie Ihr Passwort zurück.", _minutes(result.retry_after))
    if result.outcome is LoginOutcome.INACTIVE:
        return _("Dieses Konto ist deaktiviert. Bitte wenden Sie sich an die Verwaltung.")
    return _("E-Mail-Adresse oder Passwort ist falsch.")


@bp.route("/anmelden", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")) or url_for("pages.home"))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        result = services.authenticate(form.email.data, form.password.data, client=client(),
                                       now=utcnow())
        if result.outcome is LoginOutcome.OK:
            sign_in(result.user)
            return redirect(safe_next(form.next.data) or url_for("pages.home"))
        flash(_login_failure_message(result), "error")
        if result.outcome is LoginOutcome.LOCKED:
            return render_template("accounts/login.html", form=form), 429, {
                "Retry-After": str(math.ceil(result.retry_after.total_seconds()))}
    return render_template("accounts/login.html", form=form)


@bp.post("/abmelden")
def logout():
    sign_out()
    flash(_("Sie sind abgemeldet."), "success")
    return redirect(url_for("accounts.login"))


@bp.route("/", methods=["GET", "POST"])
@login_required
def profile():
    form = ChangePasswordForm()
    user = acting_user()
    if form.submitted_to(lambda: services.change_password(
            user, form.current_password.data, form.password.data, client=client(),
            now=utcnow(), keep_session=current_token())):
        flash(_("Ihr Passwort wurde geändert. Ihre anderen Sitzungen sind beendet."), "success")
        return redirect(url_for("accounts.profile"))
    return render_template("accounts/profile.html", form=form,
                           sessions=user_sessions.of_user(user, utcnow()),
                           this_session=current_session())


@bp.post("/sitzungen/<id:session_id>/beenden")
@login_required
def end_session(session_id: int):
    if not user_sessions.end_one(acting_user(), session_id):
        abort(404)
    flash(_("Die Sitzung wurde beendet."), "success")
    return redirect(url_for("accounts.profile"))


@bp.post("/sitzungen/andere-beenden")
@login_required
def end_other_sessions():
    count = user_sessions.end_others(acting_user(), current_token())
    flash(ngettext("%(num)d andere Sitzung wurde beendet.",
                   "%(num)d andere Sitzungen wurden beendet.", count), "success")
    return redirect(url_for("accounts.profile"))


@bp.route("/einladung/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    now, form = utcnow(), NewPasswordForm()
    try:
        invitation = invitations.invitation_for_token(token, now=now)
        if form.validate_on_submit():
            user = invitations.accept_invitation(token, form.password.data, now=now)
            sign_in(user)
            flash(_("Willkommen bei %(product)s! Ihr Konto ist eingerichtet.", product=geo_settings().product_name), "success")
            return redirect(url_for("pages.home"))
    except LinkError as error:
        return render_template("accounts/link_error.html", purpose="invitation",
                               reason=error.reason), error.status
    except FieldError as error:
        form.add_error(error)
    return render_template("accounts/accept_invitation.html", form=form, invitation=invitation)


@bp.route("/passwort-vergessen", methods=["GET", "POST"])
def request_reset():
    form = ResetRequestForm()
    if form.validate_on_submit():
        try:
            message = services.request_password_reset(
                form.email.data, client=client(), now=utcnow(),
                link_for=lambda token: public_link("accounts.reset_password", token=token))
        except Throttled as refusal:
            flash(_reset_refusal_message(refusal), "error")
            return render_template("accounts/request_reset.html", form=form), 429, {
                "Retry-After": str(math.ceil(refusal.retry_after.total_seconds()))}
        flash(_("Falls ein Konto mit dieser Adresse existiert, haben wir Ihnen einen Link zum "
                "Zurücksetzen des Passworts gesendet. Bitte sehen Sie in Ihrem Postfach nach."),
              "success")
        response = redirect(url_for("accounts.login"))
        if message is not None:
            # Sent once the answer is out, so known addresses are not answered more slowly.
            transport = current_app.extensions["jobnet_mail"]
            response.call_on_close(lambda: services.send_reset_mail(transport, message))
        return response
    return render_template("accounts/request_reset.html", form=form)


def _reset_refusal_message(refusal: Throttled) -> str:
    minutes = _minutes(refusal.retry_after)
    if refusal.per_address:
        return ngettext("Für diese Adresse wurden gerade mehrere Links angefordert. Bitte sehen "
                        "Sie in Ihrem Postfach nach oder versuchen Sie es in %(num)d Minute erneut.",
                        "Für diese Adresse wurden gerade mehrere Links angefordert. Bitte sehen "
                        "Sie in Ihrem Postfach nach oder versuchen Sie es in %(num)d Minuten "
                        "erneut.", minutes)
    return ngettext("Von Ihrem Anschluss kamen zu viele Anfragen. Bitte versuchen Sie es in "
                    "%(num)d Minute erneut.",
                    "Von Ihrem Anschluss kamen zu viele Anfragen. Bitte versuchen Sie es in "
                    "%(num)d Minuten erneut.", minutes)


@bp.route("/passwort-neu/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    now, form = utcnow(), NewPasswordForm()
    try:
        user = services.user_for_reset_token(token, now=now)
        if form.validate_on_submit():
            services.reset_password(token, form.password.data, now=now)
            flash(_("Ihr Passwort wurde geändert. Bitte melden Sie sich mit dem neuen Passwort "
                    "an."), "success")
            return redirect(url_for("accounts.login"))
    except LinkError as error:
        return render_template("accounts/link_error.html", purpose="reset",
                               reason=error.reason), error.status
    except FieldError as error:
        form.add_error(error)
    return render_template("accounts/reset_password.html", form=form, user=user)
