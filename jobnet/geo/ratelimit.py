"""A request rate limit shared by every process on the machine, through a lock file."""

from __future__ import annotations

import fcntl
import math
import time
from collections.abc import Callable
from pathlib import Path

# A web request waiting longer than this for its turn gives up rather than hold a worker.
DEFAULT_MAX_WAIT_SECONDS = 10.0


class RateLimiter:
    """At most one request per interval among all processes that share the lock file.

    The file holds the time of the last reserved slot. A caller takes the next free slot under an
    exclusive flock, releases the lock and sleeps until its slot: gunicorn workers are separate
    processes, so an in-memory limit would allow one request per second per worker.
    """

    def __init__(
        self,
        path: Path,
        interval_seconds: float,
        *,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        max_wait_seconds: float = DEFAULT_MAX_WAIT_SECONDS,
    ):
        self.path = Path(path)
        self.interval = float(interval_seconds)
        self.clock = clock
        self.sleep = sleep
        self.max_wait = float(max_wait_seconds)

    def acquire(self) -> bool:
        """Wait for the next free slot; False (without waiting) if it is more than max_wait away."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # "a+" creates the file but never empties it before the lock is held.
        with self.path.open("a+", encoding="ascii") as file:
            fcntl.flock(file, fcntl.LOCK_EX)
            try:
                now = self.clock()
                slot = max(now, self._last_slot(file, now) + self.interval)
                if slot - now > self.max_wait:
                    return False
                file.seek(0)
                file.truncate()
                file.write(repr(slot))
                file.flush()
            finally:
                fcntl.flock(file, fcntl.LOCK_UN)
        if slot > now:
            self.sleep(slot - now)
        return True

    def _last_slot(self, file, now: float) -> float:
        file.seek(0)
        try:
            last = float(file.read(64) or "-inf")
        except ValueError:  # a truncated or foreign file: start afresh
            return -math.inf
        # A slot further ahead than anyone may wait means the clock went back: start afresh.
        if not math.isfinite(last) or last > now + self.max_wait + self.interval:
            return -math.inf
        return last
