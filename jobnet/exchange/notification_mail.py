"""Notification mails: prepare one outbox row per (member, mail), claim it, send it, mark it.

The same machinery as the digest (jobnet/digest/outbox.py, claims.py): a unique row, an atomic
claim before SMTP ("host:pid" of digest.claims.holder), the mark right after the server's answer,
temporary failures retried with DIGEST_RETRY_BACKOFF_SECONDS, stale claims released after
DIGEST_CLAIM_TIMEOUT_MINUTES. Which notifications a mail carries is fixed when its row is made
(Notification.mail_key), so a retry sends the same mail and nothing is mailed twice.
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from jobnet.accounts import tokens
from jobnet.accounts.models import User
from jobnet.clock import LOCAL_TIMEZONE
from jobnet.digest.claims import holder
from jobnet.digest.models import DeliveryStatus as S
from jobnet.exchange.notification_models import (
    MailFrequency,
    Notification,
    NotificationMail,
    NotificationSetting,
)
from jobnet.exchange.notification_text import line
from jobnet.extensions import db
from jobnet.mail.links import public_link
from jobnet.mail.messages import compose_message
from jobnet.mail.transports import classify, open_session
from jobnet.mail.wire import sender_domain

log = logging.getLogger("jobnet.notifications")
SALT = "jobnet-notification-unsubscribe"


def setting_of(user: User) -> NotificationSetting:
    """The member's setting, created with the default (immediately) on first use."""
    found = db.session.get(NotificationSetting, user.id)
    if found is None:
        found = NotificationSetting(user_id=user.id, frequency=MailFrequency.IMMEDIATELY,
                                    link_nonce=secrets.token_hex(8))
        db.session.add(found)
        db.session.flush()
    return found


def _frequencies() -> dict[int, str]:
    return dict(db.session.execute(select(NotificationSetting.user_id,
                                          NotificationSetting.frequency)).all())


def mail_key(frequency: str, first_id: int, now: datetime) -> str | None:
    """The key of the mail due now for a member with this frequency, or None (not yet due)."""
    local = now.astimezone(LOCAL_TIMEZONE)
    hour = current_app.config["NOTIFICATION_MAIL_HOUR"]
    if frequency == MailFrequency.IMMEDIATELY:
        return f"i:{first_id}"
    if frequency == MailFrequency.DAILY and local.hour >= hour:
        return f"d:{local.date().isoformat()}"
    if frequency == MailFrequency.WEEKLY and local.weekday() == 0 and local.hour >= hour:
        year, week, _day = local.isocalendar()
        return f"w:{year}-W{week:02d}"
    return None


def prepare(*, now: datetime) -> int:
    """A pending row for every member with unmailed notifications whose mail is due now."""
    pending = db.session.execute(
        select(Notification.user_id, func.min(Notification.id), func.max(Notification.id))
        .where(Notification.mail_key.is_(None), Notification.created_at <= now)
        .group_by(Notification.user_id)).all()
    frequencies, made = _frequencies(), 0
    for user_id, first_id, last_id in pending:
        frequency = frequencies.get(user_id, MailFrequency.IMMEDIATELY)
        if frequency == MailFrequency.NEVER:
            continue
        key = mail_key(frequency, first_id, now)
        if key is None:
            continue
        try:
            db.session.add(NotificationMail(user_id=user_id, key=key, status=S.PENDING,
                                            next_attempt_at=now, created_at=now))
            db.session.flush()
        except IntegrityError:  # another process made this mail a moment ago
            db.session.rollback()
            continue
        db.session.execute(update(Notification).where(
            Notification.user_id == user_id, Notification.mail_key.is_(None),
            Notification.id <= last_id).values(mail_key=key))
        db.session.commit()
        made += 1
    return made


def claim(row_id: int, *, now: datetime) -> bool:
    """Atomically take a row for sending; False when another process was faster."""
    result = db.session.execute(update(NotificationMail).where(
        NotificationMail.id == row_id, NotificationMail.status.in_((S.PENDING, S.RETRY)))
        .values(status=S.SENDING, claimed_at=now, claimed_by=holder(),
                attempts=NotificationMail.attempts + 1).execution_options(synchronize_session=False))
    db.session.commit()
    return result.rowcount == 1


def _mark(row_id: int, status: str, *, now: datetime, error: str | None = None,
          next_attempt_at: datetime | None = None) -> None:
    values = {"status": status, "claimed_by": None, "last_error": error}
    if status in (S.SENT, S.SKIPPED):
        values["sent_at"] = now
    if next_attempt_at is not None:
        values["next_attempt_at"] = next_attempt_at
    db.session.execute(update(NotificationMail).where(
        NotificationMail.id == row_id, NotificationMail.status == S.SENDING,
        NotificationMail.claimed_by == holder()).values(**values)
        .execution_options(synchronize_session=False))
    db.session.commit()


def release_stale(*, now: datetime) -> int:
    """Put back rows whose claim is older than the claim timeout (the process died)."""
    stale = now - timedelta(minutes=current_app.config["DIGEST_CLAIM_TIMEOUT_MINUTES"])
    result = db.session.execute(update(NotificationMail).where(
        NotificationMail.status == S.SENDING, NotificationMail.claimed_at < stale)
        .values(status=S.RETRY, claimed_by=None, next_attempt_at=now,
                last_error="process ended during sending"))
    db.session.commit()
    return result.rowcount


def unsubscribe_token(setting: NotificationSetting, now: datetime) -> str:
    return tokens.make_token(current_app.config["SECRET_KEY"], SALT,
                             [setting.user_id, setting.link_nonce], now)


def read_unsubscribe_token(token: str, now: datetime) -> NotificationSetting:
    """The setting a token names; LinkError when tampered, too old or revoked."""
    max_age = timedelta(days=current_app.config["DIGEST_LINK_MAX_AGE_DAYS"])
    payload = tokens.read_token(current_app.config["SECRET_KEY"], SALT, token, max_age, now)
    if not (isinstance(payload, list) and len(payload) == 2 and isinstance(payload[0], int)
            and isinstance(payload[1], str)):
        raise tokens.LinkError("invalid")
    found = db.session.get(NotificationSetting, payload[0])
    if found is None or found.link_nonce != payload[1]:
        raise tokens.LinkError("revoked")
    return found


def message_for(row: NotificationMail, user: User, now: datetime):
    """The mail of the row: its notifications, a link to each, one-click unsubscribe."""
    items = list(db.session.scalars(select(Notification).where(
        Notification.user_id == user.id, Notification.mail_key == row.key)
        .order_by(Notification.id)))
    if not items:
        return None
    setting = setting_of(user)
    unsubscribe = public_link("notifications.unsubscribe", token=unsubscribe_token(setting, now))
    base = current_app.config["PUBLIC_BASE_URL"]
    entries = [(line(n), base + n.link) for n in items]
    subject = (entries[0][0] if len(entries) == 1 else
               _("JobNet: %(num)d Neuigkeiten im Austausch", num=len(entries)))
    context = {"user": user, "entries": entries, "unsubscribe": unsubscribe, "subject": subject,
               "settings": public_link("notifications.index")}
    return compose_message(
        to=user.email, subject=subject,
        text=render_template("email/notifications.txt", **context),
        html=render_template("email/notifications.html", **context),
        message_id=f"<notification.{row.id}.{row.key.replace(':', '.')}@{sender_domain(current_app.config)}>",
        headers=[("List-Id", f"JobNet Benachrichtigungen <notifications.{current_app.config['MAIL_LIST_ID_DOMAIN']}>"),
                 ("List-Unsubscribe", f"<{unsubscribe}>"),
                 ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                 ("Auto-Submitted", "auto-generated")])


def send_due(transport, *, now: datetime) -> dict[str, int]:
    """Send every due row once; returns counts by outcome."""
    release_stale(now=now)
    counts = {S.SENT: 0, S.SKIPPED: 0, S.RETRY: 0, S.FAILED: 0}
    due = list(db.session.scalars(select(NotificationMail.id).where(
        NotificationMail.status.in_((S.PENDING, S.RETRY)), NotificationMail.next_attempt_at <= now)
        .order_by(NotificationMail.id)))
    if not due:
        return counts
    with open_session(transport) as connection:
        for row_id in due:
            if claim(row_id, now=now):
                counts[_deliver(connection, row_id, now)] += 1
    return counts


def _deliver(connection, row_id: int, now: datetime) -> str:
    row = db.session.get(NotificationMail, row_id, populate_existing=True)
    user = row.user
    frequency = setting_of(user).frequency
    if not user.is_active or frequency == MailFrequency.NEVER:
        _mark(row_id, S.SKIPPED, now=now, error="unsubscribed or inactive")
        return S.SKIPPED
    with force_locale("de"):
        message = message_for(row, user, now)
    db.session.commit()  # no transaction stays open while the SMTP server talks
    if message is None:
        _mark(row_id, S.SKIPPED, now=now)
        return S.SKIPPED
    try:
        connection.send(message)
    except Exception as error:  # noqa: BLE001 (any error: retried or given up, never lost)
        temporary, description = classify(error)
        backoff = current_app.config["DIGEST_RETRY_BACKOFF_SECONDS"] or [60]
        if temporary and row.attempts < current_app.config["DIGEST_RETRY_MAX_ATTEMPTS"]:
            wait = backoff[min(row.attempts, len(backoff)) - 1]
            _mark(row_id, S.RETRY, now=now, error=description,
                  next_attempt_at=now + timedelta(seconds=wait))
            return S.RETRY
        _mark(row_id, S.FAILED, now=now, error=description)
        log.warning("notification mail %s failed: %s", row_id, description)
        return S.FAILED
    _mark(row_id, S.SENT, now=now)
    return S.SENT
