"""Exactly one leading scheduler among those started on several machines.

On PostgreSQL the leader holds a session-level advisory lock on a connection of its own: the
lock lives exactly as long as that database session, so a leader that dies (process killed,
machine off, network gone) loses it without anyone cleaning up. TCP keepalives on that session
make the server notice a silent machine within SCHEDULER_LEADER_DEAD_AFTER_SECONDS. SQLite is
one machine by definition: an flock on a file next to the database elects one of the scheduler
processes there, and the kernel frees it when the process ends.
"""

from __future__ import annotations

import fcntl
import logging
import os
import socket
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from jobnet.config import ConfigError

log = logging.getLogger("jobnet.leadership")
# One bigint for the scheduler's advisory lock ("JobNet" in ASCII). Advisory locks are per
# database, so installations with databases of their own on one server do not meet.
LOCK_KEY = 0x4A6F_624E_6574
APPLICATION_NAME = "jobnet-scheduler"
_HOLDER_SQL = text(
    "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
    "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = :high AND l.objid = :low "
    "AND l.objsubid = 1")


def process_name() -> str:
    """This scheduler as "host:pid" for logs and pg_stat_activity (no personal data)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}"


class LeaderLock(Protocol):
    def try_acquire(self) -> bool: ...
    def held(self) -> bool: ...
    def holder(self) -> str | None: ...
    def release(self) -> None: ...


class AdvisoryLock:
    """pg_try_advisory_lock on a dedicated autocommit connection (never in an open transaction,
    which idle-transaction timeouts would end), kept while leading."""

    def __init__(self, url: str | URL, *, dead_after_seconds: float):
        keepalive = _keepalive(dead_after_seconds)
        name = f"{APPLICATION_NAME} {process_name()}"[:63]
        server = " ".join(f"-c {key}={value}" for key, value in (
            ("tcp_keepalives_idle", keepalive["idle"]),
            ("tcp_keepalives_interval", keepalive["interval"]),
            ("tcp_keepalives_count", keepalive["count"]),
            ("tcp_user_timeout", keepalive["user_timeout_ms"])))
        self.engine = create_engine(make_url(url), poolclass=NullPool, isolation_level="AUTOCOMMIT",
                                    connect_args={
                                        "application_name": name, "options": server,
                                        "connect_timeout": max(2, keepalive["idle"]),
                                        # The leader's own side notices a dead server too.
                                        "keepalives": 1, "keepalives_idle": keepalive["idle"],
                                        "keepalives_interval": keepalive["interval"],
                                        "keepalives_count": keepalive["count"],
                                        "tcp_user_timeout": keepalive["user_timeout_ms"]})
        self.connection: Connection | None = None

    def try_acquire(self) -> bool:
        """True when this process holds the lock now; False when another does or the database
        cannot be reached (logged, then tried again later)."""
        try:
            if self.connection is None:
                self.connection = self.engine.connect()
            return bool(self.connection.scalar(text("SELECT pg_try_advisory_lock(:key)"),
                                               {"key": LOCK_KEY}))
        except SQLAlchemyError as error:
            log.warning("scheduler lock not reachable (%s)", type(error).__name__)
            self._drop()
            return False

    def held(self) -> bool:
        """Whether the lock's session is alive and still holds it; False drops the session."""
        if self.connection is None:
            return False
        try:
            held = self.connection.scalar(text(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                "AND pid = pg_backend_pid()"))
        except SQLAlchemyError:
            held = 0
        if not held:
            self._drop()
        return bool(held)

    def holder(self) -> str | None:
        """The application name of the session holding the lock (e.g. "jobnet-scheduler web2:815")."""
        try:
            with self.engine.connect() as connection:
                return connection.scalar(_HOLDER_SQL, {"high": LOCK_KEY >> 32,
                                                       "low": LOCK_KEY & 0xFFFF_FFFF})
        except SQLAlchemyError:
            return None

    def release(self) -> None:
        if self.connection is not None:
            try:
                self.connection.scalar(text("SELECT pg_advisory_unlock(:key)"), {"key": LOCK_KEY})
            except SQLAlchemyError:
                pass  # a dead session has freed it already
        self._drop()
        self.engine.dispose()

    def _drop(self) -> None:
        connection, self.connection = self.connection, None
        if connection is not None:
            try:
                connection.invalidate()  # never back to a pool: the session must end
                connection.close()
            except SQLAlchemyError:
                pass


class FileLock:
    """An exclusive, non-blocking flock held while leading; the kernel frees it with the process."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.file = None

    def try_acquire(self) -> bool:
        if self.file is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        file = self.path.open("a+", encoding="ascii")
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            file.close()
            return False
        file.seek(0)
        file.truncate()
        file.write(process_name())
        file.flush()
        self.file = file
        return True

    def held(self) -> bool:
        return self.file is not None  # a local flock cannot be taken away

    def holder(self) -> str | None:
        try:
            return self.path.read_text("ascii", errors="replace").strip() or None
        except OSError:
            return None

    def release(self) -> None:
        file, self.file = self.file, None
        if file is not None:
            file.close()


def leader_lock_for(config: Mapping[str, Any], instance_path: str | Path) -> LeaderLock:
    """The lock that elects the leading scheduler for the app's database."""
    url = make_url(config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() == "postgresql":
        return AdvisoryLock(url, dead_after_seconds=_seconds(config,
                                                             "SCHEDULER_LEADER_DEAD_AFTER_SECONDS"))
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        database = Path(url.database)
        return FileLock(database.with_name(database.name + ".scheduler-lock"))
    return FileLock(Path(instance_path) / "scheduler.lock")


class Election:
    """Waits for the lead, retrying, and tells the leader whether it still leads."""

    def __init__(self, lock: LeaderLock, *, retry_seconds: float, stop: threading.Event | None = None):
        self.lock = lock
        self.retry = retry_seconds
        self.stop = stop or threading.Event()

    def wait_for_lead(self) -> bool:
        """Block until this process leads (True) or `stop` is set (False)."""
        announced = False
        while not self.stop.is_set():
            if self.lock.try_acquire():
                log.info("scheduler %s leads now", process_name())
                return True
            if not announced:
                log.info("scheduler %s waits: %s leads; trying again every %g s", process_name(),
                         self.lock.holder() or "another scheduler", self.retry)
                announced = True
            # Event.wait, not time.sleep: it also works under libfaketime (tests/digest).
            self.stop.wait(self.retry)
        return False

    def still_leading(self) -> bool:
        if self.lock.held():
            return True
        log.warning("scheduler %s lost the lead (its database session ended); its jobs stop",
                    process_name())
        return False

    def resign(self) -> None:
        self.lock.release()


def _seconds(config: Mapping[str, Any], key: str) -> float:
    value = config[key]
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise ConfigError(f"{key} must be a number of seconds above 0")
    return float(value)


def election_settings(config: Mapping[str, Any]) -> tuple[float, float]:
    """(retry, check) seconds from the configuration; ConfigError names a wrong key."""
    _seconds(config, "SCHEDULER_LEADER_DEAD_AFTER_SECONDS")
    return (_seconds(config, "SCHEDULER_LEADER_RETRY_SECONDS"),
            _seconds(config, "SCHEDULER_LEADER_CHECK_SECONDS"))


def _keepalive(dead_after_seconds: float) -> dict[str, int]:
    # Half the time idle, then three probes over the other half: a silent peer counts as gone
    # after about dead_after_seconds, also while data waits unacknowledged (tcp_user_timeout).
    idle = max(1, int(dead_after_seconds / 2))
    interval = max(1, int(dead_after_seconds / 6))
    return {"idle": idle, "interval": interval, "count": 3,
            "user_timeout_ms": int(dead_after_seconds * 1000)}
