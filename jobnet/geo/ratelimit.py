"""A request rate limit shared by every process: of all machines on one PostgreSQL database
(a row in the database), or of one machine on SQLite (a lock file)."""

from __future__ import annotations

import fcntl
import logging
import math
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import Path

from flask import Flask
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from jobnet.extensions import db
from jobnet.geo.models import RateLimitSlot

log = logging.getLogger("jobnet.geo.ratelimit")
# A web request waiting longer than this for its turn gives up rather than hold a worker.
DEFAULT_MAX_WAIT_SECONDS = 10.0


class SlotLimiter(ABC):
    """At most one request per interval: a caller reserves the next free slot in shared storage,
    then sleeps until it without holding anything. gunicorn workers are separate processes (and
    machines), so an in-memory limit would allow one request per second per worker."""

    def __init__(
        self,
        interval_seconds: float,
        *,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        max_wait_seconds: float = DEFAULT_MAX_WAIT_SECONDS,
    ):
        self.interval = float(interval_seconds)
        self.clock = clock
        self.sleep = sleep
        self.max_wait = float(max_wait_seconds)

    def acquire(self) -> bool:
        """Wait for the next free slot; False (without waiting) if it is more than max_wait away."""
        reserved = self._reserve()
        if reserved is None:
            return False
        slot, now = reserved
        if slot > now:
            self.sleep(slot - now)
        return True

    @abstractmethod
    def _reserve(self) -> tuple[float, float] | None:
        """(slot, now) after storing the slot as the last one, or None when it is too far: in
        a lock file (one machine) or a database row (all machines)."""

    def _next_slot(self, last: float, now: float) -> float | None:
        # A slot further ahead than anyone may wait means the clock went back: start afresh.
        if not math.isfinite(last) or last > now + self.max_wait + self.interval:
            last = -math.inf
        slot = max(now, last + self.interval)
        return None if slot - now > self.max_wait else slot


class RateLimiter(SlotLimiter):
    """The slot in a file under an exclusive flock: every process of one machine."""

    def __init__(self, path: Path, interval_seconds: float, **options):
        super().__init__(interval_seconds, **options)
        self.path = Path(path)

    def _reserve(self) -> tuple[float, float] | None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # "a+" creates the file but never empties it before the lock is held.
        with self.path.open("a+", encoding="ascii") as file:
            fcntl.flock(file, fcntl.LOCK_EX)
            try:
                now = self.clock()
                slot = self._next_slot(self._last_slot(file), now)
                if slot is None:
                    return None
                file.seek(0)
                file.truncate()
                file.write(repr(slot))
                file.flush()
            finally:
                fcntl.flock(file, fcntl.LOCK_UN)
        return slot, now

    @staticmethod
    def _last_slot(file) -> float:
        file.seek(0)
        try:
            return float(file.read(64) or "-inf")
        except ValueError:  # a truncated or foreign file: start afresh
            return -math.inf


class DatabaseRateLimiter(SlotLimiter):
    """The slot in a row of rate_limit_slot, read and moved under SELECT ... FOR UPDATE: every
    process of every machine on one PostgreSQL database. Needs an app context."""

    def __init__(self, name: str, interval_seconds: float, **options):
        super().__init__(interval_seconds, **options)
        self.name = name

    def _reserve(self) -> tuple[float, float] | None:
        try:
            with Session(db.engine) as session, session.begin():
                session.execute(insert(RateLimitSlot).values(name=self.name, last_slot=-1.0)
                                .on_conflict_do_nothing(index_elements=["name"]))
                row = session.scalar(select(RateLimitSlot).where(RateLimitSlot.name == self.name)
                                     .with_for_update())
                now = self.clock()  # read under the row lock, like the file's
                slot = self._next_slot(row.last_slot, now)
                if slot is None:
                    return None
                row.last_slot = slot
        except SQLAlchemyError as error:
            # No shared slot, no request: a busy or unreachable database must not let every
            # worker ask at once.
            log.warning("rate limit %s: no slot (%s)", self.name, type(error).__name__)
            return None
        return slot, now


def limiter_for(app: Flask, name: str, interval_seconds: float) -> SlotLimiter:
    """One limit for all machines on PostgreSQL; on SQLite (one machine) a file in instance/."""
    if make_url(app.config["SQLALCHEMY_DATABASE_URI"]).get_backend_name() == "postgresql":
        return DatabaseRateLimiter(name, interval_seconds)
    return RateLimiter(Path(app.instance_path) / f"{name}.lock", interval_seconds)
