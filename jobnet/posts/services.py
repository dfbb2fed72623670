"""Creating and changing posts: every action is authorised here and recorded."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from jobnet.accounts.models import User
from jobnet.extensions import db
from jobnet.fairs import services as fairs
from jobnet.geo.settings import geo_settings
from jobnet.posts import history, notices
from jobnet.posts.conflicts import (
    AlreadyCreated,
    EditConflict,
    check_version,
    created_with_key,
    submitted_values,
)
from jobnet.posts.kinds import DERIVED_FIELDS, field_names, required_by_database
from jobnet.posts.location import place_post, refresh_catchment
from jobnet.posts.models import KIND_MODELS, Kind, Post, Settlement, Status
from jobnet.posts.permissions import PUBLISH_FROM, can_edit, ensure_can_create, require
from jobnet.posts.search import search_text

# Status changes live in posts/status.py; callers reach every post action through this module.
from jobnet.posts.status import (  # noqa: F401
    PAST_FAIR_WARNING,
    PostStateError,
    approve_post,
    archive_expired_posts,
    archive_post,
    ensure_can_unpublish,
    fair_archive_after,
    is_past_fair,
    mark_published,
    publish_post,
    record_change,
    republish_post,
    require_fair_dates_ahead,
    require_not_expired,
    require_state,
    send_back_for_review,
    unpublish_post,
)
from jobnet.posts.target_groups import replace_target_groups

# Creating and editing ----------------------------------------------------------------------


def create_post(kind: str, data: dict[str, Any], *, author: User, now: datetime,
                publish: bool = False, submission_key: str | None = None,
                history_note: str | None = None, commit: bool = True) -> Post:
    """Create a post of a kind for the author's organisation, as a draft or published.

    A create form submitted again with its one-time key raises AlreadyCreated instead; a fair
    that is over cannot be created as published (FieldError), only as a draft. commit=False
    leaves the transaction to the caller (an import saves all its posts or none).
    """
    model = KIND_MODELS.get(kind)
    if model is None:
        raise ValueError(f"unknown kind {kind!r}")
    ensure_can_create(author, kind)
    if submission_key and (done := created_with_key(submission_key, author.id)):
        raise AlreadyCreated(done)
    data = dict(data)
    extras = fairs.pop_extras(data)
    confirm_outside = bool(data.get("confirm_outside"))
    values = _checked_values(kind, data, creating=True)
    if publish:
        require_not_expired(values.get("valid_until"), now)
        require_fair_dates_ahead(kind, values, None, now)
    post = model(organisation=author.organisation, author=author, status=Status.DRAFT,
                 created_at=now, updated_at=now, links=[], submission_key=submission_key)
    _assign(post, values)
    _locate(post, confirm_outside=confirm_outside, moved=True)
    try:
        db.session.add(post)
        db.session.flush()  # applies column defaults (e.g. the 30 km radius) before the snapshot
        initial = history.initial_values(history.snapshot(post, field_names(kind)))
        if extras:
            initial.update(fairs.apply_extras(post, extras))
        record_change(post, author, now, "created", initial, history_note)
        if publish:
            mark_published(post, author, now, "published")
        if commit:
            db.session.commit()
    except (IntegrityError, fairs.FairInputError) as error:
        if isinstance(error, fairs.FairInputError):
            db.session.rollback()
            raise
        # The same form submitted at the same time: the other request stored the key first.
        db.session.rollback()
        if submission_key and (done := created_with_key(submission_key, author.id)):
            raise AlreadyCreated(done) from None
        raise
    return post


def update_post(post: Post, data: dict[str, Any], *, user: User, now: datetime,
                publish: bool = False, expected_version: int | None = None) -> Post:
    """Change a post's fields, recording only those that changed, as [old, new].

    `expected_version` is the version the editor loaded (default: the post's now). Fields
    someone else changed since then raise EditConflict, also when the save races past the check.
    """
    require(can_edit(user, post), "may not edit this post")
    if post.kind == Kind.FAIR:
        fairs.require_not_cancelled(post)
    expected = post.version if expected_version is None else expected_version
    data = dict(data)
    extras = fairs.pop_extras(data)
    confirm_outside = bool(data.get("confirm_outside"))
    values = _checked_values(post.kind, data, creating=False)
    for _attempt in range(_SAVE_ATTEMPTS):
        check_version(post, values, expected)
        if publish:  # on every attempt: someone may have published it meanwhile
            require_state(post, PUBLISH_FROM)
            require_not_expired(values.get("valid_until", post.valid_until), now)
            require_fair_dates_ahead(post.kind, values, post, now)
        try:
            if _save_changes(post, dict(values), user, now, confirm_outside=confirm_outside,
                             publish=publish, extras=extras):
                notices.tell_back_for_review(post, user)
            return post
        except StaleDataError:
            db.session.rollback()  # someone saved in between: check their changes again
        except fairs.FairInputError:
            db.session.rollback()
            raise
    raise EditConflict([], post.version, [])


# A save that lost the race checks again; only a post saved this often at once gives up.
_SAVE_ATTEMPTS = 3


def _save_changes(post: Post, values: dict[str, Any], user: User, now: datetime, *,
                  confirm_outside: bool, publish: bool, extras: dict[str, Any]) -> bool:
    """Save in one transaction; True when the change sent a withdrawn post back for review."""
    fields = field_names(post.kind)
    before = history.snapshot(post, fields)
    groups = values.pop("target_groups", None)
    _assign(post, values)
    moved = (before["latitude"], before["longitude"]) != (post.latitude, post.longitude)
    _locate(post, confirm_outside=confirm_outside, moved=moved,
            radius_changed=before.get("commute_radius_km") != getattr(post, "commute_radius_km", None))
    after = history.snapshot(post, fields)
    if groups is not None:
        after["target_groups"] = submitted_values({"target_groups": groups})["target_groups"]
    changed = history.diff(before, after)
    if post.kind == Kind.FAIR:
        changed.update(fairs.apply_extras(post, extras))
        fairs.raise_sequence(post, changed)
    back_for_review = bool(changed) and post.status == Status.UNPUBLISHED
    if changed:
        post.updated_at = now
        record_change(post, user, now, "updated", changed)
    if back_for_review:
        send_back_for_review(post, user=user, now=now)
    if publish:
        mark_published(post, user, now, "published")
    db.session.flush()  # UPDATE ... WHERE version = <loaded>: StaleDataError if someone was faster
    if "target_groups" in changed:
        replace_target_groups(post, groups)
    db.session.commit()
    return back_for_review


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


def relocate_posts(now: datetime) -> int:
    """Recompute district, municipality and catchment of every post (after a geodata rebuild)."""
    count = 0
    for post in db.session.scalars(select(Post)):
        fields = field_names(post.kind)
        before = history.snapshot(post, fields)
        _locate(post, confirm_outside=post.outside_region, moved=True)
        changed = history.diff(before, history.snapshot(post, fields))
        if changed:
            record_change(post, None, now, "relocated", changed)
            count += 1
    db.session.commit()
    return count
