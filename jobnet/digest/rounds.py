"""A digest round: load the period's posts once, then compose and deliver every outbox row."""

from __future__ import annotations

import logging
import smtplib
import time
import traceback
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
              clock: Callable[[], datetime], sleep: Callable[[float], None],
              max_wait: float | None = None, progress: Progress | None = None) -> RoundReport:
    """Send the period's digests; retries temporary failures until the period ends.

    `max_wait`: seconds the round may spend waiting for retries in all (None: until the period
    ends); rows still waiting then are left for a later run (report.waiting). `progress` is
    called after each batch and before each wait. An exception (also Ctrl+C) releases every
    claim of this process in the period before it propagates, so nothing stays `sending`.
    """
    # Each sent digest is committed on its own; expiring every loaded subscription at each
    # commit made the round reload them one by one (measured: 77 -> 88-97 messages/s without).
    # A round may use preferences a few minutes old; whether the subscriber is still subscribed
    # is checked again right before each send.
    session = db.session()
    previous, session.expire_on_commit = session.expire_on_commit, False
    started = time.monotonic()
    log.info("digest round %s started", period.key)
    try:
        report = _run_round(period, settings=settings, transport=transport, clock=clock,
                            sleep=sleep, max_wait=max_wait, progress=progress)
    except BaseException as error:
        released = _release_after(period, clock, error)
        log.error("digest round %s aborted after %.1f s by %s; %d claims released for the "
                  "next run", period.key, time.monotonic() - started, describe(error), released)
        raise
    finally:
        session.expire_on_commit = previous
        # The marks' UPDATEs leave loaded objects as they were (outbox.NO_SYNC): whoever uses
        # the session next reads subscriptions and rows afresh.
        session.expire_all()
    log.info("digest round %s finished in %.1f s: %d of %d sent, %d skipped, %d failed, "
             "%d unsubscribed meanwhile, %d errors, %d suspended, %d left for retry",
             period.key, time.monotonic() - started, report.sent, report.total, report.skipped,
             report.failed, report.gone, report.errors, report.suspended, report.waiting)
    return report


def _release_after(period: Period, clock, error: BaseException) -> int:
    try:
        db.session.rollback()
        return outbox.release_own_claims(period, now=clock(),
                                         reason=f"round ended by {type(error).__name__}")
    # The database itself is gone: the claim timeout releases them later.
    except Exception as release_error:  # noqa: BLE001
        log.error("digest round %s: could not release claims (%s)", period.key,
                  describe(release_error))
        return 0


def _run_round(period: Period, *, settings: DigestSettings, transport,
               clock: Callable[[], datetime], sleep: Callable[[float], None],
               max_wait: float | None, progress: Progress | None) -> RoundReport:
    report = RoundReport(period.key)
    outbox.prepare(period, now=clock())
    released = outbox.release_dead_claims(period, now=clock(), stale_after=settings.claim_timeout)
    if released:
        log.info("digest round %s: %d claims of ended processes released", period.key, released)
    pending = db.session.scalars(select(Subscription).join(DigestDelivery).where(
        DigestDelivery.period == period.key,
        DigestDelivery.status.in_((DeliveryStatus.PENDING, DeliveryStatus.RETRY,
                                   DeliveryStatus.SENDING)))).all()
    report.total = len(pending)
    log.info("digest round %s: %d digests to send", period.key, report.total)
    composer = Composer(period, settings, pending)
    deadline = period.slot + INTERVAL[period.frequency]
    waited = 0.0
    while True:
        now = clock()
        due = outbox.due_ids(period, now)
        if not due:
            waiting = outbox.next_retry_at(period)
            if waiting is None:
                break
            seconds = max(0.0, (waiting - now).total_seconds())
            if max_wait is not None and waited + seconds > max_wait:
                report.waiting, report.next_retry = outbox.waiting_count(period), waiting
                break
            if progress:
                progress(report, f"waiting {seconds:.0f} s for "
                                 f"{outbox.waiting_count(period)} retries")
            sleep(seconds)
            waited += seconds
            continue
        with open_session(transport) as connection:
            for start in range(0, len(due), CLAIM_BATCH):
                rows = outbox.claim_batch(due[start:start + CLAIM_BATCH], now=clock())
                claims = [outbox.Claim.of(row) for row in rows]
                for row, claim in zip(rows, claims, strict=True):
                    try:
                        _deliver(row, claim, composer, connection, report, settings, clock,
                                 deadline)
                    except Exception as error:  # noqa: BLE001 (any error)
                        _unexpected(claim, error, report, settings, clock, deadline)
                if progress:
                    progress(report, None)
    return report


def _unexpected(claim: outbox.Claim, error: Exception, report: RoundReport,
                settings: DigestSettings, clock, deadline: datetime) -> None:
    """Any other error with one row: logged, the row retried later like a temporary failure
    (so a row that always fails ends as failed), and the round goes on with the next row."""
    db.session.rollback()
    report.errors += 1
    text = describe(error)
    log.error("digest %s: delivery %d (subscription %d) failed with %s", claim.period,
              claim.id, claim.subscription_id, text)
    outbox.defer(claim, text, now=clock(), backoff=settings.backoff,
                 max_attempts=settings.max_attempts, deadline=deadline)


def _deliver(row: DigestDelivery, claim: outbox.Claim, composer: Composer, connection,
             report: RoundReport, settings: DigestSettings, clock, deadline: datetime) -> None:
    subscription = row.subscription
    digest = composer.digest(subscription)
    if digest.is_empty and not settings.send_empty:
        outbox.mark_skipped(claim, now=clock())
        report.skipped += 1
        return
    message = digest_message(to=subscription.email, subscription_id=subscription.id,
                             period=composer.period, digest=digest,
                             # Signed at the wall clock, which the web process checks them against.
                             links=subscriber_links(subscription, utcnow()),
                             locale=subscription.locale)
    # The rows were claimed up to a batch ago: whoever unsubscribed (or was suspended) since
    # gets nothing. Checked as late as possible, after composing.
    if outbox.still_ours(claim) is not None:
        report.gone += 1
        return
    try:
        connection.send(message)
    except DELIVERY_ERRORS as error:
        temporary, text = outbox.classify(error)
        if temporary:
            if outbox.defer(claim, text, now=clock(), backoff=settings.backoff,
                            max_attempts=settings.max_attempts, deadline=deadline):
                report.failed += 1
            else:
                report.deferred += 1
        else:
            report.failed += 1
            if outbox.fail(claim, text, now=clock(), suspend_after=settings.suspend_after):
                report.suspended += 1
                log.warning("digest %s: subscription %d suspended after %d refused periods",
                            claim.period, claim.subscription_id, settings.suspend_after)
        return
    # Marked the moment send() returns, i.e. right after the server's final reply to DATA, in
    # one short transaction. A crash from the end of DATA until this commit is the one window
    # in which a digest can go out twice (with the same Message-ID); see the README.
    try:
        outbox.mark_sent(claim, now=clock())
    # Once more: failing here means the digest goes out again (same Message-ID).
    except Exception as error:  # noqa: BLE001
        db.session.rollback()
        log.error("digest %s: marking delivery %d sent failed with %s; trying again",
                  claim.period, claim.id, describe(error))
        outbox.mark_sent(claim, now=clock())
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
