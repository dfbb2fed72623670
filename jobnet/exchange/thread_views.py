"""Member pages of questions and answers: asking on a post or the network, a thread, answering,
editing, reporting, marking answered. Members only, never cached (jobnet/web/headers.py)."""

from __future__ import annotations

import math

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.exceptions import NotFound

from jobnet import clock
from jobnet.accounts.permissions import PermissionDenied
from jobnet.accounts.session import acting_user
from jobnet.exchange import thread_queries as queries
from jobnet.exchange import threads
from jobnet.exchange.permissions import require_member
from jobnet.exchange.thread_forms import (
    AnsweredForm,
    MessageForm,
    QuestionFilterForm,
    QuestionForm,
    ReasonForm,
)
from jobnet.exchange.thread_models import Message, Thread
from jobnet.extensions import db
from jobnet.forms.errors import FieldError
from jobnet.posts import permissions as post_permissions
from jobnet.posts.models import Post, Status

bp = Blueprint("threads", __name__)
THREAD_URL = "/fragen/<id:thread_id>"
MESSAGE_URL = "/fragen/antwort/<id:message_id>"


class Missing(NotFound):
    """An unknown question, answer or post: a 404 that says which."""


@bp.errorhandler(Missing)
def missing(error: Missing):
    return render_template("errors/error.html", code=404, title=_("Nicht gefunden"),
                           message=str(error.description), back=url_for("threads.questions")), 404


class ClosedPost(Exception):
    """A post withdrawn since the member opened the page: a 409 that gives their text back."""


@bp.errorhandler(ClosedPost)
def closed_post(error: ClosedPost):
    # Only the member's own text comes back, nothing of the withdrawn post or its questions.
    text = request.form.get("body") or request.form.get("reason") or ""
    return render_template("exchange/closed.html", text=text), 409


def _hidden_post(post: Post) -> None:
    """Not visible to the reader: a 409 when they were sending text to a post withdrawn
    meanwhile (never published ones stay unknown), else a 404."""
    if request.method == "POST" and post.status != Status.DRAFT:
        raise ClosedPost()


def _thread(thread_id: int) -> Thread:
    found = queries.thread(thread_id)
    if found is not None and found.post is not None and not post_permissions.can_view(
            acting_user(), found.post):
        _hidden_post(found.post)
        found = None
    if found is None:
        raise Missing(_("Diese Frage gibt es nicht (mehr)."))
    return found


def _message(message_id: int) -> Message:
    found = db.session.get(Message, message_id)
    if found is None:
        raise Missing(_("Diese Antwort gibt es nicht (mehr)."))
    _thread(found.thread_id)
    return found


def thread_url(thread: Thread, message: Message | None = None) -> str:
    anchor = f"#antwort-{message.id}" if message is not None else ""
    return url_for("threads.show", thread_id=thread.id) + anchor


@bp.app_template_global()
def threads_for(post: Post) -> list[queries.PostThread] | None:
    """The questions on a post for a signed-in member, None for anyone else."""
    user = acting_user()
    return queries.post_threads(post) if post_permissions.is_member(user) else None


@bp.app_template_global()
def message_form(quote: Message | None = None) -> MessageForm:
    form = MessageForm(formdata=None, quote_of=str(quote.id) if quote else "")
    form.offer_organisations(queries.mentionable())
    return form


@bp.app_template_global()
def editable(message: Message) -> bool:
    return threads.may_edit(acting_user(), message, clock.utcnow())


def _submit(form: MessageForm, action, page: str, status_ok_redirect, **context):
    """Run the service for a submitted form; on refusal show the page again with the text kept."""
    status = 422
    if form.validate_on_submit():
        try:
            result = action()
        except FieldError as error:
            form.add_error(error)
        except threads.Refused as error:
            flash(str(error.args[0]), "error")
            status = 409
        except threads.TooManyMessages as error:
            minutes = max(1, math.ceil(error.retry_after.total_seconds() / 60))
            flash(_("Sie haben in kurzer Zeit sehr viele Beiträge geschrieben. Bitte versuchen Sie "
                    "es in %(minutes)d Minuten wieder.", minutes=minutes), "error")
            return (render_template(page, form=form, **context), 429,
                    {"Retry-After": str(math.ceil(error.retry_after.total_seconds()))})
        else:
            return redirect(status_ok_redirect(result))
    elif request.method == "GET":
        status = 200
    return render_template(page, form=form, **context), status


@bp.route("/beitraege/<id:post_id>/fragen", methods=["GET", "POST"])
@login_required
def ask_on_post(post_id: int):
    user = require_member(acting_user())
    post = db.session.get(Post, post_id)
    if post is not None and not post_permissions.can_view(user, post):
        _hidden_post(post)
        post = None
    if post is None:
        raise Missing(_("Diesen Beitrag gibt es nicht, oder er ist nicht öffentlich."))
    form = MessageForm()
    form.offer_organisations(queries.mentionable())
    return _submit(form, lambda: threads.ask_on_post(
        user, post, body=form.body.data, mentions=form.mention_ids(), now=clock.utcnow()),
        "exchange/ask.html", thread_url, post=post)


@bp.get(THREAD_URL)
@login_required
def show(thread_id: int):
    require_member(acting_user())
    found = _thread(thread_id)
    quote = None
    if (quote_id := request.args.get("zitat", type=int)) is not None:
        quote = next((m for m in found.messages if m.id == quote_id and not m.hidden), None)
    return render_template("exchange/thread.html", thread=found, form=message_form(quote),
                           quote=quote)


@bp.post(THREAD_URL + "/antworten")
@login_required
def answer(thread_id: int):
    user = require_member(acting_user())
    found = _thread(thread_id)
    form = MessageForm()
    form.offer_organisations(queries.mentionable())
    quote = next((m for m in found.messages if m.id == form.quote_id()), None)
    return _submit(form, lambda: threads.reply(
        user, found, body=form.body.data, quote_of_id=form.quote_id(),
        mentions=form.mention_ids(), now=clock.utcnow()),
        "exchange/thread.html", lambda message: thread_url(found, message), thread=found,
        quote=quote)


@bp.route(MESSAGE_URL + "/bearbeiten", methods=["GET", "POST"])
@login_required
def edit(message_id: int):
    user = require_member(acting_user())
    message = _message(message_id)
    if message.author_id != user.id:
        raise PermissionDenied("not the author")
    form = MessageForm(obj=message if request.method == "GET" else None)
    return _submit(form, lambda: threads.edit(user, message, body=form.body.data,
                                              now=clock.utcnow()),
                   "exchange/edit.html", lambda m: thread_url(m.thread, m), message=message)


@bp.post(THREAD_URL + "/beantwortet")
@login_required
def answered(thread_id: int):
    user = require_member(acting_user())
    found = _thread(thread_id)
    form = AnsweredForm()
    if not form.validate_on_submit():
        return render_template("errors/error.html", code=400, title=_("Ungültige Eingabe"),
                               message=_("Bitte laden Sie die Seite neu und versuchen Sie es "
                                         "noch einmal."), back=thread_url(found)), 400
    done = form.answered.data == "1"
    threads.set_answered(user, found, done, now=clock.utcnow())
    flash(_("Die Frage ist als beantwortet markiert.") if done
          else _("Die Frage ist wieder offen."), "success")
    return redirect(thread_url(found))


@bp.route(MESSAGE_URL + "/melden", methods=["GET", "POST"])
@login_required
def report(message_id: int):
    user = require_member(acting_user())
    message = _message(message_id)
    form = ReasonForm()
    if form.submitted_to(lambda: threads.report(user, message, reason=form.reason.data,
                                                now=clock.utcnow())):
        flash(_("Danke. Die Moderation sieht sich das an."), "success")
        return redirect(thread_url(message.thread, message))
    return render_template("exchange/report.html", form=form, message=message), \
        422 if request.method == "POST" else 200


@bp.get("/fragen/")
@login_required
def questions():
    require_member(acting_user())
    form = QuestionFilterForm(request.args)
    valid = form.validate()
    found = queries.network_questions(queries.QuestionFilter(
        form.topic.data or "", form.district.data or "", form.target_group.data or "",
        form.state.data or "")) if valid else []
    return render_template("exchange/questions.html", form=form, questions=found), \
        200 if valid else 400


@bp.route("/fragen/neu", methods=["GET", "POST"])
@login_required
def ask_network():
    user = require_member(acting_user())
    form = QuestionForm()
    form.offer_organisations(queries.mentionable())
    return _submit(form, lambda: threads.ask_network(
        user, title=form.title.data, body=form.body.data, topic=form.topic.data,
        districts=form.districts.data or (), target_groups=form.target_groups.data or (),
        mentions=form.mention_ids(), now=clock.utcnow()),
        "exchange/ask_network.html", thread_url)
