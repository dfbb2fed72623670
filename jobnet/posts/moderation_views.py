"""Moderation view: recent posts and unpublishing with a reason."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from jobnet.accounts.session import acting_user
from jobnet.clock import utcnow
from jobnet.extensions import db
from jobnet.posts import queries, services
from jobnet.posts.forms import UnpublishForm
from jobnet.posts.models import Post, Status
from jobnet.posts.permissions import is_moderator, opens_moderation, require
from jobnet.posts.services import PostStateError
from jobnet.posts.views import POST_ID, state_error
from jobnet.rings.access import moderated_organisations

bp = Blueprint("moderation", __name__, url_prefix="/moderation")
bp.register_error_handler(PostStateError, state_error)


@bp.get("/")
@login_required
def index():
    user = _moderating_user()
    # A ring moderator's queue holds only the posts of the ring's members.
    scope = None if is_moderator(user) else moderated_organisations(user)
    return render_template("moderation/index.html",
                           published=queries.recently_published(organisations=scope),
                           in_review=queries.posts_with_status(Status.IN_REVIEW, scope),
                           unpublished=queries.posts_with_status(Status.UNPUBLISHED, scope),
                           ring_scope=scope is not None)


def _moderating_user():
    # Checked before any post is loaded, so people without a queue learn nothing about ids;
    # whether this user moderates this post is the services' check (a 403 otherwise).
    user = acting_user()
    require(opens_moderation(user), "no moderation queue")
    return user


@bp.post(f"/{POST_ID}/freigeben")
@login_required
def approve(post_id: int):
    moderator = _moderating_user()
    services.approve_post(db.get_or_404(Post, post_id), moderator=moderator, now=utcnow())
    flash(_("Der Beitrag ist wieder veröffentlicht; die Organisation wird benachrichtigt."),
          "success")
    return redirect(url_for("moderation.index"))


@bp.route(f"/{POST_ID}/zurueckziehen", methods=["GET", "POST"])
@login_required
def unpublish(post_id: int):
    moderator = _moderating_user()
    post = db.get_or_404(Post, post_id)
    services.ensure_can_unpublish(moderator, post)
    form = UnpublishForm()
    if form.validate_on_submit():
        services.unpublish_post(post, moderator=moderator, reason=form.reason.data, now=utcnow())
        flash(_("Der Beitrag wurde zurückgezogen. Die Organisation sieht Ihre Begründung und "
                "erhält sie per E-Mail."), "success")
        return redirect(url_for("moderation.index"))
    return render_template("moderation/unpublish.html", form=form, post=post)
