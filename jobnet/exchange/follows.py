"""Following and muting: a member follows a post, a question, an organisation, a district or
a topic; asking or answering follows the thread; muting a thread silences it for good."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from jobnet.accounts.models import Organisation, User
from jobnet.exchange.notification_models import Follow, Target
from jobnet.exchange.permissions import require_member
from jobnet.exchange.thread_models import Thread, WorkTopic
from jobnet.extensions import db
from jobnet.geo.districts import is_district
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
