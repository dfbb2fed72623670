"""Login, logout, profile, invitation acceptance and password reset."""

from __future__ import annotations

import math
from datetime import datetime

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
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required, login_user, logout_user

from jobnet.accounts import invitations, services
from jobnet.accounts.forms import ChangePasswordForm, LoginForm, NewPasswordForm, ResetRequestForm
from jobnet.accounts.services import LoginOutcome, LoginResult
from jobnet.accounts.session import acting_user
from jobnet.accounts.tokens import LinkError
from jobnet.clock import utcnow
from jobnet.forms.errors import FieldError
from jobnet.web.redirects import safe_next

bp = Blueprint("accounts", __name__, url_prefix="/konto")
# Pages whose URL carries a secret token: no Referer may take it elsewhere.
TOKEN_ENDPOINTS = {"accounts.accept_invitation", "accounts.reset_password"}


@bp.after_request
def no_referrer_on_token_pages(response):
    if request.endpoint in TOKEN_ENDPOINTS:
        response.headers["Referrer-Policy"] = "no-referrer"
    return response



def public_url(endpoint: str, **values) -> str:
    """An absolute link for mails: PUBLIC_BASE_URL plus the route's path."""
    return current_app.config["PUBLIC_BASE_URL"] + url_for(endpoint, **values)


def _login_failure_message(result: LoginResult, now: datetime) -> str:
    if result.outcome is LoginOutcome.LOCKED:
        minutes = max(1, math.ceil((result.user.locked_until - now).total_seconds() / 60))
        return ngettext("Ihr Konto ist nach zu vielen Fehlversuchen vorübergehend gesperrt. "
                        "Bitte versuchen Sie es in %(num)d Minute erneut oder setzen Sie Ihr "
                        "Passwort zurück.",
                        "Ihr Konto ist nach zu vielen Fehlversuchen vorübergehend gesperrt. "
                        "Bitte versuchen Sie es in %(num)d Minuten erneut oder setzen Sie Ihr "
                        "Passwort zurück.", minutes)
    if result.outcome is LoginOutcome.INACTIVE:
        return _("Dieses Konto ist deaktiviert. Bitte wenden Sie sich an die Verwaltung.")
    return _("E-Mail-Adresse oder Passwort ist falsch.")


@bp.route("/anmelden", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")) or url_for("pages.home"))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        now = utcnow()
        result = services.authenticate(form.email.data, form.password.data, now=now)
        if result.outcome is LoginOutcome.OK:
            session.permanent = True
            login_user(result.user)
            return redirect(safe_next(form.next.data) or url_for("pages.home"))
        flash(_login_failure_message(result, now), "error")
    return render_template("accounts/login.html", form=form)


@bp.post("/abmelden")
def logout():
    logout_user()
    flash(_("Sie sind abgemeldet."), "success")
    return redirect(url_for("accounts.login"))


@bp.route("/", methods=["GET", "POST"])
@login_required
def profile():
    form = ChangePasswordForm()
    user = acting_user()
    if form.submitted_to(lambda: services.change_password(
            user, form.current_password.data, form.password.data, now=utcnow())):
        login_user(user)  # renew this session; other sessions of the account end
        flash(_("Ihr Passwort wurde geändert."), "success")
        return redirect(url_for("accounts.profile"))
    return render_template("accounts/profile.html", form=form)


@bp.route("/einladung/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    now, form = utcnow(), NewPasswordForm()
    try:
        invitation = invitations.invitation_for_token(token, now=now)
        if form.validate_on_submit():
            user = invitations.accept_invitation(token, form.password.data, now=now)
            session.permanent = True
            login_user(user)
            flash(_("Willkommen bei JobNet Hessen! Ihr Konto ist eingerichtet."), "success")
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
        services.request_password_reset(
            form.email.data, now=utcnow(),
            link_for=lambda token: public_url("accounts.reset_password", token=token))
        flash(_("Falls ein Konto mit dieser Adresse existiert, haben wir Ihnen einen Link zum "
                "Zurücksetzen des Passworts gesendet. Bitte sehen Sie in Ihrem Postfach nach."),
              "success")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/request_reset.html", form=form)


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
