"""Post list, detail, forms and status changes."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from jobnet import clock  # read as clock.utcnow(), so tests can pin the time
from jobnet.accounts.models import Role
from jobnet.accounts.permissions import PermissionDenied, require_role
from jobnet.accounts.session import acting_user
from jobnet.extensions import db
from jobnet.fairs import state_views as fair_views
from jobnet.fairs.rules import FairInputError
from jobnet.posts import history, page_fingerprints, permissions, queries, services
from jobnet.posts.conflicts import AlreadyCreated, EditConflict
from jobnet.posts.forms import POST_FORMS, post_form, requested_filter
from jobnet.posts.models import Post
from jobnet.posts.services import PostStateError
from jobnet.web.page_cache import cached_for_visitors

bp = Blueprint("posts", __name__, url_prefix="/beitraege")
POST_ID = "<id:post_id>"


def visible_post(post_id: int) -> Post:
    """The post, or 404 when it does not exist or the user may not see it (drafts never leak)."""
    post = db.get_or_404(Post, post_id)
    if not permissions.can_view(acting_user(), post):
        abort(404)
    return post


@bp.errorhandler(PostStateError)
def state_error(error: PostStateError):
    flash(str(error.args[0]), "error")
    post_id = (request.view_args or {}).get("post_id")
    return redirect(url_for("posts.detail", post_id=post_id) if post_id
                    else url_for("posts.my_organisation"))


@bp.errorhandler(AlreadyCreated)
def already_created(error: AlreadyCreated):
    # A resubmitted create form (docs/architecture.md, "Concurrent edits"): show the first post.
    flash(_("Dieser Beitrag war bereits gespeichert. Er wurde nicht ein zweites Mal angelegt."),
          "info")
    return redirect(url_for("posts.detail", post_id=error.post.id))


@bp.get("/")
@cached_for_visitors(fingerprint=page_fingerprints.filtered_page)
def index():
    form, filter_valid = requested_filter()
    post_filter = form.to_filter()
    pagination = queries.published_posts(
        post_filter, now=clock.utcnow(), page=request.args.get("page", 1, type=int),
        per_page=current_app.config["POSTS_PER_PAGE"])
    return render_template("posts/index.html", form=form, filter_valid=filter_valid,
                           pagination=pagination, filter_args=post_filter.query_args())


@bp.get(f"/{POST_ID}")
@cached_for_visitors(fingerprint=page_fingerprints.one_post)
def detail(post_id: int):
    post, user = visible_post(post_id), acting_user()
    return render_template("posts/detail.html", post=post,
                           actions=permissions.allowed_actions(user, post),
                           show_contact=permissions.can_see_contact(user, post),
                           show_staff=permissions.is_member(user))


@bp.get("/neu")
@login_required
def choose_kind():
    kinds = permissions.creatable_kinds(acting_user())
    if not kinds:
        raise PermissionDenied("may not create posts")
    return render_template("posts/choose_kind.html", kinds=kinds)


@bp.route("/neu/<kind>", methods=["GET", "POST"])
@login_required
def new(kind: str):
    if kind not in POST_FORMS:
        abort(404)
    user = acting_user()
    permissions.ensure_can_create(user, kind)
    form = post_form(kind)
    if form.validate_on_submit() and not form.wants_rerender:
        try:
            post = services.create_post(kind, form.to_data(), author=user, now=clock.utcnow(),
                                        publish=bool(form.publish.data),
                                        submission_key=form.submission_key.data or None)
        except FairInputError as error:
            return _form_page(form, kind, None, error)
        flash(_("Der Beitrag wurde veröffentlicht.") if form.publish.data
              else _("Der Beitrag wurde als Entwurf gespeichert."), "success")
        _warn_if_past(post)
        return redirect(url_for("posts.detail", post_id=post.id))
    return _form_page(form, kind, None)


def _form_page(form, kind: str, post: Post | None, error: FairInputError | None = None):
    # Refused input comes back as the form with the messages beside the fields: a 422.
    for name, message in error.problems if error else ():
        if name in form:
            form[name].errors = [*form[name].errors, message]
        else:
            flash(str(message), "error")
    status = 422 if form.errors else 200
    return render_template("posts/form.html", form=form, kind=kind, post=post), status


@bp.route(f"/{POST_ID}/bearbeiten", methods=["GET", "POST"])
@login_required
def edit(post_id: int):
    post, user = visible_post(post_id), acting_user()
    if not permissions.can_edit(user, post):
        raise PermissionDenied("may not edit this post")
    if refused := fair_views.refuse_if_cancelled(post):
        return refused
    form = post_form(post.kind, post=post)
    if form.validate_on_submit() and not form.wants_rerender:
        try:
            services.update_post(post, form.to_data(), user=user, now=clock.utcnow(),
                                 publish=bool(form.publish.data),
                                 expected_version=form.expected_version())
        except FairInputError as error:
            return _form_page(form, post.kind, post, error)
        except EditConflict as conflict:
            # The form comes back with the input kept; saving again saves over the newer version.
            form.show_version(conflict.version)
            return render_template("posts/form.html", form=form, kind=post.kind, post=post,
                                   conflict=conflict), 409
        flash(_("Die Änderungen wurden gespeichert."), "success")
        _warn_if_past(post)
        return redirect(url_for("posts.detail", post_id=post.id))
    return _form_page(form, post.kind, post)


def _warn_if_past(post: Post) -> None:
    # Saving a fair that is over is allowed (a draft, a correction), publishing it is not.
    if services.is_past_fair(post, clock.utcnow()):
        flash(str(services.PAST_FAIR_WARNING), "warning")


def _change_status(post_id: int, action: Callable[..., Post], message: str):
    post = visible_post(post_id)
    action(post, user=acting_user(), now=clock.utcnow())
    flash(message, "success")
    return redirect(url_for("posts.detail", post_id=post.id))


@bp.post(f"/{POST_ID}/veroeffentlichen")
@login_required
def publish(post_id: int):
    return _change_status(post_id, services.publish_post, _("Der Beitrag wurde veröffentlicht."))


@bp.post(f"/{POST_ID}/archivieren")
@login_required
def archive(post_id: int):
    return _change_status(post_id, services.archive_post, _("Der Beitrag wurde archiviert."))


@bp.post(f"/{POST_ID}/wieder-veroeffentlichen")
@login_required
def republish(post_id: int):
    return _change_status(post_id, services.republish_post,
                          _("Der Beitrag wurde wieder veröffentlicht."))


@bp.get(f"/{POST_ID}/verlauf", endpoint="history")
@login_required
def history_page(post_id: int):
    post = visible_post(post_id)
    if not permissions.can_see_history(acting_user(), post):
        raise PermissionDenied("may not see the history")
    entries = [(change, history.change_rows(change)) for change in queries.post_history(post)]
    return render_template("posts/history.html", post=post, entries=entries)


@bp.get("/meine-organisation")
@login_required
def my_organisation():
    user = require_role(acting_user(), Role.COORDINATOR, Role.ORGANISER)
    return render_template("posts/my_organisation.html", organisation=user.organisation,
                           groups=queries.organisation_posts(user.organisation_id),
                           creatable=permissions.creatable_kinds(user))
