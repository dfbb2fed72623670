"""A counter that moves whenever something visitors can see may have changed.

The page cache (web/page_cache.py) keys its pages on it. Every INSERT, UPDATE or DELETE on a table
outside UNSEEN_TABLES marks its connection; the transaction's commit then moves the counter in the
same transaction, so every worker process sees the new number exactly when it sees the new data
(docs/architecture.md, "Page cache").
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app
from sqlalchemy import String, event, text
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
    "exchange_thread", "exchange_thread_district", "exchange_message", "exchange_mention",
    "exchange_message_edit", "exchange_report",
    "exchange_follow", "member_notification", "notification_setting", "notification_mail",
    # The shared slot of Nominatim's rate limit (jobnet/geo/ratelimit.py).
    "rate_limit_slot",
})
_WRITE = re.compile(r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)',
                    re.IGNORECASE)
_CHANGED = "jobnet.content_changed"  # in the connection's info while a transaction is open
_PAUSED = "jobnet.content_version_paused"
RECENT_SECONDS = 0.2


class ContentVersion(db.Model):
    """One row: the number and the epoch of the content (a new epoch after the row was lost)."""

    __tablename__ = "content_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int]
    epoch: Mapped[str] = mapped_column(String(32))


class _Recent:
    """The version as last read by this app, trusted for RECENT_SECONDS; a commit through the
    app's engine forgets it."""

    def __init__(self) -> None:
        self.value: str | None = None
        self.read_at = 0.0

    def forget(self, _conn=None) -> None:
        self.value = None


def current_version(*, recent: bool = False) -> str:
    """The content's version as a string for cache keys; "empty" before the first write.

    recent=True may answer from a read at most RECENT_SECONDS old (one database round trip saved
    per page): a change made by another process reaches visitors that much later."""
    memo: _Recent = current_app.extensions["jobnet_content_version"]
    now = time.monotonic()
    if recent and memo.value is not None and now - memo.read_at < RECENT_SECONDS:
        return memo.value
    row = db.session.execute(text("SELECT epoch, number FROM content_version WHERE id = 1")).first()
    memo.value, memo.read_at = (f"{row[0]}.{row[1]}" if row else "empty"), now
    return memo.value


@contextmanager
def paused(connection) -> Iterator[None]:
    """No counting on this connection (migrations: the table may not exist yet)."""
    connection.info[_PAUSED] = True
    try:
        yield
    finally:
        connection.info.pop(_PAUSED, None)
        connection.info.pop(_CHANGED, None)


def _note_write(conn, _cursor, statement, _parameters, _context, _executemany) -> None:
    if _PAUSED in conn.info:
        return
    match = _WRITE.match(statement)
    if match and match.group(1).lower() not in UNSEEN_TABLES:
        conn.info[_CHANGED] = True


def _move_before_commit(conn) -> None:
    if not conn.info.pop(_CHANGED, False):
        return
    # On the driver's cursor, inside the transaction that is about to commit, and as its last
    # lock: transactions that write content queue here for a moment but cannot deadlock on it.
    # The epoch only counts when the row is new (a database emptied and filled again).
    cursor = conn.connection.cursor()
    try:
        cursor.execute(
            "INSERT INTO content_version (id, number, epoch) "
            f"VALUES (1, 1, '{secrets.token_hex(8)}') "
            "ON CONFLICT (id) DO UPDATE SET number = content_version.number + 1")
    finally:
        cursor.close()


def _forget(conn) -> None:
    conn.info.pop(_CHANGED, None)


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
