"""A digest round: load the period's posts once, then compose and deliver every outbox row."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask_babel import force_locale
from sqlalchemy import select

from jobnet.clock import utcnow
from jobnet.digest import outbox
from jobnet.digest.compose import Digest, Wanted, compose
from jobnet.digest.index import PostIndex, load_index
from jobnet.digest.links import subscriber_links
from jobnet.digest.models import DeliveryStatus, DigestDelivery, Subscription
from jobnet.digest.periods import INTERVAL, Period, slot_of_key
from jobnet.digest.preferences import resolved_districts
from jobnet.digest.render import digest_message, subject_line
from jobnet.digest.settings import DigestSettings
from jobnet.extensions import db
from jobnet.mail.transports import open_session

log = logging.getLogger("jobnet.digest")
# A subscriber who missed digests gets at most this many periods of news at once.
MAX_CATCH_UP_PERIODS = 4
DELIVERY_ERRORS = (smtplib.SMTPException, OSError)
# Rows claimed per transaction: fewer commits, and at most this many rows wait for a restart.
CLAIM_BATCH = 25


@dataclass
class RoundReport:
    """What a round did; dry runs fill `planned` with (address, subject or None) instead."""

    period: str
    sent: int = 0
    skipped: int = 0
    deferred: int = 0
    failed: int = 0
    planned: list[tuple[str, str | None]] = field(default_factory=list)


class Composer:
    """Composes digests for a period from one index, caching what subscribers share."""

    def __init__(self, period: Period, settings: DigestSettings, subscriptions: list) -> None:
        self.period, self.settings = period, settings
        self._slots: dict[str, datetime | None] = {}
        self._wanted: dict[tuple, Wanted] = {}
        earliest = min((self.since(s) for s in subscriptions), default=period.since)
        self.index: PostIndex = load_index(
            since=earliest, until=period.slot,
            fair_until=period.slot + timedelta(weeks=settings.fair_weeks), region=settings.region)

    def since(self, subscription: Subscription) -> datetime:
        """Start of the subscriber's window: their last digest's slot, at most a few periods back."""
        last = subscription.last_digest_period
        if not last or last == self.period.key:
            return self.period.since
        if last not in self._slots:
            self._slots[last] = slot_of_key(last, self.settings.trigger(self.period.frequency))
        slot = self._slots[last]
        if slot is None or slot >= self.period.slot:
            return self.period.since
        oldest = self.period.slot - MAX_CATCH_UP_PERIODS * INTERVAL[self.period.frequency]
        return max(slot, oldest)

    def wanted(self, s: Subscription) -> Wanted:
        key = (tuple(s.kinds), s.district_mode, tuple(s.districts), s.include_catchment,
               tuple(s.target_groups))
        if key not in self._wanted:
            self._wanted[key] = Wanted(frozenset(s.kinds), resolved_districts(
                s.district_mode, s.districts, self.settings.region), s.include_catchment,
                frozenset(s.target_groups))
        return self._wanted[key]

    def digest(self, subscription: Subscription) -> Digest:
        return compose(self.wanted(subscription), self.index, self.since(subscription))


def run_round(period: Period, *, settings: DigestSettings, transport,
              clock: Callable[[], datetime], sleep: Callable[[float], None]) -> RoundReport:
    """Send the period's digests; retries temporary failures until the period ends."""
    # Each sent digest is committed on its own; expiring every loaded subscription at each
    # commit made the round reload them one by one (measured: 77 -> 88-97 messages/s without).
    # A round may use preferences a few minutes old; an unsubscribed address loses its
    # outbox row with the subscription and is never claimed.
    session = db.session()
    previous, session.expire_on_commit = session.expire_on_commit, False
    try:
        return _run_round(period, settings=settings, transport=transport, clock=clock,
                          sleep=sleep)
    finally:
        session.expire_on_commit = previous


def _run_round(period: Period, *, settings: DigestSettings, transport,
               clock: Callable[[], datetime], sleep: Callable[[float], None]) -> RoundReport:
    report = RoundReport(period.key)
    outbox.prepare(period, now=clock())
    outbox.release_dead_claims(period, now=clock(), stale_after=settings.claim_timeout)
    pending = db.session.scalars(select(Subscription).join(DigestDelivery).where(
        DigestDelivery.period == period.key,
        DigestDelivery.status.in_((DeliveryStatus.PENDING, DeliveryStatus.RETRY,
                                   DeliveryStatus.SENDING)))).all()
    composer = Composer(period, settings, pending)
    deadline = period.slot + INTERVAL[period.frequency]
    while True:
        now = clock()
        due = outbox.due_ids(period, now)
        if not due:
            waiting = outbox.next_retry_at(period)
            if waiting is None:
                break
            sleep(max(0.0, (waiting - now).total_seconds()))
            continue
        with open_session(transport) as connection:
            for start in range(0, len(due), CLAIM_BATCH):
                for row in outbox.claim_batch(due[start:start + CLAIM_BATCH], now=clock()):
                    _deliver(row, composer, connection, report, settings, clock, deadline)
    log.info("digest %s: %d sent, %d skipped, %d failed", period.key, report.sent,
             report.skipped, report.failed)
    return report


def _deliver(row: DigestDelivery, composer: Composer, connection, report: RoundReport,
             settings: DigestSettings, clock, deadline: datetime) -> None:
    subscription = row.subscription
    digest = composer.digest(subscription)
    if digest.is_empty and not settings.send_empty:
        outbox.finish(row, DeliveryStatus.SKIPPED, now=clock())
        report.skipped += 1
        return
    message = digest_message(to=subscription.email, subscription_id=subscription.id,
                             period=composer.period, digest=digest,
                             # Signed at the wall clock, which the web process checks them against.
                             links=subscriber_links(subscription, utcnow()),
                             locale=subscription.locale)
    try:
        connection.send(message)
    except DELIVERY_ERRORS as error:
        temporary, text = outbox.classify(error)
        if temporary:
            outbox.defer(row, text, now=clock(), backoff=settings.backoff,
                         max_attempts=settings.max_attempts, deadline=deadline)
            report.deferred += 1
        else:
            outbox.fail(row, text)
            report.failed += 1
        return
    # Marked right after the server accepted: a crash between the two is the only window in
    # which a digest can go out twice (with the same Message-ID); see the README.
    outbox.finish(row, DeliveryStatus.SENT, now=clock())
    report.sent += 1


def dry_run(period: Period, *, settings: DigestSettings) -> RoundReport:
    """What a round would send now, without writing anything or sending mail."""
    report = RoundReport(period.key)
    done = select(DigestDelivery.subscription_id).where(
        DigestDelivery.period == period.key,
        DigestDelivery.status.in_((DeliveryStatus.SENT, DeliveryStatus.SKIPPED,
                                   DeliveryStatus.FAILED)))
    subscriptions = db.session.scalars(select(Subscription).where(
        Subscription.id.in_(outbox.eligible_subscriptions(period)),
        Subscription.id.not_in(done)).order_by(Subscription.id)).all()
    composer = Composer(period, settings, subscriptions)
    for subscription in subscriptions:
        digest = composer.digest(subscription)
        if digest.is_empty and not settings.send_empty:
            report.planned.append((subscription.email, None))
            continue
        with force_locale(subscription.locale):
            report.planned.append((subscription.email, subject_line(digest, period)))
    return report
