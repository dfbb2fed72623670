"""Serialised VEVENTs kept in the database, so a new process does not write them all again.

icalendar needs about 0.8 ms per event; kept only in process memory, the first feed request of
every worker after a start or deploy wrote all 2,000 events (1.7 s idle, 7.2 s under load).
Here one row per (fair, variant) holds the bytes and the key they were written for: a feed
reads the rows of the events it lacks in one query and writes only those whose key differs
(docs/architecture.md, "Job-fair calendar").
"""

from __future__ import annotations

import hashlib
import inspect
import logging
import secrets
from datetime import datetime

import icalendar
from sqlalchemy import ForeignKey, LargeBinary, String, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Mapped, mapped_column

from jobnet.extensions import db
from jobnet.fairs import schedule
from jobnet.posts.models import JobFair

log = logging.getLogger(__name__)
_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}
_BATCH = 500  # rows per statement: far below SQLite's and PostgreSQL's parameter limits
_FEW = 50  # up to this many fairs are looked up by id


class FairCalendarEvent(db.Model):
    """A fair's VEVENT as written for one variant (language, reminder, base URL, refresh)."""

    __tablename__ = "job_fair_calendar_event"

    fair_id: Mapped[int] = mapped_column(ForeignKey("job_fair.id", ondelete="CASCADE"),
                                         primary_key=True)
    variant: Mapped[str] = mapped_column(String(32), primary_key=True)
    # What the bytes were written from (see hashed()); another key means write them again.
    key: Mapped[str] = mapped_column(String(64))
    body: Mapped[bytes] = mapped_column(LargeBinary)
    struck_out: Mapped[bool]


def _code_fingerprint() -> str:
    # A deploy that changes how events are written must not serve events written before it.
    from jobnet.fairs import ical

    try:
        sources = inspect.getsource(ical) + inspect.getsource(schedule) + icalendar.__version__
    except OSError:  # installed without sources: stored events serve this process only
        sources = secrets.token_hex(16)
    return hashlib.sha256(sources.encode()).hexdigest()[:16]


_FINGERPRINT: list[str] = []


def hashed(*parts: object) -> str:
    """A short stable hash of the parts' reprs, with the writing code's fingerprint."""
    if not _FINGERPRINT:
        _FINGERPRINT.append(_code_fingerprint())
    text = repr((_FINGERPRINT[0], *parts))
    return hashlib.sha256(text.encode()).hexdigest()


def stored(variant: str, keys: dict[int, str], *, ends_after: datetime
           ) -> dict[int, tuple[bytes, bool]]:
    """The stored events of these fairs (fair id -> key) whose key still matches.

    Many fairs (a new process): the variant's rows of every fair ending after `ends_after`,
    which holds the feed's; an IN list of 2,000 ids cost SQLAlchemy 80 ms to compile."""
    table = FairCalendarEvent.__table__
    query = select(table.c.fair_id, table.c.key, table.c.body, table.c.struck_out).where(
        table.c.variant == variant)
    if len(keys) > _FEW:
        fairs = JobFair.__table__.c
        query = query.where(table.c.fair_id.in_(select(fairs.id).where(
            fairs.ends_at >= ends_after)))
    else:
        query = query.where(table.c.fair_id.in_(list(keys)))
    return {fair_id: (body, struck_out)
            for fair_id, key, body, struck_out in db.session.execute(query).all()
            if keys.get(fair_id) == key}


def store(variant: str, events: dict[int, tuple[str, bytes, bool]]) -> None:
    """Keep freshly written events (fair id -> (key, bytes, struck out)), replacing older ones.

    Commits the session: a feed is a GET with nothing else to commit. The table is in
    content_version.UNSEEN_TABLES, so this does not empty the page cache. A fair deleted
    meanwhile, or a locked SQLite file, only means the events are written again next time."""
    if not events:
        return
    table = FairCalendarEvent.__table__
    rows = [{"fair_id": fair_id, "variant": variant, "key": key, "body": body,
             "struck_out": struck_out} for fair_id, (key, body, struck_out) in events.items()]
    session = db.session
    insert = _INSERTS[session.get_bind().dialect.name]
    try:
        for start in range(0, len(rows), _BATCH):
            statement = insert(table).values(rows[start:start + _BATCH])
            session.execute(statement.on_conflict_do_update(
                index_elements=[table.c.fair_id, table.c.variant],
                set_={"key": statement.excluded.key, "body": statement.excluded.body,
                      "struck_out": statement.excluded.struck_out}))
        session.commit()
    except (IntegrityError, OperationalError):
        session.rollback()
        log.warning("fair calendar events not stored; they are written again next time",
                    exc_info=True)
