"""Subscribing (double opt-in), member one-click subscriptions, managing and unsubscribing."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import datetime, timedelta
from typing import NamedTuple

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from jobnet.accounts import tokens
from jobnet.accounts.models import User
from jobnet.accounts.services import normalise_email
from jobnet.digest.links import manage_token, public_link, read_manage_token
from jobnet.digest.models import (
    DistrictMode,
    OptOut,
    PendingSubscription,
    SubscribeThrottle,
    Subscription,
)
from jobnet.digest.preferences import Preferences, checked_preferences
from jobnet.extensions import db
from jobnet.forms.errors import FieldError
from jobnet.mail.messages import build_message

# The consent wording (UWG §7): the text shown next to the subscribe button, rendered by
# templates/digest/subscribe.html; the confirm page (templates/digest/confirm.html) asks the
# question itself. Every confirmation stores CONSENT_WORDING, so bump it (year-month, a letter
# for a second change in a month) whenever either text changes; the old versions' texts stay
# in git history and the test pins the text of the current one.
CONSENT_WORDING = "2026-12"
CONSENT_TEXT = _l("Wir schicken Ihnen eine E-Mail mit einem Bestätigungslink. Bis Sie bestätigen, "
                  "bewahren wir Ihre Adresse nur dafür auf und löschen sie, wenn der Link abläuft. "
                  "Erst nach Ihrer Bestätigung senden wir Ihnen die Übersicht. Jede Ausgabe "
                  "enthält einen Link zum Abbestellen.")
# Members subscribe with the button on their profile page (templates/accounts/profile.html);
# bump this version when that text changes.
MEMBER_CONSENT_WORDING = "member-2026-12"

# A confirmation link carries secrets.token_urlsafe(32): 43 characters of the URL-safe alphabet.
CONFIRM_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{43}")


class Throttled(Exception):
    """A mail went to this address a short while ago; no new one is sent yet."""


def email_hash(email: str) -> str:
    """An HMAC of the normalised address: lets us count and prove without storing the address."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, normalise_email(email).encode(), hashlib.sha256).hexdigest()


def find_subscription(email: str) -> Subscription | None:
    """The subscription of an address, or None."""
    return db.session.scalar(select(Subscription).where(Subscription.email == normalise_email(email)))


class PendingRequest(NamedTuple):
    """What a confirmation link stands for: the address, its preferences, when it was asked for."""

    email: str
    preferences: Preferences
    requested_at: datetime


def confirm_token_hash(token: str) -> str:
    """The stored form of a confirmation token: its SHA-256 (the token itself is never stored)."""
    return hashlib.sha256(token.encode()).hexdigest()


def request_subscription(email: str, preferences: Preferences, *, now: datetime, transport) -> None:
    """Mail a confirmation link (or, if subscribed already, a manage link).

    Before consent only a pending row exists; the link carries a random token, never the address
    (links end up in proxy and gateway logs), and the row is deleted once confirmed or expired.
    """
    email = normalise_email(email)
    _count_mail(email_hash(email), now)
    existing = find_subscription(email)
    if existing is not None and existing.suspended_at is not None:
        existing = None  # suspended after bounces: only a new confirmation brings it back
    with force_locale(preferences.locale):
        daily = (existing.frequency if existing is not None else preferences.frequency) == "daily"
        if existing is not None:
            subject = (_("Ihre Tagesübersicht von JobNet Hessen") if daily
                       else _("Ihre Wochenübersicht von JobNet Hessen"))
            message = build_message(email, subject, "manage_subscription",
                                    frequency=existing.frequency,
                                    link=public_link("digest.manage", token=manage_token(existing, now)))
        else:
            hours = current_app.config["DIGEST_CONFIRM_MAX_AGE_HOURS"]
            token = secrets.token_urlsafe(32)
            _delete_expired_pending(now)
            db.session.add(PendingSubscription(
                token_hash=confirm_token_hash(token), email=email,
                preferences=preferences.as_payload(), requested_at=now,
                expires_at=now + timedelta(hours=hours)))
            db.session.commit()
            subject = (_("Bitte bestätigen Sie Ihre Anmeldung zur Tagesübersicht") if daily
                       else _("Bitte bestätigen Sie Ihre Anmeldung zur Wochenübersicht"))
            message = build_message(email, subject, "confirm_subscription",
                                    frequency=preferences.frequency,
                                    link=public_link("digest.confirm", token=token), hours=hours)
    transport.send(message)


def _delete_expired_pending(now: datetime) -> int:
    return db.session.execute(
        delete(PendingSubscription).where(PendingSubscription.expires_at <= now)).rowcount


def delete_expired_pending(now: datetime) -> int:
    """Delete unconfirmed requests whose link has expired (also done on every new request);
    for a periodic job. The number deleted."""
    deleted = _delete_expired_pending(now)
    db.session.commit()
    return deleted


def _count_mail(key: str, now: datetime) -> None:
    config = current_app.config
    row = db.session.get(SubscribeThrottle, key)
    if row is None:
        db.session.add(SubscribeThrottle(email_hash=key, last_sent_at=now, day_started_at=now,
                                         day_count=1))
    else:
        if now - row.last_sent_at < timedelta(minutes=config["DIGEST_CONFIRM_MIN_INTERVAL_MINUTES"]):
            raise Throttled()
        if now - row.day_started_at >= timedelta(days=1):
            row.day_started_at, row.day_count = now, 0
        if row.day_count >= config["DIGEST_CONFIRM_MAX_PER_DAY"]:
            raise Throttled()
        row.last_sent_at, row.day_count = now, row.day_count + 1
    # Rows older than a day prove nothing and limit nothing any more.
    db.session.execute(delete(SubscribeThrottle).where(
        SubscribeThrottle.last_sent_at < now - timedelta(days=2)))
    try:
        db.session.commit()
    except IntegrityError:  # the same address at the same instant from a parallel request
        db.session.rollback()
        raise Throttled() from None


def _pending_row(token: str, *, now: datetime) -> PendingSubscription:
    """The pending row of a confirmation token; LinkError if malformed, unknown, expired or
    overtaken by an opt-out (a link must not outlive an unsubscribe that came after it)."""
    if not isinstance(token, str) or not CONFIRM_TOKEN_RE.fullmatch(token):
        raise tokens.LinkError("invalid")
    pending = db.session.scalar(select(PendingSubscription).where(
        PendingSubscription.token_hash == confirm_token_hash(token)))
    # Unknown: confirmed already, expired and swept away, or dropped by an unsubscribe.
    if pending is None:
        raise tokens.LinkError("expired")
    if pending.expires_at <= now:
        _delete_expired_pending(now)
        db.session.commit()
        raise tokens.LinkError("expired")
    opted_out = db.session.scalar(select(OptOut.id).where(
        OptOut.email_hash == email_hash(pending.email), OptOut.at >= pending.requested_at).limit(1))
    if opted_out is not None:
        db.session.delete(pending)
        db.session.commit()
        raise tokens.LinkError("revoked")
    return pending


def pending_subscription(token: str, *, now: datetime) -> PendingRequest:
    """Address, preferences and request time behind a confirmation token; LinkError if unusable."""
    pending = _pending_row(token, now=now)
    try:
        preferences = checked_preferences(pending.preferences)
    # FieldError: the geodata changed since the link was sent; the rest: not our payload.
    except (KeyError, TypeError, ValueError, AttributeError, FieldError) as error:
        raise tokens.LinkError("invalid") from error
    return PendingRequest(pending.email, preferences, pending.requested_at)


def confirm_subscription(token: str, *, now: datetime) -> Subscription:
    """Create (or update) the subscription the confirmation link stands for; consent is now.

    The consent record holds the time, the preferences confirmed and the wording's version.
    The pending row is used up: the same link cannot confirm twice.
    """
    email, preferences, requested_at = pending_subscription(token, now=now)
    # Deleting the row claims it: of two parallel clicks only one deletes it.
    claimed = db.session.execute(delete(PendingSubscription).where(
        PendingSubscription.token_hash == confirm_token_hash(token))).rowcount
    if claimed != 1:
        db.session.rollback()
        return _confirmed_in_parallel(email)
    subscription = find_subscription(email)
    if subscription is None:
        subscription = Subscription(email=email, link_nonce=secrets.token_hex(8), created_at=now)
        db.session.add(subscription)
    preferences.apply_to(subscription)
    subscription.requested_at, subscription.consented_at = requested_at, now
    subscription.consent_preferences = preferences.as_payload()
    subscription.consent_wording = CONSENT_WORDING
    subscription.failed_periods, subscription.suspended_at = 0, None  # the address works again
    subscription.updated_at = now
    try:
        db.session.commit()
    except IntegrityError:  # another pending link of the same address confirmed at this instant
        db.session.rollback()
        return _confirmed_in_parallel(email)
    return subscription


def _confirmed_in_parallel(email: str) -> Subscription:
    subscription = find_subscription(email)
    if subscription is None:
        raise tokens.LinkError("expired")
    return subscription


def member_preferences(user: User) -> Preferences:
    """Defaults for a member: their organisation's district and its neighbours, all kinds, weekly."""
    district = user.organisation.district_ags
    if district:
        return Preferences(districts=(district,))
    return Preferences(district_mode=DistrictMode.ALL)


def subscribe_member(user: User, *, now: datetime) -> Subscription:
    """One click for a signed-in member: the invitation verified the address; consent is now."""
    subscription = find_subscription(user.email)
    if subscription is not None:
        return subscription
    preferences = member_preferences(user)
    subscription = Subscription(email=normalise_email(user.email), user_id=user.id,
                                link_nonce=secrets.token_hex(8), consented_at=now,
                                consent_preferences=preferences.as_payload(),
                                consent_wording=MEMBER_CONSENT_WORDING,
                                requested_at=now, created_at=now, updated_at=now)
    preferences.apply_to(subscription)
    db.session.add(subscription)
    db.session.commit()
    return subscription


def subscription_for_token(token: str, *, now: datetime) -> Subscription:
    """The subscription of a manage/unsubscribe link; LinkError("revoked") once it is gone."""
    subscription_id, nonce = read_manage_token(token, now)
    subscription = db.session.get(Subscription, subscription_id)
    if subscription is None or not hmac.compare_digest(subscription.link_nonce, nonce):
        raise tokens.LinkError("revoked")
    return subscription


def update_preferences(token: str, data: dict, *, now: datetime) -> Subscription:
    """Save new preferences from a manage link (FieldError for unknown choices)."""
    subscription = subscription_for_token(token, now=now)
    checked_preferences(data).apply_to(subscription)
    subscription.updated_at = now
    db.session.commit()
    return subscription


def unsubscribe(token: str, *, now: datetime) -> str | None:
    """Delete the subscription and any pending confirmation links of its address; keep only an
    HMAC of the address and the time as proof. The subscription's locale, or None if it was
    gone already (a repeated click is not an error)."""
    try:
        subscription = subscription_for_token(token, now=now)
    except tokens.LinkError as error:
        if error.reason == "revoked":
            return None
        raise
    locale = subscription.locale
    db.session.add(OptOut(email_hash=email_hash(subscription.email), at=now))
    db.session.execute(delete(PendingSubscription).where(
        PendingSubscription.email == subscription.email))
    db.session.delete(subscription)
    db.session.commit()
    return locale
