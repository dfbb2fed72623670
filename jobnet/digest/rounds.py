"""A digest round: load the period's posts once, then compose and deliver every outbox row."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime

from flask_babel import force_locale
from sqlalchemy import select

from jobnet.clock import utcnow
from jobnet.digest import claims, outbox
from jobnet.digest.composer import Composer
from jobnet.digest.links import subscriber_links
from jobnet.digest.models import DeliveryStatus, DigestDelivery, Subscription
from jobnet.digest.periods import INTERVAL, Period
from jobnet.digest.render import digest_message, subject_line
from jobnet.digest.report import Progress, RoundReport, describe
from jobnet.digest.settings import DigestSettings
from jobnet.extensions import db
from jobnet.mail.transports import MAIL_ERRORS, classify, open_session

log = logging.getLogger("jobnet.digest")
# Rows claimed per transaction: fewer commits, and at most this many rows wait for a restart.
CLAIM_BATCH = 25


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
        return claims.release_own_claims(period, now=clock(),
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
    released = claims.release_dead_claims(period, now=clock(), stale_after=settings.claim_timeout)
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
        if due:
            _send_due(due, composer, transport, report, settings, clock, deadline, progress)
            continue
        seconds = _wait_before_retries(period, now, report, max_wait, waited, progress)
        if seconds is None:
            break
        sleep(seconds)
        waited += seconds
    return report


def _wait_before_retries(period: Period, now: datetime, report: RoundReport,
                         max_wait: float | None, waited: float,
                         progress: Progress | None) -> float | None:
    """Seconds until the next retry is due, or None when the round ends here (nothing left to
    retry, or waiting longer would pass max_wait: report.waiting says how many are left)."""
    waiting = outbox.next_retry_at(period)
    if waiting is None:
        return None
    seconds = max(0.0, (waiting - now).total_seconds())
    if max_wait is not None and waited + seconds > max_wait:
        report.waiting, report.next_retry = outbox.waiting_count(period), waiting
        return None
    if progress:
        progress(report, f"waiting {seconds:.0f} s for {outbox.waiting_count(period)} retries")
    return seconds


def _send_due(due: list[int], composer: Composer, transport, report: RoundReport,
              settings: DigestSettings, clock, deadline: datetime,
              progress: Progress | None) -> None:
    """Claim the due rows batch by batch and deliver each over one SMTP session."""
    with open_session(transport) as connection:
        pipeline = _Pipeline(connection, composer, report, settings, clock, deadline)
        for start in range(0, len(due), CLAIM_BATCH):
            rows = outbox.claim_batch(due[start:start + CLAIM_BATCH], now=clock())
            for row in rows:
                pipeline.deliver(row, outbox.Claim.of(row))
            if progress:
                progress(report, None)
        pipeline.conclude()
        if progress:
            progress(report, None)


class _Pipeline:
    """Delivers rows one after the other, composing each digest while the server takes in the
    one before it unless the server has answered already; a row is marked sent right after the
    server's answer to its DATA (the window in which a crash sends it twice:
    docs/architecture.md, "Digest idempotency")."""

    def __init__(self, connection, composer: Composer, report: RoundReport,
                 settings: DigestSettings, clock, deadline: datetime) -> None:
        self.start = getattr(connection, "start", connection.send)
        self.finish = getattr(connection, "finish", None)
        self.answered = getattr(connection, "answered", lambda: False)
        self.composer, self.report, self.settings = composer, report, settings
        self.clock, self.deadline = clock, deadline
        self.waiting: outbox.Claim | None = None  # handed to the server, its answer unread

    def deliver(self, row: DigestDelivery, claim: outbox.Claim) -> None:
        if self.waiting is not None and self.answered():
            # The server has answered already: mark that digest now, not after composing this
            # one, which would only widen the window in which a crash sends it twice.
            self.conclude()
        try:
            message = self._prepare(row, claim)
        except Exception as error:  # noqa: BLE001 (any error)
            self.conclude()
            self._unexpected(claim, error)
            return
        self.conclude()
        if message is None:
            return
        try:
            self.start(message)
        except Exception as error:  # noqa: BLE001 (any error)
            self._failed(claim, error)
            return
        if self.finish is None:
            self._mark_sent(claim)
        else:
            self.waiting = claim

    def conclude(self) -> None:
        """Wait for the server's answer to the message handed over last, and record it."""
        claim, self.waiting = self.waiting, None
        if claim is None:
            return
        try:
            self.finish()
        except Exception as error:  # noqa: BLE001 (any error)
            self._failed(claim, error)
            return
        self._mark_sent(claim)

    def _failed(self, claim: outbox.Claim, error: Exception) -> None:
        """Sending failed: a refusal or lost connection is retried or counted as refused, any
        other error is logged and retried later."""
        if isinstance(error, MAIL_ERRORS):
            _refused(claim, error, self.report, self.settings, self.clock, self.deadline)
        else:
            self._unexpected(claim, error)

    def _prepare(self, row: DigestDelivery, claim: outbox.Claim):
        """The row's message, or None when there is nothing to send (empty, unsubscribed)."""
        subscription = row.subscription
        digest = self.composer.digest(subscription)
        if digest.is_empty and not self.settings.send_empty:
            outbox.mark_skipped(claim, now=self.clock())
            self.report.skipped += 1
            return None
        message = digest_message(to=subscription.email, subscription_id=subscription.id,
                                 period=self.composer.period, digest=digest,
                                 # Signed at the wall clock, which the web process checks.
                                 links=subscriber_links(subscription, utcnow()),
                                 locale=subscription.locale)
        # The rows were claimed up to a batch ago: whoever unsubscribed (or was suspended)
        # since gets nothing. Checked as late as possible, after composing.
        if outbox.still_ours(claim) is not None:
            self.report.gone += 1
            return None
        return message

    def _mark_sent(self, claim: outbox.Claim) -> None:
        # In one short transaction right after the server's answer to DATA.
        try:
            outbox.mark_sent(claim, now=self.clock())
        # Once more: failing here means the digest goes out again (same Message-ID).
        except Exception as error:  # noqa: BLE001
            db.session.rollback()
            log.error("digest %s: marking delivery %d sent failed with %s; trying again",
                      claim.period, claim.id, describe(error))
            outbox.mark_sent(claim, now=self.clock())
        self.report.sent += 1

    def _unexpected(self, claim: outbox.Claim, error: Exception) -> None:
        """Any other error with one row: logged, the row retried later like a temporary
        failure (so a row that always fails ends as failed), and the round goes on."""
        db.session.rollback()
        self.report.errors += 1
        text = describe(error)
        log.error("digest %s: delivery %d (subscription %d) failed with %s", claim.period,
                  claim.id, claim.subscription_id, text)
        outbox.defer(claim, text, now=self.clock(), backoff=self.settings.backoff,
                      max_attempts=self.settings.max_attempts, deadline=self.deadline)


def _refused(claim: outbox.Claim, error: Exception, report: RoundReport,
             settings: DigestSettings, clock, deadline: datetime) -> None:
    """A temporary failure (4xx, connection) is retried; a permanent one (5xx) counts towards
    the subscription's suspension."""
    temporary, text = classify(error)
    if temporary:
        if outbox.defer(claim, text, now=clock(), backoff=settings.backoff,
                        max_attempts=settings.max_attempts, deadline=deadline):
            report.failed += 1
        else:
            report.deferred += 1
        return
    report.failed += 1
    if outbox.fail(claim, text, now=clock(), suspend_after=settings.suspend_after):
        report.suspended += 1
        log.warning("digest %s: subscription %d suspended after %d refused periods",
                    claim.period, claim.subscription_id, settings.suspend_after)


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
