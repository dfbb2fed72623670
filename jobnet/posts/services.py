"""Creating, changing and moderating posts: every action is authorised here and recorded."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from jobnet.accounts.models import User
from jobnet.clock import local_today
from jobnet.extensions import db
from jobnet.geo.settings import geo_settings
from jobnet.posts import history
from jobnet.posts.kinds import DERIVED_FIELDS, field_names, required_by_database
from jobnet.posts.location import place_post, refresh_catchment
from jobnet.posts.models import KIND_MODELS, Post, PostChange, Settlement, Status
from jobnet.posts.permissions import (
    ARCHIVE_FROM,
    PUBLISH_FROM,
    REPUBLISH_FROM,
    UNPUBLISH_FROM,
    can_edit,
    ensure_can_create,
    is_moderator,
    require,
)
from jobnet.posts.search import search_text


class PostStateError(Exception):
    """The post's status (or expiry date) does not allow this action; the message is for users."""


def ensure_can_unpublish(user: User | None, post: Post) -> None:
    """Raise unless the user moderates and the post is public."""
    require(is_moderator(user), "only moderators unpublish")
    _require_state(post, UNPUBLISH_FROM)


# Creating and editing ----------------------------------------------------------------------


def create_post(kind: str, data: dict[str, Any], *, author: User, now: datetime,
                publish: bool = False) -> Post:
    """Create a post of a kind for the author's organisation, as a draft or published."""
    model = KIND_MODELS.get(kind)
    if model is None:
        raise ValueError(f"unknown kind {kind!r}")
    ensure_can_create(author, kind)
    confirm_outside = bool(data.get("confirm_outside"))
    values = _checked_values(kind, data, creating=True)
    if publish:
        _require_not_expired(values.get("valid_until"), now)
    post = model(organisation=author.organisation, author=author, status=Status.DRAFT,
                 created_at=now, updated_at=now, links=[])
    _assign(post, values)
    _locate(post, confirm_outside=confirm_outside, moved=True)
    db.session.add(post)
    db.session.flush()  # applies column defaults (e.g. the 30 km radius) before the snapshot
    _record(post, author, now, "created",
            history.initial_values(history.snapshot(post, field_names(kind))))
    if publish:
        _publish(post, author, now, "published")
    db.session.commit()
    return post


def update_post(post: Post, data: dict[str, Any], *, user: User, now: datetime,
                publish: bool = False) -> Post:
    """Change a post's fields, recording only those that changed, as [old, new]."""
    require(can_edit(user, post), "may not edit this post")
    confirm_outside = bool(data.get("confirm_outside"))
    values = _checked_values(post.kind, data, creating=False)
    if publish:
        _require_state(post, PUBLISH_FROM)
        _require_not_expired(values.get("valid_until", post.valid_until), now)
    fields = field_names(post.kind)
    before = history.snapshot(post, fields)
    _assign(post, values)
    moved = (before["latitude"], before["longitude"]) != (post.latitude, post.longitude)
    _locate(post, confirm_outside=confirm_outside, moved=moved,
            radius_changed=before.get("commute_radius_km") != getattr(post, "commute_radius_km", None))
    changed = history.diff(before, history.snapshot(post, fields))
    if changed:
        post.updated_at = now
        _record(post, user, now, "updated", changed)
    if publish:
        _publish(post, user, now, "published")
    db.session.commit()
    return post


def _checked_values(kind: str, data: dict[str, Any], *, creating: bool) -> dict[str, Any]:
    data = {name: value for name, value in data.items() if name != "confirm_outside"}
    allowed = (set(field_names(kind)) - set(DERIVED_FIELDS)) | {"is_example"}
    unknown = set(data) - allowed
    if unknown:
        raise ValueError(f"unknown fields for {kind}: {sorted(unknown)}")
    required = required_by_database(kind)
    missing = [name for name in required
               if (creating or name in data) and data.get(name) in (None, "")]
    if missing:
        raise ValueError(f"required fields missing: {missing}")
    columns = KIND_MODELS[kind].__mapper__.columns
    values = {}
    for name, value in data.items():
        column = columns.get(name)
        # Empty optional text is stored as NULL, so "" and None never count as a change.
        if value == "" and column is not None and column.nullable:
            value = None
        # A field a client left out (an older form, an API caller) gets its column's default.
        elif value is None and column is not None and column.default is not None:
            default = column.default
            value = default.arg if default.is_scalar else default.arg(None)
        values[name] = value
    return values


def _assign(post: Post, values: dict[str, Any]) -> None:
    for name, value in values.items():
        setattr(post, name, value)
    post.search_text = search_text(post)


def _locate(post: Post, *, confirm_outside: bool, moved: bool, radius_changed: bool = False) -> None:
    # District and municipality follow the point and stay put until it moves.
    settings = geo_settings()
    if moved:
        place_post(post, confirm_outside=confirm_outside, settings=settings)
        post.search_text = search_text(post)
    if isinstance(post, Settlement) and (moved or radius_changed):
        refresh_catchment(post, settings=settings)


# Status changes ----------------------------------------------------------------------------


def publish_post(post: Post, *, user: User, now: datetime) -> Post:
    """Publish a draft."""
    require(can_edit(user, post), "may not publish this post")
    _require_state(post, PUBLISH_FROM)
    _require_not_expired(post.valid_until, now)
    _publish(post, user, now, "published")
    db.session.commit()
    return post


def archive_post(post: Post, *, user: User, now: datetime) -> Post:
    """Archive a published post; it stays readable with a notice."""
    require(can_edit(user, post), "may not archive this post")
    _require_state(post, ARCHIVE_FROM)
    _set_status(post, Status.ARCHIVED, user, now, "archived")
    db.session.commit()
    return post


def republish_post(post: Post, *, user: User, now: datetime) -> Post:
    """Publish an archived or unpublished post again, clearing the moderation reason."""
    require(can_edit(user, post), "may not republish this post")
    _require_state(post, REPUBLISH_FROM)
    _require_not_expired(post.valid_until, now)
    post.moderation_reason = None
    _publish(post, user, now, "republished")
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


def relocate_posts(now: datetime) -> int:
    """Recompute district, municipality and catchment of every post (after a geodata rebuild)."""
    count = 0
    for post in db.session.scalars(select(Post)):
        fields = field_names(post.kind)
        before = history.snapshot(post, fields)
        _locate(post, confirm_outside=post.outside_region, moved=True)
        changed = history.diff(before, history.snapshot(post, fields))
        if changed:
            _record(post, None, now, "relocated", changed)
            count += 1
    db.session.commit()
    return count


def _publish(post: Post, user: User, now: datetime, action: str) -> None:
    # The first publication date stays: republishing is recorded in the history instead.
    if post.published_at is None:
        post.published_at = now
    _set_status(post, Status.PUBLISHED, user, now, action)


def _set_status(post: Post, status: Status, user: User | None, now: datetime, action: str,
                reason: str | None = None) -> None:
    fields = {"status": [post.status, status.value]}
    post.status = status
    post.updated_at = now
    _record(post, user, now, action, fields, reason)


def _record(post: Post, user: User | None, now: datetime, action: str,
            fields: dict[str, Any], reason: str | None = None) -> None:
    post.changes.append(PostChange(user=user, at=now, action=action, fields=fields, reason=reason))


_STATE_MESSAGES = {
    "published": _l("Der Beitrag ist bereits veröffentlicht."),
    "default": _l("Diese Aktion ist für einen Beitrag in diesem Status nicht möglich."),
}


def _require_state(post: Post, allowed: set[Status]) -> None:
    if post.status not in allowed:
        key = "published" if post.status == Status.PUBLISHED else "default"
        raise PostStateError(_STATE_MESSAGES[key])


def _require_not_expired(valid_until: date | None, now: datetime) -> None:
    if valid_until is not None and valid_until < local_today(now):
        raise PostStateError(_l("Das Datum „Gültig bis“ liegt in der Vergangenheit. Bitte "
                                "bearbeiten Sie den Beitrag und ändern Sie das Datum."))
