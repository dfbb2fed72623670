"""Who is told of what (docs/architecture.md, "Following and notifications").

- a new question on a post: the post's organisation, the post's followers, mentioned organisations;
- a new answer: everyone in the thread (asked, answered or follows it) unless they muted it;
- a new question to the network: followers of its topic, its districts and the asker's organisation;
- a new post: followers of its organisation, district and topic;
- a post changed: its followers, when a fair is moved or cancelled, the post withdrawn or
  archived, or its organisation changed public fields (one notification per save);
- a new mark: the post's organisation; a hidden message: its author.
Never the member who did it, never inactive accounts. Rows only; mails follow from them
(exchange/notification_mail.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import select

from jobnet.accounts.models import Organisation, User
from jobnet.exchange import follows
from jobnet.exchange.notification_models import Notification, Target
from jobnet.exchange.thread_models import Message, Thread
from jobnet.extensions import db
from jobnet.posts.history import FIELD_LABELS
from jobnet.posts.kinds import DERIVED_FIELDS
from jobnet.posts.models import Kind, Post, Status
from jobnet.posts.status import change_recorded, first_published

# Posts count for followers of the work topic nearest their kind.
KIND_TOPIC = {Kind.PROGRAMME: "training", Kind.PROJECT: "target_group",
              Kind.SETTLEMENT: "employer_service", Kind.FAIR: "job_fairs"}


def thread_path(thread: Thread, message: Message | None = None) -> str:
    return f"/fragen/{thread.id}" + (f"#antwort-{message.id}" if message is not None else "")


def _members_of(organisation_ids: Iterable[int | None]) -> set[int]:
    ids = [i for i in organisation_ids if i is not None]
    if not ids:
        return set()
    return set(db.session.scalars(select(User.id).where(User.organisation_id.in_(ids),
                                                        User.active.is_(True))))


def _tell(user_ids: set[int], *, kind: str, subject: str, actor: str, link: str,
          now: datetime, skip: int | None, detail: str = "") -> int:
    active = set(db.session.scalars(select(User.id).join(Organisation).where(
        User.id.in_(user_ids - {skip}), User.active.is_(True), Organisation.active.is_(True))))
    for user_id in sorted(active):
        db.session.add(Notification(user_id=user_id, kind=kind, subject=subject[:200],
                                    actor=actor[:200], link=link, detail=detail[:300],
                                    created_at=now))
    return len(active)


def _title(thread: Thread) -> str:
    return thread.post.title if thread.post is not None else thread.title


def new_thread(thread: Thread, *, now: datetime) -> None:
    opening = thread.opening
    mentioned = _members_of(m.organisation_id for m in opening.mentions)
    if thread.post is not None:
        told = (_members_of([thread.post.organisation_id])
                | follows.followers(Target.POST, [str(thread.post_id)]))
        kind = "question"
    else:
        told = (follows.followers(Target.TOPIC, [thread.topic or ""])
                | follows.followers(Target.DISTRICT, [d.district_ags for d in thread.districts])
                | follows.followers(Target.ORGANISATION, [str(thread.organisation_id)]))
        kind = "network_question"
    if thread.author is not None:
        follows.follow_thread_quietly(thread.author, thread, now)
    _tell(told | mentioned, kind=kind, subject=_title(thread), actor=thread.organisation_name,
          link=thread_path(thread), now=now, skip=thread.author_id)
    db.session.commit()


def new_reply(message: Message, *, now: datetime) -> None:
    thread = message.thread
    key = str(thread.id)
    told = ({m.author_id for m in thread.messages if m.author_id is not None}
            | follows.followers(Target.THREAD, [key])) - follows.muted(Target.THREAD, key)
    mentioned = _members_of(m.organisation_id for m in message.mentions)
    if message.author is not None:
        follows.follow_thread_quietly(message.author, thread, now)
    _tell(told | mentioned, kind="reply", subject=_title(thread), actor=message.organisation_name,
          link=thread_path(thread, message), now=now, skip=message.author_id)
    db.session.commit()


def hidden(message: Message, *, now: datetime) -> None:
    if message.author_id is None:
        return
    _tell({message.author_id}, kind="hidden", subject=_title(message.thread),
          actor=message.hidden_reason, link=thread_path(message.thread, message), now=now,
          skip=None)
    db.session.commit()


def new_mark(post: Post, mark_type: str, organisation: Organisation, *, now: datetime) -> None:
    """An experience or interest mark on a post: its organisation is told."""
    _tell(_members_of([post.organisation_id]), kind=f"mark_{mark_type}", subject=post.title,
          actor=organisation.name, link=f"/beitraege/{post.id}#austausch", now=now, skip=None)
    db.session.commit()


@first_published.connect
def new_post(post: Post, *, now: datetime) -> None:
    """A post published for the first time: followers of its organisation, district and topic.
    Inside the publishing transaction (posts/status.py sends it), so no commit here."""
    db.session.flush()  # the post's id
    told = (follows.followers(Target.ORGANISATION, [str(post.organisation_id)])
            | follows.followers(Target.DISTRICT, [post.district_ags or ""])
            | follows.followers(Target.TOPIC, [KIND_TOPIC.get(post.kind, "")]))
    _tell(told, kind="post", subject=post.title, actor=post.organisation.name,
          link=f"/beitraege/{post.id}", now=now, skip=post.author_id)


# Recorded actions (posts/status.py, fairs/services.py) a post's followers hear of by name;
# "updated" is told with its fields, other actions (publishing, review) are not told.
STATE_ACTIONS = {"moved": "fair_moved", "cancelled": "fair_cancelled",
                 "unpublished": "post_withdrawn", "archived": "post_archived",
                 "expired": "post_archived", "fair_ended": "post_archived"}
# Changed in a save but not worth telling: the status (its own actions above), the fair's
# state (moved and cancelled above) and what follows from the point.
_UNTOLD_FIELDS = frozenset({"status", "state", *DERIVED_FIELDS})
_CONTACT_FIELDS = frozenset({"contact_name", "contact_email", "contact_phone"})


def told_fields(post: Post, fields: dict[str, Any]) -> list[str]:
    """The changed fields a follower is told of, in the form's order: the public ones (the
    contact only while it is shown publicly)."""
    untold = _UNTOLD_FIELDS | (frozenset() if post.contact_public else _CONTACT_FIELDS)
    order = list(FIELD_LABELS)
    return sorted((name for name in fields if name not in untold and name in FIELD_LABELS),
                  key=order.index)


@change_recorded.connect
def post_changed(post: Post, *, user, now: datetime, action: str,
                 fields: dict[str, Any]) -> None:
    """A recorded change of a post: its followers hear of what matters to them. Inside the
    saving transaction (posts/status.py record_change), so no commit here: a save that is
    rolled back and tried again tells once, with the save that counts."""
    if action == "updated":
        names = told_fields(post, fields) if post.status == Status.PUBLISHED else []
        if not names:
            return
        kind, detail = "post_updated", ",".join(names)
    elif action in STATE_ACTIONS:
        kind, detail = STATE_ACTIONS[action], ""
    else:
        return
    with db.session.no_autoflush:  # the save flushes itself, with its version check
        told = follows.followers(Target.POST, [str(post.id)])
        if not told:  # most posts: one query per save, nothing more
            return
        # A withdrawn post is hidden from other organisations: their link is whom to ask.
        link = (f"/organisationen/{post.organisation_id}" if kind == "post_withdrawn"
                else f"/beitraege/{post.id}")
        _tell(told, kind=kind, subject=post.title, actor=post.organisation.name, link=link,
              now=now, skip=user.id if user else None, detail=detail)
