"""The moderators' pages of questions and answers: reported messages, hiding with a reason the
author is told, unhiding, and a message's edit history."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy import select

from jobnet import clock
from jobnet.accounts.permissions import PermissionDenied
from jobnet.accounts.session import acting_user
from jobnet.exchange import thread_queries as queries
from jobnet.exchange import threads
from jobnet.exchange.thread_forms import ReasonForm
from jobnet.exchange.thread_models import MessageEdit
from jobnet.exchange.thread_views import _message, thread_url
from jobnet.extensions import db
from jobnet.posts.permissions import is_moderator

bp = Blueprint("thread_moderation", __name__, url_prefix="/moderation/austausch")


def _moderator():
    user = acting_user()
    if not is_moderator(user):
        raise PermissionDenied("moderators only")
    return user


@bp.get("/")
@login_required
def queue():
    _moderator()
    return render_template("exchange/moderation.html", queue=queries.moderation_queue(),
                           hidden=queries.hidden_messages())


@bp.route("/<id:message_id>/ausblenden", methods=["GET", "POST"])
@login_required
def hide(message_id: int):
    user, message = _moderator(), _message(message_id)
    form = ReasonForm()
    if form.submitted_to(lambda: threads.hide(user, message, reason=form.reason.data,
                                              now=clock.utcnow())):
        flash(_("Der Text ist ausgeblendet; die Verfasserin oder der Verfasser wird benachrichtigt."),
              "success")
        return redirect(url_for(".queue"))
    edits = db.session.scalars(select(MessageEdit).where(MessageEdit.message_id == message.id)
                               .order_by(MessageEdit.id)).all()
    return render_template("exchange/hide.html", form=form, message=message, edits=edits), \
        422 if request.method == "POST" else 200


@bp.post("/<id:message_id>/einblenden")
@login_required
def unhide(message_id: int):
    user, message = _moderator(), _message(message_id)
    threads.unhide(user, message, now=clock.utcnow())
    flash(_("Der Text ist wieder sichtbar."), "success")
    return redirect(thread_url(message.thread, message))


@bp.post("/<id:message_id>/erledigt")
@login_required
def dismiss(message_id: int):
    user, message = _moderator(), _message(message_id)
    threads.dismiss_reports(user, message, now=clock.utcnow())
    flash(_("Die Meldungen sind erledigt; der Text bleibt sichtbar."), "success")
    return redirect(url_for(".queue"))



