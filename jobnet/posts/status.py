"""Status changes of posts (publish, archive, republish, unpublish, expiry) and the history.

Every action is authorised here and recorded as a new version (docs/architecture.md,
"Concurrent edits"). Job fairs also age: one whose end has passed is "vergangen" (see
"Time-aware job fairs" there).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from blinker import Namespace
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select

from jobnet.accounts.models import User
from jobnet.clock import local_today
from jobnet.config import ConfigError
from jobnet.extensions import db
from jobnet.fairs.rules import FairInputError
from jobnet.posts import notices
from jobnet.posts.models import JobFair, Kind, Post, PostChange, Status
from jobnet.posts.permissions import (
    APPROVE_FROM,
    ARCHIVE_FROM,
    PUBLISH_FROM,
    REPUBLISH_FROM,
    UNPUBLISH_FROM,
    can_edit,
    moderates,
    require,
)


class PostStateError(Exception):
    """The post's status (or expiry date) does not allow this action; the message is for users."""


def ensure_can_unpublish(user: User | None, post: Post) -> None:
    """Raise unless the user moderates the post (network or ring moderator) and it is public."""
    require(moderates(user, post), "only the post's moderators unpublish")
    require_state(post, UNPUBLISH_FROM)


def publish_post(post: Post, *, user: User, now: datetime) -> Post:
    """Publish a draft."""
    require(can_edit(user, post), "may not publish this post")
    require_state(post, PUBLISH_FROM)
    require_not_expired(post.valid_until, now)
    require_fair_ahead(post, now)
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
    require_fair_ahead(post, now)
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
    require(moderates(moderator, post), "only the post's moderators approve")
    require_state(post, APPROVE_FROM)
    require_not_expired(post.valid_until, now)
    require_fair_ahead(post, now)
    post.moderation_reason = None
    mark_published(post, moderator, now, "approved")
    db.session.commit()
    notices.tell_approved(post)
    return post


def archive_expired_posts(now: datetime, *, fair_archive_after: timedelta) -> int:
    """Archive published posts whose 'valid until' day has passed in Hesse, and job fairs
    that ended more than `fair_archive_after` ago (with or without 'valid until'); return how
    many."""
    today = local_today(now)
    # On the joined table alone: a subquery over `post` would be correlated with the outer one.
    fairs = JobFair.__table__.c
    over = select(fairs.id).where(fair_end(fairs) < now - fair_archive_after)
    expired = db.session.scalars(
        select(Post).where(Post.status == Status.PUBLISHED,
                           or_(Post.valid_until < today, Post.id.in_(over)))
    ).all()
    for post in expired:
        ended = post.valid_until is None or post.valid_until >= today
        _set_status(post, Status.ARCHIVED, None, now, "fair_ended" if ended else "expired")
    db.session.commit()
    return len(expired)


def fair_archive_after(config: Mapping[str, Any]) -> timedelta:
    """FAIR_ARCHIVE_AFTER_DAYS as a duration; ConfigError unless a whole number of days >= 0."""
    days = config.get("FAIR_ARCHIVE_AFTER_DAYS")
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= 3650:
        raise ConfigError(f"FAIR_ARCHIVE_AFTER_DAYS must be a whole number of days from 0 to "
                          f"3650, not {days!r}")
    return timedelta(days=days)


# Time-aware job fairs --------------------------------------------------------------------


def fair_end(fair):
    """A fair's end as SQL, from anything with the columns (JobFair, an alias, its table's
    columns): its end, else its start.

    Both are required today; the fallback keeps the rule true for rows that lack an end.
    """
    return func.coalesce(fair.ends_at, fair.starts_at)


def is_past_fair(post: Post, now: datetime) -> bool:
    """Whether the post is a job fair that is over ("vergangen"): its end is before `now`."""
    if post.kind != Kind.FAIR:
        return False
    end = getattr(post, "ends_at", None) or getattr(post, "starts_at", None)
    return end is not None and end < now


PAST_FAIR_REFUSED = _l("Diese Jobbörse ist schon vorbei: ihr Ende liegt in der Vergangenheit. "
                       "Eine vergangene Jobbörse kann nicht veröffentlicht werden. Bitte prüfen "
                       "Sie Beginn und Ende oder speichern Sie sie als Entwurf.")
PAST_FAIR_WARNING = _l("Achtung: Das Ende dieser Jobbörse liegt in der Vergangenheit. Sie gilt "
                       "als vergangen, erscheint auf Karte und Liste nur mit „Vergangene "
                       "Jobbörsen anzeigen“ und kann nicht veröffentlicht werden.")


def require_fair_ahead(post: Post, now: datetime) -> None:
    """Refuse to make a fair that is over public (a status action: shown as a notice)."""
    if is_past_fair(post, now):
        raise PostStateError(_l("Diese Jobbörse ist schon vorbei und kann nicht veröffentlicht "
                                "werden. Bitte bearbeiten Sie den Beitrag und prüfen Sie Beginn "
                                "und Ende."))


def require_fair_dates_ahead(kind: str, values: Mapping[str, Any], post: Post | None,
                             now: datetime) -> None:
    """Refuse to publish a fair whose entered end is past (a form: shown at "Ende", 422)."""
    if kind != Kind.FAIR:
        return
    end = values.get("ends_at", getattr(post, "ends_at", None))
    end = end or values.get("starts_at", getattr(post, "starts_at", None))
    if end is not None and end < now:
        raise FairInputError([("ends_at", PAST_FAIR_REFUSED)])


# Sent inside the publishing transaction when a post is published for the first time; the
# exchange tells followers with it (posts know nothing of who listens).
first_published = Namespace().signal("post-first-published")


# Sent inside the transaction of every recorded change (record_change), with the action and
# the changed fields: the exchange tells the post's followers of what matters to them.
change_recorded = Namespace().signal("post-change-recorded")


def mark_published(post: Post, user: User, now: datetime, action: str) -> None:
    # The first publication date stays: republishing is recorded in the history instead.
    first = post.published_at is None
    if first:
        post.published_at = now
    _set_status(post, Status.PUBLISHED, user, now, action)
    if first:
        first_published.send(post, now=now)


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
    # Added beside the post, not appended to post.changes: that would load the post's whole
    # history on every save (hundreds of rows for a post edited all year).
    db.session.add(PostChange(post=post, user=user, at=now, action=action, fields=fields,
                              reason=reason, version=post.version))
    change_recorded.send(post, user=user, now=now, action=action, fields=fields)


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
