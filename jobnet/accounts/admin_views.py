"""Admin pages: organisations, users and invitations."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from jobnet.accounts import administration, invitations
from jobnet.accounts.forms import InviteForm, OrganisationForm, UserForm
from jobnet.accounts.models import Invitation, Organisation, Role, User
from jobnet.accounts.permissions import require_role
from jobnet.accounts.session import acting_user
from jobnet.clock import utcnow
from jobnet.extensions import db
from jobnet.forms.errors import FieldError
from jobnet.mail.links import public_link

bp = Blueprint("admin", __name__, url_prefix="/verwaltung")
# Ids in URLs stop at the largest 32-bit key, so a huge number is a 404, not a database error.


@bp.before_request
def admins_only():
    # Form pages render before any service runs, so the role is checked for every admin URL.
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    require_role(acting_user(), Role.ADMIN)
    return None


@bp.get("/")
@login_required
def index():
    return redirect(url_for("admin.users"))


@bp.get("/organisationen")
@login_required
def organisations():
    return render_template("admin/organisations.html",
                           organisations=administration.list_organisations(acting_user()))


@bp.route("/organisationen/neu", methods=["GET", "POST"])
@login_required
def organisation_new():
    form = OrganisationForm()
    if form.submitted_to(lambda: administration.create_organisation(acting_user(),
                                                                    **form.values())):
        flash(_("Die Organisation wurde angelegt."), "success")
        return redirect(url_for("admin.organisations"))
    return render_template("admin/organisation_form.html", form=form, organisation=None)


@bp.route("/organisationen/<id:org_id>", methods=["GET", "POST"])
@login_required
def organisation_edit(org_id: int):
    organisation = db.get_or_404(Organisation, org_id)
    form = OrganisationForm(obj=organisation, other_districts=organisation.districts[1:])
    if form.submitted_to(lambda: administration.update_organisation(acting_user(), organisation,
                                                                    **form.values())):
        flash(_("Die Änderungen wurden gespeichert."), "success")
        return redirect(url_for("admin.organisations"))
    return render_template("admin/organisation_form.html", form=form, organisation=organisation)


@bp.get("/nutzer")
@login_required
def users():
    return render_template("admin/users.html", users=administration.list_users(acting_user()),
                           invitations=invitations.open_invitations(acting_user(), now=utcnow()))


@bp.route("/nutzer/<id:user_id>", methods=["GET", "POST"])
@login_required
def user_edit(user_id: int):
    user = db.get_or_404(User, user_id)
    form = UserForm(obj=user, organisations=administration.active_organisations(user.organisation))
    if form.submitted_to(lambda: administration.update_user(acting_user(), user,
                                                            **form.values())):
        flash(_("Die Änderungen wurden gespeichert."), "success")
        return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form, user=user)


@bp.route("/einladen", methods=["GET", "POST"])
@login_required
def invite():
    form = InviteForm(organisations=administration.active_organisations())
    if form.validate_on_submit():
        try:
            invitations.invite(acting_user(), **form.values(), now=utcnow(),
                               link_for=_invitation_link)
            flash(_("Die Einladung wurde per E-Mail verschickt."), "success")
            return redirect(url_for("admin.users"))
        except FieldError as error:
            form.add_error(error)
        except invitations.MailNotSent:
            flash(_("Die E-Mail konnte nicht verschickt werden. Bitte versuchen Sie es später "
                    "erneut."), "error")
    return render_template("admin/invite.html", form=form)


def _invitation_link(token: str) -> str:
    return public_link("accounts.accept_invitation", token=token)


@bp.post("/einladungen/<id:invitation_id>/widerrufen")
@login_required
def revoke_invitation(invitation_id: int):
    invitation = db.get_or_404(Invitation, invitation_id)
    if invitations.revoke_invitation(acting_user(), invitation, now=utcnow()):
        flash(_("Die Einladung wurde widerrufen; ihr Link funktioniert nicht mehr."), "success")
    else:
        flash(_("Diese Einladung war schon angenommen oder widerrufen."), "info")
    return redirect(url_for("admin.users"))
