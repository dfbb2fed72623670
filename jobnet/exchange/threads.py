"""Asking, answering, editing, reporting and hiding: authorised, checked, limited and recorded here.

Every change commits once and then tells `exchange/notify.py` who should hear of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from jobnet.accounts import throttle
from jobnet.accounts.models import Organisation, User
from jobnet.accounts.permissions import PermissionDenied
from jobnet.exchange import notify
from jobnet.exchange.permissions import require_member
from jobnet.exchange.thread_models import (
    Mention,
    Message,
    MessageEdit,
    Report,
    Thread,
    ThreadDistrict,
    ThreadTargetGroup,
    WorkTopic,
)
from jobnet.extensions import db
from jobnet.forms.errors import FieldError, checked_text
from jobnet.geo.districts import is_district
from jobnet.posts.models import Post, Status, TargetGroup
from jobnet.posts.permissions import can_view, is_moderator

BODY_MAX, TITLE_MAX, REASON_MAX, MENTIONS_MAX = 5000, 200, 1000, 10


class Refused(Exception):
    """A state that takes no new text (a closed post, a hidden answer, an edit too late): a 409.
    The member's text is kept by the page that shows the message."""


class TooManyMessages(Exception):
    """Too many questions and answers in the window: a 429 with Retry-After."""

    def __init__(self, retry_after: timedelta) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


def _body(value: str | None) -> str:
    return checked_text(value, "body", BODY_MAX, required=_("Bitte schreiben Sie einen Text."))


def _mentions(organisation_ids: Iterable[int]) -> list[Mention]:
    wanted = list(dict.fromkeys(organisation_ids))
    if len(wanted) > MENTIONS_MAX:
        raise FieldError("mentions", _("Bitte erwähnen Sie höchstens %(max)d Organisationen.",
                                       max=MENTIONS_MAX))
    found = set(db.session.scalars(select(Organisation.id).where(
        Organisation.id.in_(wanted), Organisation.active.is_(True))))
    if unknown := [i for i in wanted if i not in found]:
        raise FieldError("mentions", _("Diese Organisation gibt es in JobNet nicht (mehr): %(ids)s. "
                                       "Bitte wählen Sie aus der Liste.",
                                       ids=", ".join(map(str, unknown))))
    return [Mention(organisation_id=i) for i in wanted]


def _limit(user: User, now: datetime) -> None:
    limit = throttle.Limit("exchange_message", current_app.config["EXCHANGE_MESSAGES_PER_HOUR"],
                           timedelta(hours=1))
    tally = throttle.hit(limit, throttle.keyed(f"user:{user.id}"), throttle.NO_CLIENT, now)
    if tally.exceeds(limit):
        db.session.commit()  # the refused attempt still counts
        raise TooManyMessages(tally.retry_after(limit, now))


def _message(user: User, body: str, mentions: list[Mention], now: datetime) -> Message:
    return Message(author_id=user.id, organisation_id=user.organisation_id,
                   organisation_name=user.organisation.name if user.organisation else "",
                   body=body, created_at=now, mentions=mentions)


def _open_post(user: User, post: Post) -> None:
    # Closed before invisible: a member answering a post withdrawn meanwhile learns why.
    if post.status != Status.PUBLISHED:
        raise Refused(_("Dieser Beitrag ist nicht (mehr) veröffentlicht. Fragen und Antworten "
                        "sind nur bei veröffentlichten Beiträgen möglich."))
    if not can_view(user, post):
        raise PermissionDenied("post not visible")


def ask_on_post(user: User | None, post: Post, *, body: str | None, now: datetime,
                mentions: Iterable[int] = ()) -> Thread:
    """A member's question on a published post: a new thread, told to the post's organisation."""
    user = require_member(user)
    _open_post(user, post)
    values = _body(body), _mentions(mentions)
    _limit(user, now)
    thread = Thread(post_id=post.id, author_id=user.id, organisation_id=user.organisation_id,
                    organisation_name=user.organisation.name if user.organisation else "",
                    created_at=now, last_message_at=now,
                    messages=[_message(user, values[0], values[1], now)])
    db.session.add(thread)
    db.session.commit()
    notify.new_thread(thread, now=now)
    return thread


def ask_network(user: User | None, *, title: str | None, body: str | None, topic: str | None,
                districts: Iterable[str] = (), target_groups: Iterable[str] = (), now: datetime,
                mentions: Iterable[int] = ()) -> Thread:
    """A question to the whole network, tagged with a kind of work and optionally districts and
    target groups (the posts' codes)."""
    user = require_member(user)
    title = checked_text(title, "title", TITLE_MAX,
                         required=_("Bitte fassen Sie Ihre Frage in einer Zeile zusammen."))
    if topic not in WorkTopic.__members__.values():
        raise FieldError("topic", _("Bitte wählen Sie ein Thema aus der Liste."))
    districts = list(dict.fromkeys(districts))
    if not all(is_district(ags) for ags in districts):
        raise FieldError("districts", _("Bitte wählen Sie Landkreise aus der Liste."))
    target_groups = list(dict.fromkeys(target_groups))
    if not set(target_groups) <= set(TargetGroup.__members__.values()):
        raise FieldError("target_groups", _("Bitte wählen Sie Zielgruppen aus der Liste."))
    values = _body(body), _mentions(mentions)
    _limit(user, now)
    thread = Thread(title=title, topic=topic, author_id=user.id,
                    organisation_id=user.organisation_id,
                    organisation_name=user.organisation.name if user.organisation else "",
                    created_at=now, last_message_at=now,
                    districts=[ThreadDistrict(district_ags=ags) for ags in districts],
                    target_group_rows=[ThreadTargetGroup(code=code) for code in target_groups],
                    messages=[_message(user, values[0], values[1], now)])
    db.session.add(thread)
    db.session.commit()
    notify.new_thread(thread, now=now)
    return thread


def reply(user: User | None, thread: Thread, *, body: str | None, now: datetime,
          quote_of_id: int | None = None, mentions: Iterable[int] = ()) -> Message:
    """An answer in the thread, quoting an earlier message of it if asked to.

    Two members answering at once both get their answer in: nothing here is read and rewritten.
    """
    user = require_member(user)
    if thread.post is not None:
        _open_post(user, thread.post)
    if thread.opening.hidden:
        raise Refused(_("Diese Frage wurde von der Moderation ausgeblendet und nimmt keine "
                        "Antworten mehr an."))
    quoted = None
    if quote_of_id is not None:
        quoted = db.session.get(Message, quote_of_id)
        if quoted is None or quoted.thread_id != thread.id:
            raise FieldError("body", _("Die zitierte Antwort gibt es in dieser Frage nicht."))
        if quoted.hidden:
            raise Refused(_("Die Antwort, auf die Sie antworten, wurde inzwischen von der "
                            "Moderation ausgeblendet."))
    message = _message(user, _body(body), _mentions(mentions), now)
    _limit(user, now)
    message.thread_id, message.quote_of_id = thread.id, quote_of_id
    db.session.add(message)
    thread.last_message_at = now
    db.session.commit()
    notify.new_reply(message, now=now)
    return message


def edit_window() -> timedelta:
    return timedelta(minutes=current_app.config["EXCHANGE_EDIT_MINUTES"])


def may_edit(user: User | None, message: Message, now: datetime) -> bool:
    return (user is not None and message.author_id == user.id and not message.hidden
            and now - message.created_at <= edit_window())


def edit(user: User | None, message: Message, *, body: str | None, now: datetime) -> Message:
    """The author changes their text within the edit window; the old text is kept."""
    user = require_member(user)
    if message.author_id != user.id:
        raise PermissionDenied("not the author")
    if not may_edit(user, message, now):
        raise Refused(_("Texte können nur in den ersten %(minutes)d Minuten geändert werden, "
                        "ausgeblendete gar nicht.",
                        minutes=current_app.config["EXCHANGE_EDIT_MINUTES"]))
    body = _body(body)
    if body != message.body:
        db.session.add(MessageEdit(message_id=message.id, body_before=message.body,
                                   user_id=user.id, at=now))
        message.body, message.edited_at = body, now
        db.session.commit()
    return message


def set_answered(user: User | None, thread: Thread, answered: bool, *, now: datetime) -> None:
    """The asker (or a moderator) marks the question answered, or open again."""
    user = require_member(user)
    if user.id != thread.author_id and not is_moderator(user):
        raise PermissionDenied("only the asker marks a question answered")
    thread.answered_at = now if answered else None
    thread.answered_by_id = user.id if answered else None
    db.session.commit()


def report(user: User | None, message: Message, *, reason: str | None, now: datetime) -> Report:
    """A member tells the moderators about a message (once; reporting again changes the reason)."""
    user = require_member(user)
    reason = checked_text(reason, "reason", REASON_MAX,
                          required=_("Bitte schreiben Sie kurz, was nicht stimmt."))
    found = db.session.scalar(select(Report).where(Report.message_id == message.id,
                                                   Report.user_id == user.id))
    if found is None:
        found = Report(message_id=message.id, user_id=user.id, created_at=now)
        db.session.add(found)
    found.reason, found.resolved_at = reason, None
    db.session.commit()
    return found


def hide(moderator: User | None, message: Message, *, reason: str | None, now: datetime) -> None:
    """A moderator hides a message with a reason its author is told."""
    if not is_moderator(moderator):
        raise PermissionDenied("moderators only")
    reason = checked_text(reason, "reason", REASON_MAX, required=_(
        "Bitte nennen Sie einen Grund; die Verfasserin oder der Verfasser erfährt ihn."))
    message.hidden_at, message.hidden_by_id, message.hidden_reason = now, moderator.id, reason
    _resolve_reports(message, now)
    db.session.commit()
    notify.hidden(message, now=now)


def unhide(moderator: User | None, message: Message, *, now: datetime) -> None:
    if not is_moderator(moderator):
        raise PermissionDenied("moderators only")
    message.hidden_at, message.hidden_by_id, message.hidden_reason = None, None, ""
    db.session.commit()


def dismiss_reports(moderator: User | None, message: Message, *, now: datetime) -> None:
    """The moderator read the reports and leaves the message as it is."""
    if not is_moderator(moderator):
        raise PermissionDenied("moderators only")
    _resolve_reports(message, now)
    db.session.commit()


def _resolve_reports(message: Message, now: datetime) -> None:
    for row in db.session.scalars(select(Report).where(Report.message_id == message.id,
                                                       Report.resolved_at.is_(None))):
        row.resolved_at = now
