"""Ring pages: the rings a member sees, a ring's page, and the admins' changes to rings."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy import select

from jobnet.accounts.administration import active_organisations
from jobnet.accounts.models import Role, User
from jobnet.accounts.permissions import require_role
from jobnet.accounts.session import acting_user
from jobnet.clock import utcnow
from jobnet.extensions import db
from jobnet.posts.permissions import opens_moderation
from jobnet.posts.queries import PostFilter, published_posts
from jobnet.rings import access, services
from jobnet.rings.forms import RingMemberForm, RingModeratorForm, RingNameForm
from jobnet.rings.labels import RING_CHANGE_LABELS
from jobnet.rings.models import Ring

bp = Blueprint("rings", __name__, url_prefix="/vergleichsringe")
RING_POSTS = 20  # the newest on the ring's page; the list and the map show them all


@bp.app_template_global()
def my_rings() -> list[Ring]:
    """The rings the signed-in user sees (header link, profile)."""
    return access.rings_of(acting_user())


@bp.app_template_global()
def has_moderation_queue() -> bool:
    return opens_moderation(acting_user())


def _visible_ring(ring_id: int) -> Ring:
    # A ring the user may not see is a 404, like one that does not exist.
    if not access.can_see(acting_user(), ring_id):
        abort(404)
    return db.session.get(Ring, ring_id)


def _admin_ring(ring_id: int) -> Ring:
    require_role(acting_user(), Role.ADMIN)  # changes are the network admins' (403 otherwise)
    return db.get_or_404(Ring, ring_id)


def _is_admin() -> bool:
    return acting_user().role == Role.ADMIN


@bp.get("/")
@login_required
def index():
    return render_template("rings/index.html", rings=access.rings_of(acting_user()),
                           form=RingNameForm() if _is_admin() else None)


@bp.post("/neu")
@login_required
def create():
    form = RingNameForm()
    if form.submitted_to(lambda: services.create_ring(acting_user(), form.name.data,
                                                      now=utcnow())):
        flash(_("Der Vergleichsring wurde angelegt."), "success")
        return redirect(url_for("rings.index"))
    return render_template("rings/index.html", rings=access.rings_of(acting_user()),
                           form=form), 422


@bp.get("/<id:ring_id>")
@login_required
def page(ring_id: int, forms: dict | None = None, status: int = 200):
    ring = _visible_ring(ring_id)
    posts = published_posts(PostFilter(ring=ring.id), now=utcnow(), per_page=RING_POSTS)
    admin = _admin_forms(ring, forms or {}) if _is_admin() else None
    return render_template("rings/page.html", ring=ring, posts=posts, admin=admin,
                           RING_CHANGE_LABELS=RING_CHANGE_LABELS), status


def _admin_forms(ring: Ring, forms: dict) -> dict:
    members = {row.organisation_id for row in ring.member_rows}
    moderators = {row.user_id for row in ring.moderator_rows}
    users = db.session.scalars(select(User).where(User.active.is_(True))
                               .order_by(User.name, User.email))
    return {"rename": forms.get("rename") or RingNameForm(data={"name": ring.name}),
            "member": forms.get("member") or RingMemberForm(
                organisations=[o for o in active_organisations() if o.id not in members]),
            "moderator": forms.get("moderator") or RingModeratorForm(
                users=[u for u in users if u.id not in moderators and u.is_active]),
            "changes": services.ring_changes(acting_user(), ring)}


def _after(form, key: str, ring: Ring, service, message: str):
    if form.submitted_to(service):
        flash(message, "success")
        return redirect(url_for("rings.page", ring_id=ring.id))
    return page(ring.id, forms={key: form}, status=422)


@bp.post("/<id:ring_id>/name")
@login_required
def rename(ring_id: int):
    ring, form = _admin_ring(ring_id), RingNameForm()
    return _after(form, "rename", ring, lambda: services.rename_ring(
        acting_user(), ring, form.name.data, now=utcnow()), _("Der Name wurde geändert."))


@bp.post("/<id:ring_id>/mitglieder")
@login_required
def add_member(ring_id: int):
    ring = _admin_ring(ring_id)
    form = RingMemberForm(organisations=active_organisations())
    return _after(form, "member", ring, lambda: services.add_member(
        acting_user(), ring, form.organisation_id.data, now=utcnow()),
        _("Die Organisation gehört jetzt zum Ring."))


@bp.post("/<id:ring_id>/mitglieder/<id:organisation_id>/entfernen")
@login_required
def remove_member(ring_id: int, organisation_id: int):
    ring = _admin_ring(ring_id)
    if services.remove_member(acting_user(), ring, organisation_id, now=utcnow()):
        flash(_("Die Organisation gehört nicht mehr zum Ring."), "success")
    return redirect(url_for("rings.page", ring_id=ring.id))


@bp.post("/<id:ring_id>/moderation")
@login_required
def add_moderator(ring_id: int):
    ring = _admin_ring(ring_id)
    users = db.session.scalars(select(User).where(User.active.is_(True)))
    form = RingModeratorForm(users=users)
    return _after(form, "moderator", ring, lambda: services.add_moderator(
        acting_user(), ring, form.user_id.data, now=utcnow()),
        _("Die Person moderiert jetzt die Beiträge des Rings."))


@bp.post("/<id:ring_id>/moderation/<id:user_id>/entfernen")
@login_required
def remove_moderator(ring_id: int, user_id: int):
    ring = _admin_ring(ring_id)
    if services.remove_moderator(acting_user(), ring, user_id, now=utcnow()):
        flash(_("Die Person moderiert den Ring nicht mehr."), "success")
    return redirect(url_for("rings.page", ring_id=ring.id))
