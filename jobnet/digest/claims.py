"""Who holds a claimed outbox row ("host:pid"), and putting rows back when their holder ended."""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta

from sqlalchemy import select, update

from jobnet.digest.models import DeliveryStatus as S
from jobnet.digest.models import DigestDelivery
from jobnet.digest.periods import Period
from jobnet.extensions import db


def holder() -> str:
    """This process as a claim owner ("host:pid"); computed per call because of forks."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}"


def release_dead_claims(period: Period, *, now: datetime, stale_after: timedelta) -> int:
    """Put rows back whose claiming process died (same host, pid gone) or that are stale."""
    rows = db.session.execute(select(DigestDelivery.id, DigestDelivery.claimed_by,
                                     DigestDelivery.claimed_at)
                              .where(DigestDelivery.period == period.key,
                                     DigestDelivery.status == S.SENDING)).all()
    dead = [row_id for row_id, by, at in rows
            if _holder_dead(by) or at is None or at < now - stale_after]
    if dead:
        db.session.execute(update(DigestDelivery).where(
            DigestDelivery.id.in_(dead), DigestDelivery.status == S.SENDING)
            .values(status=S.RETRY, next_attempt_at=now, claimed_by=None,
                    last_error="process ended during sending"))
        db.session.commit()
    return len(dead)


def _holder_dead(claimed_by: str | None) -> bool:
    parts = (claimed_by or "").split(":")
    if parts[-1].startswith("b"):  # a batch claim "host:pid:b<tag>"
        parts = parts[:-1]
    host, pid = ":".join(parts[:-1]), parts[-1]
    if host != socket.gethostname()[:60] or not pid.isdigit():
        return False  # another machine's claim: only the stale timeout may release it
    if int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def release_own_claims(period: Period, *, now: datetime, reason: str) -> int:
    """Put back every row of the period this process holds (after an error or Ctrl+C), so the
    next run sends them at once instead of waiting for the claim timeout."""
    mine = holder()
    result = db.session.execute(update(DigestDelivery).where(
        DigestDelivery.period == period.key, DigestDelivery.status == S.SENDING,
        (DigestDelivery.claimed_by == mine) | DigestDelivery.claimed_by.like(f"{mine}:b%"))
        .values(status=S.RETRY, next_attempt_at=now, claimed_by=None, last_error=reason[:300]))
    db.session.commit()
    return result.rowcount
