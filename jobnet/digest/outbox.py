"""The outbox: a unique row per (subscription, period), claimed before and marked after SMTP."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from jobnet.digest.claims import holder
from jobnet.digest.models import DeliveryStatus as S
from jobnet.digest.models import DigestDelivery, Subscription
from jobnet.digest.periods import Period
from jobnet.digest.render import message_id
from jobnet.extensions import db


def eligible_subscriptions(period: Period):
    """SELECT of subscription ids due a digest in this period (confirmed before its slot)."""
    return (select(Subscription.id)
            .where(Subscription.frequency == period.frequency,
                   Subscription.consented_at <= period.slot,
                   Subscription.suspended_at.is_(None))
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
                attempts=DigestDelivery.attempts + 1).execution_options(**NO_SYNC))
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
                attempts=DigestDelivery.attempts + 1)
        .execution_options(synchronize_session=False))
    db.session.commit()
    # populate_existing: rows and subscribers loaded earlier in the round (a retry) are read
    # afresh, since the UPDATEs here do not touch objects in the session (see NO_SYNC).
    return list(db.session.scalars(
        select(DigestDelivery).where(DigestDelivery.claimed_by == tag)
        .options(joinedload(DigestDelivery.subscription)).order_by(DigestDelivery.id)
        .execution_options(populate_existing=True)))


@dataclass(frozen=True)


class Claim:
    """What a round needs of a claimed row, read once: marks never touch (possibly stale) ORM
    objects, so a subscription deleted mid-round cannot make a commit fail."""

    id: int
    tag: str | None
    attempts: int
    subscription_id: int
    period: str

    @classmethod
    def of(cls, row: DigestDelivery) -> Claim:
        return cls(row.id, row.claimed_by, row.attempts, row.subscription_id, row.period)

    @property
    def params(self) -> dict:
        """Bound parameters of the statements below that address this claim's row."""
        return {"row_id": self.id, "tag": self.tag, "subscription": self.subscription_id,
                "period_key": self.period}


# Per-row UPDATEs do not synchronise the session: SQLAlchemy's default ("evaluate") walks
# every object in the identity map on each UPDATE, i.e. all of a round's subscriptions and
# rows for every mark, quadratic in the round's size (it was most of a round's time). Marks
# (core UPDATEs, see _claimed) work on Claim values, claim_batch reloads with
# populate_existing, and run_round expires the session at its end.


NO_SYNC = {"synchronize_session": False}
_ROW, _SUBSCRIPTION = DigestDelivery.__table__, Subscription.__table__


def _claimed():
    """UPDATE of a row while this claim holds it (parameters: Claim.params)."""
    return _ROW.update().where(_ROW.c.id == bindparam("row_id"), _ROW.c.status == S.SENDING,
                               _ROW.c.claimed_by == bindparam("tag"))


def _subscription():
    """UPDATE of the claim's subscription (parameters: Claim.params)."""
    return _SUBSCRIPTION.update().where(_SUBSCRIPTION.c.id == bindparam("subscription"))


# The statements of every message, built once: building them per message (and with them
# their cache keys) took three times as long as running them (1.28 -> 0.40 ms per message
# for the re-check and the mark, on SQLite).
_STILL_SUBSCRIBED = (select(_SUBSCRIPTION.c.suspended_at)
                     .select_from(_ROW.join(_SUBSCRIPTION))
                     .where(_ROW.c.id == bindparam("row_id"), _ROW.c.status == S.SENDING,
                            _ROW.c.claimed_by == bindparam("tag")))
_MARK_SENT = _claimed().values(status=S.SENT, sent_at=bindparam("now"), last_error=None,
                               claimed_by=None)
_MARK_SKIPPED = _claimed().values(status=S.SKIPPED, sent_at=bindparam("now"), last_error=None,
                                  claimed_by=None)
_SENT_TO = _subscription().values(last_digest_period=bindparam("period_key"), failed_periods=0)
_SKIPPED_FOR = _subscription().values(last_digest_period=bindparam("period_key"))


def still_ours(claim: Claim) -> str | None:
    """Right before the send: None while the row is still claimed by us and the subscriber still
    subscribed; otherwise why not ("gone": unsubscribed, "suspended"). A suspended row is
    marked skipped here."""
    suspended_at = db.session.execute(_STILL_SUBSCRIBED, claim.params).first()
    if suspended_at is None:
        db.session.commit()
        return "gone"
    if suspended_at[0] is not None:
        db.session.execute(_claimed().values(status=S.SKIPPED, claimed_by=None,
                                             last_error="subscription suspended"), claim.params)
        db.session.commit()
        return "suspended"
    db.session.commit()  # no transaction stays open while the SMTP server talks
    return None


def mark_sent(claim: Claim, *, now: datetime) -> bool:
    """The server accepted the message: mark it in one short transaction, before anything else.

    Also resets the subscriber's count of refused periods. False when the row vanished (the
    subscriber left while the server was answering)."""
    result = db.session.execute(_MARK_SENT, {**claim.params, "now": now})
    db.session.execute(_SENT_TO, claim.params)
    db.session.commit()
    return result.rowcount == 1


def mark_skipped(claim: Claim, *, now: datetime) -> None:
    """Nothing new for this subscriber: remember the period, send nothing."""
    db.session.execute(_MARK_SKIPPED, {**claim.params, "now": now})
    db.session.execute(_SKIPPED_FOR, claim.params)
    db.session.commit()


def finish(row: DigestDelivery | Claim, status: str, *, now: datetime) -> None:
    """Mark a claimed row sent or skipped, and remember the period on the subscription."""
    claim = row if isinstance(row, Claim) else Claim.of(row)
    if status == S.SENT:
        mark_sent(claim, now=now)
    else:
        mark_skipped(claim, now=now)


def defer(row: DigestDelivery | Claim, error: str, *, now: datetime, backoff: list[float],
          max_attempts: int, deadline: datetime) -> bool:
    """A temporary failure: try again after the backoff, or give up at the limit (True)."""
    claim = row if isinstance(row, Claim) else Claim.of(row)
    wait = timedelta(seconds=backoff[min(max(claim.attempts, 1), len(backoff)) - 1]
                     if backoff else 60)
    if claim.attempts >= max_attempts or now + wait >= deadline:
        db.session.execute(_claimed().values(
            status=S.FAILED, claimed_by=None,
            last_error=f"{error} (gave up after {claim.attempts} attempts)"[:300]), claim.params)
        db.session.commit()
        return True
    db.session.execute(_claimed().values(status=S.RETRY, next_attempt_at=now + wait,
                                         claimed_by=None, last_error=error[:300]), claim.params)
    db.session.commit()
    return False


def fail(row: DigestDelivery | Claim, error: str, *, now: datetime | None = None,
         suspend_after: int | None = None) -> bool:
    """A permanent refusal (5xx): never retried, shown to admins. The subscriber's count of
    refused periods goes up; at `suspend_after` in a row the subscription is suspended (True)."""
    claim = row if isinstance(row, Claim) else Claim.of(row)
    db.session.execute(_claimed().values(status=S.FAILED, last_error=error[:300],
                                         claimed_by=None), claim.params)
    db.session.execute(_subscription().values(failed_periods=_SUBSCRIPTION.c.failed_periods + 1),
                       claim.params)
    suspended = 0
    if suspend_after is not None:
        suspended = db.session.execute(_subscription().where(
            _SUBSCRIPTION.c.suspended_at.is_(None),
            _SUBSCRIPTION.c.failed_periods >= suspend_after).values(
                suspended_at=now), claim.params).rowcount
    db.session.commit()
    return suspended == 1


def waiting_count(period: Period) -> int:
    """Rows of the period still to be sent (pending or waiting for a retry)."""
    return db.session.scalar(select(func.count()).where(
        DigestDelivery.period == period.key, DigestDelivery.status.in_((S.PENDING, S.RETRY))))


def unfinished(period: Period) -> bool:
    """Whether the period has prepared rows that are not done yet (pending, retry, sending)."""
    return db.session.scalar(select(DigestDelivery.id).where(
        DigestDelivery.period == period.key,
        DigestDelivery.status.in_((S.PENDING, S.RETRY, S.SENDING))).limit(1)) is not None
