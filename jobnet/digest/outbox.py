"""The outbox: a unique row per (subscription, period), claimed before and marked after SMTP."""

from __future__ import annotations

import os
import secrets
import smtplib
import socket
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from jobnet.digest.models import DeliveryStatus as S
from jobnet.digest.models import DigestDelivery, Subscription
from jobnet.digest.periods import Period
from jobnet.digest.render import message_id
from jobnet.extensions import db


def holder() -> str:
    """This process as a claim owner ("host:pid"); computed per call because of forks."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}"

def eligible_subscriptions(period: Period):
    """SELECT of subscription ids due a digest in this period (confirmed before its slot)."""
    return (select(Subscription.id)
            .where(Subscription.frequency == period.frequency,
                   Subscription.consented_at <= period.slot)
            .order_by(Subscription.id))

def prepare(period: Period, *, now: datetime) -> int:
    """Insert a pending row for every eligible subscription that has none; returns how many."""
    have = set(db.session.scalars(
        select(DigestDelivery.subscription_id).where(DigestDelivery.period == period.key)))
    missing = [sid for sid in db.session.scalars(eligible_subscriptions(period)) if sid not in have]
    rows = [{"subscription_id": sid, "period": period.key, "status": S.PENDING, "attempts": 0,
             "next_attempt_at": now, "message_id": message_id(sid, period.key), "created_at": now}
            for sid in missing]
    try:
        for start in range(0, len(rows), 500):
            db.session.execute(DigestDelivery.__table__.insert(), rows[start:start + 500])
        db.session.commit()
    except IntegrityError:
        # Another process prepared the same period at the same moment: its rows are as good.
        db.session.rollback()
        return 0
    return len(rows)

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

def due_ids(period: Period, now: datetime) -> list[int]:
    """Rows of the period that may be sent now, in id order."""
    return list(db.session.scalars(
        select(DigestDelivery.id).where(DigestDelivery.period == period.key,
                                        DigestDelivery.status.in_((S.PENDING, S.RETRY)),
                                        DigestDelivery.next_attempt_at <= now)
        .order_by(DigestDelivery.id)))

def next_retry_at(period: Period) -> datetime | None:
    """When the earliest waiting retry of the period is due, or None."""
    return db.session.scalar(select(func.min(DigestDelivery.next_attempt_at)).where(
        DigestDelivery.period == period.key, DigestDelivery.status.in_((S.PENDING, S.RETRY))))

def claim(row_id: int, *, now: datetime) -> bool:
    """Atomically take a row for sending; False when another process was faster."""
    result = db.session.execute(
        update(DigestDelivery)
        .where(DigestDelivery.id == row_id, DigestDelivery.status.in_((S.PENDING, S.RETRY)))
        .values(status=S.SENDING, claimed_at=now, claimed_by=holder(),
                attempts=DigestDelivery.attempts + 1))
    db.session.commit()
    return result.rowcount == 1

def claim_batch(row_ids: list[int], *, now: datetime) -> list[DigestDelivery]:
    """Claim several rows in one transaction; returns the rows this process got, with subscribers.

    One commit for a batch instead of one per message; rows claimed but not sent when the process
    dies are released by release_dead_claims on the next run, exactly like a single claim.
    """
    tag = f"{holder()}:b{secrets.token_hex(4)}"
    db.session.execute(
        update(DigestDelivery)
        .where(DigestDelivery.id.in_(row_ids), DigestDelivery.status.in_((S.PENDING, S.RETRY)))
        .values(status=S.SENDING, claimed_at=now, claimed_by=tag,
                attempts=DigestDelivery.attempts + 1))
    db.session.commit()
    return list(db.session.scalars(
        select(DigestDelivery).where(DigestDelivery.claimed_by == tag)
        .options(joinedload(DigestDelivery.subscription)).order_by(DigestDelivery.id)))


def finish(row: DigestDelivery, status: str, *, now: datetime, error: str | None = None) -> None:
    """Mark a claimed row sent or skipped, and remember the period on the subscription."""
    row.status, row.sent_at, row.last_error, row.claimed_by = status, now, error, None
    row.subscription.last_digest_period = row.period
    db.session.commit()

def defer(row: DigestDelivery, error: str, *, now: datetime, backoff: list[float],
          max_attempts: int, deadline: datetime) -> None:
    """A temporary failure: try again after the backoff, or give up at the limit."""
    wait = timedelta(seconds=backoff[min(row.attempts, len(backoff)) - 1] if backoff else 60)
    row.last_error, row.claimed_by = error[:300], None
    if row.attempts >= max_attempts or now + wait >= deadline:
        row.status = S.FAILED
        row.last_error = f"{error} (gave up after {row.attempts} attempts)"[:300]
    else:
        row.status, row.next_attempt_at = S.RETRY, now + wait
    db.session.commit()

def fail(row: DigestDelivery, error: str) -> None:
    """A permanent refusal (5xx): never retried, shown to admins."""
    row.status, row.last_error, row.claimed_by = S.FAILED, error[:300], None
    db.session.commit()

def classify(error: Exception) -> tuple[bool, str]:
    """(temporary?, a description without personal data) of a delivery error."""
    name = type(error).__name__
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _text in error.recipients.values()]
        return all(400 <= code < 500 for code in codes), f"{codes[0] if codes else '?'} {name}"
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return True, f"{error.smtp_code} {name}: check MAIL_USERNAME/MAIL_PASSWORD"
    if isinstance(error, smtplib.SMTPResponseException):
        return not 500 <= error.smtp_code < 600, f"{error.smtp_code} {name}"
    return True, name  # disconnects, refused connections, timeouts: try again
