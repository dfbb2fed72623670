"""What a digest round did, and how an error is described in its log (never with addresses)."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

Progress = Callable[["RoundReport", str | None], None]


def describe(error: BaseException) -> str:
    """An exception for the log: its type and where it was raised, never its text (which may
    quote an address, e.g. SQL parameters or a refused recipient)."""
    frames = traceback.extract_tb(error.__traceback__)
    where = f" at {frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else ""
    return f"{type(error).__name__}{where}"


@dataclass
class RoundReport:
    """What a round did; dry runs fill `planned` with (address, subject or None) instead."""

    period: str
    sent: int = 0
    skipped: int = 0
    deferred: int = 0
    failed: int = 0
    gone: int = 0  # unsubscribed (or suspended) while the round ran: nothing sent
    errors: int = 0  # unexpected errors; the row is retried like a temporary failure
    suspended: int = 0  # subscriptions suspended by this round's permanent failure
    total: int = 0  # rows to send when the round started
    waiting: int = 0  # rows left for a later run (max_wait reached)
    next_retry: datetime | None = None
    planned: list[tuple[str, str | None]] = field(default_factory=list)
