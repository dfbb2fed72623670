"""Counters in fixed time windows, kept in the database so every gunicorn worker sees them.

See docs/architecture.md, "Login limits and sessions".
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import case, delete, literal, select, tuple_
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from jobnet.accounts.models import AuthThrottle
from jobnet.extensions import db
from jobnet.sqltypes import UTCDateTime

NO_CLIENT = ""
# Rows older than this count nothing any more (every window is shorter).
KEEP = timedelta(days=1)


@dataclass(frozen=True)
class Limit:
    scope: str
    max_count: int
    window: timedelta


@dataclass(frozen=True)
class Tally:
    count: int
    window_start: datetime

    def exceeds(self, limit: Limit) -> bool:
        return self.count > limit.max_count

    def reaches(self, limit: Limit) -> bool:
        return self.count >= limit.max_count

    def retry_after(self, limit: Limit, now: datetime) -> timedelta:
        return max(timedelta(seconds=1), self.window_start + limit.window - now)


def keyed(value: str) -> str:
    """An HMAC of an address or client, so the table holds no personal data."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, b"throttle\0" + value.encode(), hashlib.sha256).hexdigest()


def client_of(remote_addr: str | None) -> str:
    """The client's network as counted: an IPv4 address, or the /64 of an IPv6 address (one
    household or office gets a whole /64 and could otherwise hop through it)."""
    try:
        address = ipaddress.ip_address(remote_addr or "")
    except ValueError:
        return "unknown"
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(ipaddress.ip_network(f"{address}/64", strict=False))


def _insert(dialect: str):
    return postgresql_insert if dialect == "postgresql" else sqlite_insert


def hit(limit: Limit, subject: str, client: str, now: datetime) -> Tally:
    """Count one event and return the window's tally; one atomic statement, so parallel
    requests in other workers cannot lose counts. The caller commits."""
    table = AuthThrottle.__table__
    stale = table.c.window_start <= now - limit.window
    at_now = literal(now, UTCDateTime())
    statement = _insert(db.session.get_bind().dialect.name)(table).values(
        scope=limit.scope, subject=subject, client=client, window_start=now, count=1)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.scope, table.c.subject, table.c.client],
        set_={"count": case((stale, 1), else_=table.c.count + 1),
              "window_start": case((stale, at_now), else_=table.c.window_start)},
    ).returning(table.c.count, table.c.window_start)
    count, window_start = db.session.execute(statement).one()
    return Tally(count, window_start)


def tallies(keys: list[tuple[Limit, str, str]], now: datetime) -> list[Tally]:
    """The current tallies of several counters in one query (zero for missing or past windows)."""
    table = AuthThrottle.__table__
    rows = db.session.execute(select(table).where(tuple_(
        table.c.scope, table.c.subject, table.c.client).in_(
        [(limit.scope, subject, client) for limit, subject, client in keys]))).all()
    found = {(row.scope, row.subject, row.client): row for row in rows}
    result = []
    for limit, subject, client in keys:
        row = found.get((limit.scope, subject, client))
        current = row is not None and row.window_start > now - limit.window
        result.append(Tally(row.count, row.window_start) if current else Tally(0, now))
    return result


def clear(scope: str, subject: str, client: str | None = None) -> None:
    """Forget the subject's counter in the scope for the client, or for every client when
    none is given. The caller commits."""
    statement = delete(AuthThrottle).where(AuthThrottle.scope == scope,
                                           AuthThrottle.subject == subject)
    if client is not None:
        statement = statement.where(AuthThrottle.client == client)
    db.session.execute(statement)


def purge(now: datetime) -> int:
    """Delete counters whose windows are long over. The caller commits."""
    return db.session.execute(delete(AuthThrottle).where(
        AuthThrottle.window_start < now - KEEP)).rowcount
