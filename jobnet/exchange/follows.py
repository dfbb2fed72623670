"""Following and muting: a member follows a post, a question, an organisation, a district or
a topic; asking or answering follows the thread; muting a thread silences it for good."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import url_for
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from jobnet.accounts.models import Organisation, User
from jobnet.exchange.labels import WORK_TOPIC_LABELS
from jobnet.exchange.notification_models import Follow, Target
from jobnet.exchange.permissions import require_member
from jobnet.exchange.thread_models import Thread, WorkTopic
from jobnet.extensions import db
from jobnet.geo.districts import district_label, is_district
from jobnet.posts.models import Post


class UnknownTarget(LookupError):
    """Nothing to follow under this name: a 404."""


def _exists(target: str, key: str) -> bool:
    if target in (Target.POST, Target.THREAD, Target.ORGANISATION):
        if not key.isdigit():
            return False
        model = {Target.POST: Post, Target.THREAD: Thread, Target.ORGANISATION: Organisation}
        return db.session.get(model[target], int(key)) is not None
    if target == Target.DISTRICT:
        return is_district(key)
    return target == Target.TOPIC and key in WorkTopic.__members__.values()


def find(user: User, target: str, key: str) -> Follow | None:
    return db.session.scalar(select(Follow).where(Follow.user_id == user.id,
                                                  Follow.target == target, Follow.key == key))


def set_follow(user: User | None, target: str, key: str, *, follow: bool, muted: bool = False,
               now: datetime) -> Follow | None:
    """Follow (or mute) the target, or stop following it; None when no row is left."""
    user = require_member(user)
    if target not in Target.__members__.values() or not _exists(target, key):
        raise UnknownTarget(f"{target} {key}")
    row = find(user, target, key)
    if not follow:
        if row is not None:
            db.session.delete(row)
            db.session.commit()
        return None
    if row is None:
        row = Follow(user_id=user.id, target=target, key=key, created_at=now)
        db.session.add(row)
    row.muted = muted
    try:
        db.session.commit()
    except IntegrityError:  # a double click: the first request's row is the same follow
        db.session.rollback()
        row = find(user, target, key)
        row.muted = muted
        db.session.commit()
    return row


def follow_thread_quietly(user: User, thread: Thread, now: datetime) -> None:
    """Asking or answering follows the thread, unless the member muted it (the caller commits)."""
    if find(user, Target.THREAD, str(thread.id)) is None:
        db.session.add(Follow(user_id=user.id, target=Target.THREAD, key=str(thread.id),
                              created_at=now))


def followers(target: str, keys: list[str]) -> set[int]:
    """Members following any of the keys (not muted)."""
    if not keys:
        return set()
    return set(db.session.scalars(select(Follow.user_id).where(
        Follow.target == target, Follow.key.in_(keys), Follow.muted.is_(False))))


def muted(target: str, key: str) -> set[int]:
    return set(db.session.scalars(select(Follow.user_id).where(
        Follow.target == target, Follow.key == key, Follow.muted.is_(True))))


@dataclass(frozen=True)
class Followed:
    """A follow as the member reads it: what it is, its name, and where it is."""

    follow: Follow
    name: str
    url: str | None


def followed(user: User) -> list[Followed]:
    """The member's follows with the names of what they follow (a post's title, an
    organisation's name, a district, a topic), in that order."""
    rows = list(db.session.scalars(select(Follow).where(Follow.user_id == user.id)
                                   .order_by(Follow.target, Follow.id)))
    return [Followed(row, *_named(row)) for row in rows]


def _named(row: Follow) -> tuple[str, str | None]:
    if row.target == Target.DISTRICT:
        return district_label(row.key), url_for("posts.index", district=row.key)
    if row.target == Target.TOPIC:
        return str(WORK_TOPIC_LABELS.get(row.key, row.key)), url_for("threads.questions",
                                                                     topic=row.key)
    model, endpoint, argument = {
        Target.POST: (Post, "posts.detail", "post_id"),
        Target.THREAD: (Thread, "threads.show", "thread_id"),
        Target.ORGANISATION: (Organisation, "exchange.profile", "organisation_id")}[row.target]
    found = db.session.get(model, int(row.key))
    if found is None:  # deleted since: the follow says so instead of failing
        return row.key, None
    name = found.name if model is Organisation else found.title
    return name, url_for(endpoint, **{argument: found.id})
