"""Member pages of the exchange: marking a post, organisation profiles, the directory, contacts.

Every page is for signed-in members (no page cache: that serves visitors only) and gets
`Cache-Control: no-store` like every signed-in response (jobnet/web/headers.py).
"""

from __future__ import annotations

import math

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy import select
from werkzeug.exceptions import NotFound

from jobnet import clock
from jobnet.accounts.models import Organisation, User
from jobnet.accounts.permissions import PermissionDenied
from jobnet.accounts.session import acting_user
from jobnet.exchange import directory, labels, queries, services
from jobnet.exchange.forms import ContactForm, DirectoryForm, MarkForm
from jobnet.exchange.models import MarkType, OrganisationContact
from jobnet.exchange.permissions import may_edit_contacts, require_member
from jobnet.extensions import db
from jobnet.posts import permissions as post_permissions
from jobnet.posts.models import Post
from jobnet.rings.access import shared_rings

bp = Blueprint("exchange", __name__)
MARK_SLUGS = {"erfahrung": MarkType.EXPERIENCE, "interesse": MarkType.INTEREST}
MARK_URL = "/beitraege/<id:post_id>/austausch/<any(erfahrung, interesse):slug>"
ORGANISATION_URL = "/organisationen/<id:organisation_id>"


@bp.app_template_global()
def exchange_for(post: Post) -> queries.PostExchange | None:
    """The post's marks for a signed-in member, None for anyone else (the page shows nothing)."""
    user = acting_user()
    return queries.post_exchange(post, user) if post_permissions.is_member(user) else None


def _refused(status: int, title: str, message: str, back: str, headers=None):
    return render_template("errors/error.html", code=status, title=title, message=message,
                           back=back), status, headers or {}


@bp.errorhandler(services.PostClosed)
def post_closed(error: services.PostClosed):
    back = url_for("posts.detail", post_id=request.view_args["post_id"])
    return _refused(409, _("Beitrag nicht offen"), str(error.args[0]), back)


@bp.errorhandler(services.TooManyMarks)
def too_many(error: services.TooManyMarks):
    seconds = math.ceil(error.retry_after.total_seconds())
    back = url_for("posts.detail", post_id=request.view_args["post_id"])
    return _refused(429, _("Zu viele Markierungen"), _(
        "Sie haben in kurzer Zeit sehr viele Markierungen angelegt. Bitte versuchen Sie es in "
        "%(minutes)d Minuten wieder.", minutes=max(1, math.ceil(seconds / 60))), back,
        {"Retry-After": str(seconds)})


class Missing(NotFound):
    """An unknown or removed organisation, contact or post: a 404 that says which."""


@bp.errorhandler(Missing)
def missing(error: Missing):
    return _refused(404, _("Nicht gefunden"), str(error.description),
                    url_for("exchange.directory_page"))


def _organisation(organisation_id: int) -> Organisation:
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None or not organisation.active:
        raise Missing(_("Diese Organisation gibt es in JobNet nicht (mehr)."))
    return organisation


def _post(post_id: int) -> Post:
    post = db.session.get(Post, post_id)
    if post is None or not post_permissions.can_view(acting_user(), post):
        raise Missing(_("Diesen Beitrag gibt es nicht, oder er ist nicht öffentlich."))
    return post


def _people(user: User) -> list[User]:
    return list(db.session.scalars(select(User).where(
        User.organisation_id == user.organisation_id, User.active.is_(True)).order_by(User.name)))


@bp.route(MARK_URL, methods=["GET", "POST"])
@login_required
def mark(post_id: int, slug: str):
    user, post, mark_type = require_member(acting_user()), _post(post_id), MARK_SLUGS[slug]
    existing = services.find_mark(post, user.organisation_id, mark_type)
    form = MarkForm(obj=existing, formdata=request.form if request.method == "POST" else None)
    form.offer_people(_people(user))
    if existing is not None and request.method == "GET":
        form.contact_user_id.data = str(existing.contact_user_id or "")
    status = 200
    try:
        if form.submitted_to(lambda: services.save_mark(user, post, mark_type, now=clock.utcnow(),
                                                         **form.service_values())):
            flash(_("Ihre Markierung ist gespeichert."), "success")
            return redirect(url_for("posts.detail", post_id=post.id) + "#austausch")
    except services.AlreadyMarked:
        # A colleague marked the post a moment ago: keep this input, saving again changes theirs.
        flash(_("Jemand aus Ihrer Organisation hat diesen Beitrag gerade ebenso markiert. Ihre "
                "Eingabe ist unten erhalten; speichern Sie erneut, um die Markierung zu ändern."),
              "error")
        existing, status = services.find_mark(post, user.organisation_id, mark_type), 409
    if request.method == "POST" and status == 200:
        status = 422
    return render_template("exchange/mark_form.html", form=form, post=post, mark_type=mark_type,
                           existing=existing, slug=slug), status


@bp.post(MARK_URL + "/entfernen")
@login_required
def remove_mark(post_id: int, slug: str):
    user, post = require_member(acting_user()), _post(post_id)
    existing = services.find_mark(post, user.organisation_id, MARK_SLUGS[slug])
    if existing is not None:
        services.remove_mark(user, existing, now=clock.utcnow())
    flash(_("Die Markierung ist entfernt."), "success")
    return redirect(url_for("posts.detail", post_id=post.id) + "#austausch")


@bp.get("/organisationen/")
@login_required
def directory_page():
    require_member(acting_user())
    form = DirectoryForm(request.args)
    valid = form.validate()
    found = queries.directory(form.q.data or "", form.topic.data or "") if valid else []
    grouped = {"type": directory.by_type, "state": directory.by_state}.get(
        form.group.data, directory.by_district)(found)
    return render_template("exchange/directory.html", form=form, grouped=grouped,
                           by_type=form.group.data == "type", count=len(found),
                           topics=queries.contact_topics([o.id for o in found]),
                           type_of=directory.organisation_type), 200 if valid else 400


@bp.get(ORGANISATION_URL)
@login_required
def profile(organisation_id: int):
    user = require_member(acting_user())
    organisation = _organisation(organisation_id)
    return render_template("exchange/profile.html", profile=queries.organisation_profile(organisation),
                           can_edit=may_edit_contacts(user, organisation),
                           org_type=directory.organisation_type(organisation),
                           own=user.organisation_id == organisation.id,
                           rings=shared_rings(user, organisation))


@bp.get(ORGANISATION_URL + "/verlauf")
@login_required
def history(organisation_id: int):
    user = require_member(acting_user())
    organisation = _organisation(organisation_id)
    if user.organisation_id != organisation.id and not post_permissions.is_moderator(user):
        raise PermissionDenied("history of another organisation")
    return render_template("exchange/history.html", organisation=organisation,
                           changes=queries.history(organisation))


def _contact(organisation: Organisation, contact_id: int) -> OrganisationContact:
    contact = db.session.get(OrganisationContact, contact_id)
    if contact is None or contact.organisation_id != organisation.id:
        raise Missing(_("Diese Ansprechperson gibt es nicht (mehr)."))
    return contact


@bp.route(ORGANISATION_URL + "/kontakte/neu", methods=["GET", "POST"], defaults={"contact_id": None})
@bp.route(ORGANISATION_URL + "/kontakte/<id:contact_id>", methods=["GET", "POST"])
@login_required
def contact_form(organisation_id: int, contact_id: int | None):
    user, organisation = require_member(acting_user()), _organisation(organisation_id)
    if not may_edit_contacts(user, organisation):
        raise PermissionDenied("may not edit these contacts")
    contact = _contact(organisation, contact_id) if contact_id else None
    form = ContactForm(obj=contact)
    if form.submitted_to(lambda: services.save_contact(user, organisation, contact,
                                                       now=clock.utcnow(), **form.values())):
        flash(_("Die Ansprechperson ist gespeichert."), "success")
        return redirect(url_for("exchange.profile", organisation_id=organisation.id) + "#kontakte")
    return render_template("exchange/contact_form.html", form=form, organisation=organisation,
                           contact=contact), 422 if request.method == "POST" else 200


@bp.post(ORGANISATION_URL + "/kontakte/<id:contact_id>/entfernen")
@login_required
def remove_contact(organisation_id: int, contact_id: int):
    user, organisation = require_member(acting_user()), _organisation(organisation_id)
    services.remove_contact(user, _contact(organisation, contact_id), now=clock.utcnow())
    flash(_("Die Ansprechperson ist entfernt."), "success")
    return redirect(url_for("exchange.profile", organisation_id=organisation.id) + "#kontakte")


@bp.app_context_processor
def _labels() -> dict:
    return {"MARK_SLUG": {value: slug for slug, value in MARK_SLUGS.items()},
            "MARK_LABELS": labels.MARK_LABELS, "TOPIC_LABELS": labels.TOPIC_LABELS,
            "TYPE_LABELS": labels.TYPE_LABELS, "CHANGE_LABELS": labels.CHANGE_LABELS,
            "FIELD_LABELS": labels.FIELD_LABELS,
            "WORK_TOPIC_LABELS": labels.WORK_TOPIC_LABELS}

