"""Moving and cancelling a fair: each its own small form, not an edit of the fair."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from jobnet.accounts.permissions import PermissionDenied
from jobnet.accounts.session import acting_user
from jobnet.clock import from_local, utcnow
from jobnet.extensions import db
from jobnet.fairs import services
from jobnet.fairs.fair_forms import CancelForm, MoveForm
from jobnet.fairs.rules import FairInputError
from jobnet.posts import permissions
from jobnet.posts.models import FairState, JobFair, Post

bp = Blueprint("fair_states", __name__, url_prefix="/beitraege")
POST_ID = "<id:post_id>"


@bp.errorhandler(services.FairStateError)
def state_error(error: services.FairStateError):
    post = db.get_or_404(Post, (request.view_args or {}).get("post_id"))
    flash(str(error.args[0]), "error")
    return render_template("posts/detail.html", post=post,
                           actions=permissions.allowed_actions(acting_user(), post)), 409


def refuse_if_cancelled(post: Post):
    """The fair's page with the reason and a 409 when it is cancelled; None otherwise."""
    if post.kind != "fair" or post.state != FairState.CANCELLED:
        return None
    flash(str(services.CANCELLED_MESSAGE), "error")
    return render_template("posts/detail.html", post=post,
                           actions=permissions.allowed_actions(acting_user(), post)), 409


def _editable_fair(post_id: int) -> JobFair:
    post = db.get_or_404(Post, post_id)
    user = acting_user()
    if not isinstance(post, JobFair) or not permissions.can_view(user, post):
        abort(404)
    if not permissions.can_edit(user, post):
        raise PermissionDenied("may not change this fair")
    return post


def _with_problems(form, error: FairInputError) -> None:
    for name, message in error.problems:
        field = form._fields.get(name, form.submit)
        field.errors = [*field.errors, message]


@bp.route(f"/{POST_ID}/verschieben", methods=["GET", "POST"])
@login_required
def move(post_id: int):
    fair = _editable_fair(post_id)
    if refused := refuse_if_cancelled(fair):
        return refused
    form = MoveForm() if request.method == "POST" else MoveForm.for_fair(fair)
    if form.validate_on_submit():
        try:
            services.move_fair(fair, user=acting_user(), now=utcnow(),
                               starts_at=from_local(form.starts_at.data),
                               ends_at=from_local(form.ends_at.data),
                               all_day=bool(form.all_day.data), note=form.note.data)
        except FairInputError as error:
            _with_problems(form, error)
        else:
            flash(_("Die Jobbörse wurde verschoben."), "success")
            return redirect(url_for("posts.detail", post_id=fair.id))
    return _page("posts/fair_move.html", fair, form)


@bp.route(f"/{POST_ID}/absagen", methods=["GET", "POST"])
@login_required
def cancel(post_id: int):
    fair = _editable_fair(post_id)
    if refused := refuse_if_cancelled(fair):
        return refused
    form = CancelForm()
    if form.validate_on_submit():
        try:
            services.cancel_fair(fair, user=acting_user(), now=utcnow(), reason=form.reason.data)
        except FairInputError as error:
            _with_problems(form, error)
        else:
            flash(_("Die Jobbörse wurde abgesagt. Sie bleibt als abgesagt sichtbar."), "success")
            return redirect(url_for("posts.detail", post_id=fair.id))
    return _page("posts/fair_cancel.html", fair, form)


def _page(template: str, fair: JobFair, form):
    return render_template(template, post=fair, form=form), 422 if form.errors else 200
