"""Who is told of what (docs/architecture.md, "Following and notifications").

- a new question on a post: the post's organisation, the post's followers, mentioned organisations;
- a new answer: everyone in the thread (asked, answered or follows it) unless they muted it;
- a new question to the network: followers of its topic, its districts and the asker's organisation;
- a new post: followers of its organisation, district and topic;
- a new mark: the post's organisation; a hidden message: its author.
Never the member who did it, never inactive accounts. Rows only; mails follow from them
(exchange/notification_mail.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select

from jobnet.accounts.models import Organisation, User
from jobnet.exchange import follows
from jobnet.exchange.notification_models import Notification, Target
from jobnet.exchange.thread_models import Message, Thread
from jobnet.extensions import db
from jobnet.posts.models import Kind, Post
from jobnet.posts.status import first_published

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
          now: datetime, skip: int | None) -> int:
    active = set(db.session.scalars(select(User.id).join(Organisation).where(
        User.id.in_(user_ids - {skip}), User.active.is_(True), Organisation.active.is_(True))))
    for user_id in sorted(active):
        db.session.add(Notification(user_id=user_id, kind=kind, subject=subject[:200],
                                    actor=actor[:200], link=link, created_at=now))
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
