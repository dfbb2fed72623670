"""A counter that moves whenever something visitors can see may have changed.

The page cache (web/page_cache.py) keys its pages on it. Every INSERT, UPDATE or DELETE on a table
outside UNSEEN_TABLES marks its connection; the transaction's commit then moves the counter in the
same transaction, so every worker process sees the new number exactly when it sees the new data
(docs/architecture.md, "Page cache").

A second counter, `general`, moves only with writes that are not a post's own: organisations,
bulk statements, deleted posts, anything outside an ORM flush of posts. A flush of posts and their parts
(target groups, exhibitors, ...), and statements in a `post_writes(post_id)` block, instead stamp
each changed post with the new number (post.content_seq). A page of posts can then tell whether what it shows changed: `general`, and
the count and newest stamp of its posts (posts/queries.py selection_fingerprint).
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from flask import current_app
from sqlalchemy import String, event, inspect, text
from sqlalchemy.orm import Mapped, mapped_column

from jobnet.extensions import db

# Written often and never shown on a public page: a write here must not empty the page cache.
# A table missing from this list only costs cache misses; a table wrongly in it would show
# stale pages, so new tables count as content unless they are listed here.
UNSEEN_TABLES = frozenset({
    "content_version", "alembic_version", "user_session", "auth_throttle", "invitation",
    "geocode_cache", "post_change", "digest_subscription", "digest_delivery",
    "digest_pending_subscription", "digest_subscribe_throttle", "digest_opt_out",
    # Written calendar events (a cache of the feeds; jobnet/fairs/event_store.py).
    "job_fair_calendar_event",
    # Members only: marks, contacts per topic and their history are never on visitors' pages.
    "exchange_mark", "organisation_contact", "exchange_change",
    # Members only as well: questions, answers, their mentions, edits and reports.
    "exchange_thread", "exchange_thread_district", "exchange_thread_target_group",
    "exchange_message", "exchange_mention",
    "exchange_message_edit", "exchange_report",
    "exchange_follow", "member_notification", "notification_setting", "notification_mail",
    # The shared slot of Nominatim's rate limit (jobnet/geo/ratelimit.py).
    "rate_limit_slot",
})
_WRITE = re.compile(r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)',
                    re.IGNORECASE)
# In the connection's info while a transaction is open:
_CHANGED = "jobnet.content_changed"  # some content was written
_GENERAL = "jobnet.content_changed_general"  # ... and not only posts that are stamped
_POSTS = "jobnet.content_changed_posts"  # ids of the posts to stamp at commit
_IN_FLUSH = "jobnet.content_in_flush"  # an ORM flush is writing (its objects decide)
_OF_POST = "jobnet.content_of_post"  # statements that change only one post's rows (post_writes)
_PAUSED = "jobnet.content_version_paused"
_KEYS = (_CHANGED, _GENERAL, _POSTS, _IN_FLUSH, _OF_POST)
RECENT_SECONDS = 0.2


class ContentVersion(db.Model):
    """One row: the number and the epoch of the content (a new epoch after the row was lost)."""

    __tablename__ = "content_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int]
    epoch: Mapped[str] = mapped_column(String(32))
    general: Mapped[int] = mapped_column(default=0, server_default="0")


class _Recent:
    """The version as last read by this app, trusted for RECENT_SECONDS; a commit through the
    app's engine forgets it."""

    def __init__(self) -> None:
        self.value: str | None = None
        self.general = "empty"
        self.read_at = 0.0

    def forget(self, _conn=None) -> None:
        self.value = None


def _read(recent: bool) -> _Recent:
    memo: _Recent = current_app.extensions["jobnet_content_version"]
    now = time.monotonic()
    if recent and memo.value is not None and now - memo.read_at < RECENT_SECONDS:
        return memo
    row = db.session.execute(
        text("SELECT epoch, number, general FROM content_version WHERE id = 1")).first()
    memo.value = f"{row[0]}.{row[1]}" if row else "empty"
    memo.general = f"{row[0]}.{row[2]}" if row else "empty"
    memo.read_at = now
    return memo


def current_version(*, recent: bool = False) -> str:
    """The content's version as a string for cache keys; "empty" before the first write.

    recent=True may answer from a read at most RECENT_SECONDS old (one database round trip saved
    per page): a change made by another process reaches visitors that much later."""
    return _read(recent).value or "empty"


def current_general(*, recent: bool = False) -> str:
    """The version of everything but the posts' own rows (read as current_version reads)."""
    return _read(recent).general


@contextmanager
def paused(connection) -> Iterator[None]:
    """No counting on this connection (migrations: the table may not exist yet)."""
    connection.info[_PAUSED] = True
    try:
        yield
    finally:
        connection.info.pop(_PAUSED, None)
        _forget(connection)


@contextmanager
def post_writes(post_id: int) -> Iterator[None]:
    """Statements in this block change only this post's rows (its target groups, ...): they
    stamp the post, as an ORM flush of it would, instead of moving `general`, which makes
    every page and the map's points read again."""
    connection = db.session.connection()
    connection.info[_OF_POST] = int(post_id)
    try:
        yield
    finally:
        connection.info.pop(_OF_POST, None)


def _note_write(conn, _cursor, statement, _parameters, _context, _executemany) -> None:
    if _PAUSED in conn.info:
        return
    match = _WRITE.match(statement)
    if match and match.group(1).lower() not in UNSEEN_TABLES:
        conn.info[_CHANGED] = True
        if _IN_FLUSH in conn.info:
            return  # the flushed objects tell which posts changed (_flush_wrote)
        if _OF_POST in conn.info:
            conn.info.setdefault(_POSTS, set()).add(conn.info[_OF_POST])
        else:  # a bulk statement: which posts it changed is unknown
            conn.info[_GENERAL] = True


@cache
def _post_key(cls: type) -> str | None:
    """The attribute holding the id of the post an object belongs to: "id" for posts, the
    foreign key for their parts (target groups, exhibitors, ...); None for everything else."""
    from jobnet.posts.models import Post

    if issubclass(cls, Post):
        return "id"
    post_tables = {mapper.local_table.name for mapper in inspect(Post).self_and_descendants}
    mapper = inspect(cls)
    for column in mapper.local_table.columns:
        if any(key.column.table.name in post_tables for key in column.foreign_keys):
            return mapper.get_property_by_column(column).key
    return None


def _flush_starts(session, _context, _instances) -> None:
    session.connection().info[_IN_FLUSH] = True


def _flush_wrote(session, _context) -> None:
    """After the flush's statements: which posts they changed, or that something else changed."""
    info = session.connection().info
    info.pop(_IN_FLUSH, None)
    posts = info.setdefault(_POSTS, set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        if inspect(obj).mapper.local_table.name in UNSEEN_TABLES:
            continue
        key = _post_key(type(obj))
        post_id = getattr(obj, key, None) if key else None
        # A deleted post keeps no stamp to be found by: whoever reads only the changed posts
        # (map/points.py) must read everything again.
        if post_id is None or key == "id" and obj in session.deleted:
            info[_GENERAL] = True
        else:
            posts.add(post_id)


def _move_before_commit(conn) -> None:
    changed, general = conn.info.pop(_CHANGED, False), conn.info.pop(_GENERAL, False)
    posts = conn.info.pop(_POSTS, set())
    conn.info.pop(_IN_FLUSH, None)
    if not changed:
        return
    # On the driver's cursor, inside the transaction that is about to commit, and as its last
    # lock: transactions that write content queue here for a moment but cannot deadlock on it,
    # and stamps follow the order of commits. The epoch only counts when the row is new (a
    # database emptied and filled again). Only integers are written into the statements.
    more_general = ", general = content_version.general + 1" if general or not posts else ""
    cursor = conn.connection.cursor()
    try:
        cursor.execute(
            "INSERT INTO content_version (id, number, epoch, general) "
            f"VALUES (1, 1, '{secrets.token_hex(8)}', 1) "
            f"ON CONFLICT (id) DO UPDATE SET number = content_version.number + 1{more_general} "
            "RETURNING number")
        number = int(cursor.fetchone()[0])
        if posts:
            ids = ",".join(str(int(post_id)) for post_id in sorted(posts))
            cursor.execute(f"UPDATE post SET content_seq = {number} WHERE id IN ({ids})")
    finally:
        cursor.close()


def _forget(conn) -> None:
    for key in _KEYS:
        conn.info.pop(key, None)


def init_app(app) -> None:
    """Watch the app's engine for content writes."""
    memo = app.extensions["jobnet_content_version"] = _Recent()
    with app.app_context():
        engine = db.engine
    event.listen(engine, "commit", memo.forget)
    if event.contains(engine, "commit", _move_before_commit):
        return
    event.listen(engine, "before_cursor_execute", _note_write)
    event.listen(engine, "commit", _move_before_commit)
    event.listen(engine, "rollback", _forget)
    if not event.contains(db.session, "before_flush", _flush_starts):
        event.listen(db.session, "before_flush", _flush_starts)
        event.listen(db.session, "after_flush", _flush_wrote)
