"""Status changes of posts (publish, archive, republish, unpublish, expiry) and the history.

Every action is authorised here and recorded as a new version (docs/architecture.md,
"Concurrent edits").
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from jobnet.accounts.models import User
from jobnet.clock import local_today
from jobnet.extensions import db
from jobnet.posts.models import Post, PostChange, Status
from jobnet.posts import notices
from jobnet.posts.permissions import (
    APPROVE_FROM,
    ARCHIVE_FROM,
    PUBLISH_FROM,
    REPUBLISH_FROM,
    UNPUBLISH_FROM,
    can_edit,
    is_moderator,
    require,
)


class PostStateError(Exception):
    """The post's status (or expiry date) does not allow this action; the message is for users."""


def ensure_can_unpublish(user: User | None, post: Post) -> None:
    """Raise unless the user moderates and the post is public."""
    require(is_moderator(user), "only moderators unpublish")
    require_state(post, UNPUBLISH_FROM)


def publish_post(post: Post, *, user: User, now: datetime) -> Post:
    """Publish a draft."""
    require(can_edit(user, post), "may not publish this post")
    require_state(post, PUBLISH_FROM)
    require_not_expired(post.valid_until, now)
    mark_published(post, user, now, "published")
    db.session.commit()
    return post


def archive_post(post: Post, *, user: User, now: datetime) -> Post:
    """Archive a published post; it stays readable with a notice."""
    require(can_edit(user, post), "may not archive this post")
    require_state(post, ARCHIVE_FROM)
    _set_status(post, Status.ARCHIVED, user, now, "archived")
    db.session.commit()
    return post


def republish_post(post: Post, *, user: User, now: datetime) -> Post:
    """Publish an archived post again (a withdrawn one goes back through review instead)."""
    require(can_edit(user, post), "may not republish this post")
    require_state(post, REPUBLISH_FROM)
    require_not_expired(post.valid_until, now)
    post.moderation_reason = None
    mark_published(post, user, now, "republished")
    db.session.commit()
    return post


def unpublish_post(post: Post, *, moderator: User, reason: str, now: datetime) -> Post:
    """Take a post down as a moderator, with a reason its organisation sees."""
    ensure_can_unpublish(moderator, post)
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("a reason is required")
    post.moderation_reason = reason
    _set_status(post, Status.UNPUBLISHED, moderator, now, "unpublished", reason=reason)
    db.session.commit()
    notices.tell_withdrawn(post, reason)
    return post


def send_back_for_review(post: Post, *, user: User, now: datetime) -> None:
    """A withdrawn post its organisation changed goes to the moderators, not to the public
    (called by services.update_post within the save; the caller commits)."""
    _set_status(post, Status.IN_REVIEW, user, now, "review_requested")


def approve_post(post: Post, *, moderator: User, now: datetime) -> Post:
    """A moderator publishes a post that came back for review; its organisation is told."""
    require(is_moderator(moderator), "only moderators approve")
    require_state(post, APPROVE_FROM)
    require_not_expired(post.valid_until, now)
    post.moderation_reason = None
    mark_published(post, moderator, now, "approved")
    db.session.commit()
    notices.tell_approved(post)
    return post


def archive_expired_posts(now: datetime) -> int:
    """Archive published posts whose 'valid until' day has passed in Hesse; return how many."""
    today = local_today(now)
    expired = db.session.scalars(
        select(Post).where(Post.status == Status.PUBLISHED, Post.valid_until < today)
    ).all()
    for post in expired:
        _set_status(post, Status.ARCHIVED, None, now, "expired")
    db.session.commit()
    return len(expired)


def mark_published(post: Post, user: User, now: datetime, action: str) -> None:
    # The first publication date stays: republishing is recorded in the history instead.
    if post.published_at is None:
        post.published_at = now
    _set_status(post, Status.PUBLISHED, user, now, action)


def _set_status(post: Post, status: Status, user: User | None, now: datetime, action: str,
                reason: str | None = None) -> None:
    fields = {"status": [post.status, status.value]}
    post.status = status
    post.updated_at = now
    record_change(post, user, now, action, fields, reason)


def record_change(post: Post, user: User | None, now: datetime, action: str,
            fields: dict[str, Any], reason: str | None = None) -> None:
    # Every recorded change is a new version (docs/architecture.md, "Concurrent edits").
    if action != "created":
        post.version += 1
    post.changes.append(PostChange(user=user, at=now, action=action, fields=fields, reason=reason,
                                   version=post.version))


_STATE_MESSAGES = {
    "published": _l("Der Beitrag ist bereits veröffentlicht."),
    "default": _l("Diese Aktion ist für einen Beitrag in diesem Status nicht möglich."),
}


def require_state(post: Post, allowed: set[Status]) -> None:
    if post.status not in allowed:
        key = "published" if post.status == Status.PUBLISHED else "default"
        raise PostStateError(_STATE_MESSAGES[key])


def require_not_expired(valid_until: date | None, now: datetime) -> None:
    if valid_until is not None and valid_until < local_today(now):
        raise PostStateError(_l("Das Datum „Gültig bis“ liegt in der Vergangenheit. Bitte "
                                "bearbeiten Sie den Beitrag und ändern Sie das Datum."))
