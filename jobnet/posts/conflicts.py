"""Concurrent saves of posts: version conflicts of edits and resubmitted creates.

See docs/architecture.md, "Concurrent edits".
"""

from __future__ import annotations

from typing import Any, NamedTuple

from sqlalchemy import select

from jobnet.accounts.permissions import PermissionDenied
from jobnet.extensions import db
from jobnet.posts import history
from jobnet.posts.models import Post, PostChange


class ConflictRow(NamedTuple):
    field: str
    label: str
    theirs: str  # the value saved now, readable
    yours: str  # the value the editor submitted, readable


class EditConflict(Exception):
    """The post was saved by someone else after the editor loaded it, in fields they submitted."""

    def __init__(self, rows: list[ConflictRow], version: int, authors: list[str]) -> None:
        super().__init__(f"post changed meanwhile: {[row.field for row in rows]}")
        self.rows, self.version, self.authors = rows, version, authors


class AlreadyCreated(Exception):
    """A create form was submitted again: the post its first submission created."""

    def __init__(self, post: Post) -> None:
        super().__init__(f"already created as post {post.id}")
        self.post = post


def submitted_values(values: dict[str, Any]) -> dict[str, Any]:
    """Submitted values in the shape of history.snapshot, for comparing with the stored ones."""
    result = {name: history.json_value(value) for name, value in values.items()}
    if "target_groups" in result:
        result["target_groups"] = sorted(dict.fromkeys(result["target_groups"] or []))
    return result


def check_version(post: Post, values: dict[str, Any], expected: int) -> None:
    """Raise EditConflict if fields the editor submitted were changed since version `expected`.

    Changes to other fields (status, the derived place) are kept and need no decision.
    """
    if post.version == expected:
        return
    later = db.session.scalars(select(PostChange).where(
        PostChange.post_id == post.id, PostChange.version > expected)).all()
    current = history.snapshot(post, tuple(name for name in values if hasattr(post, name)))
    yours = submitted_values(values)
    touched = {name for change in later for name in (change.fields or {})}
    rows = [ConflictRow(name, str(history.FIELD_LABELS.get(name, name)),
                        history.display_value(name, current[name]),
                        history.display_value(name, yours[name]))
            for name in sorted(touched & set(current), key=_form_order)
            if current[name] != yours[name]]
    if rows:
        authors = list(dict.fromkeys(change.user.name for change in later if change.user))
        raise EditConflict(rows, post.version, authors)


def _form_order(name: str) -> int:
    return history.FIELD_ORDER.get(name, len(history.FIELD_ORDER))


def created_with_key(key: str, author_id: int) -> Post | None:
    """The post a create form with this one-time key already made, if any."""
    post = db.session.scalars(select(Post).where(Post.submission_key == key)).first()
    if post is not None and post.author_id != author_id:
        raise PermissionDenied("submission key of another author")
    return post
