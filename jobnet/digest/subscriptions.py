"""Subscribing (double opt-in), member one-click subscriptions, managing and unsubscribing."""

from __future__ import annotations

import hashlib
import hmac
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
from jobnet.digest import pending
from jobnet.digest.links import manage_token, read_manage_token
from jobnet.digest.models import (
    DistrictMode,
    OptOut,
    PendingSubscription,
    Subscription,
)
from jobnet.digest.preferences import Preferences, checked_preferences
from jobnet.digest.throttle import count_mail
from jobnet.extensions import db
from jobnet.forms.errors import FieldError
from jobnet.geo.settings import geo_settings
from jobnet.mail.links import public_link
from jobnet.mail.messages import build_message
from jobnet.rings.access import member_rings
from jobnet.rings.models import Ring

# The consent wording (UWG §7): the text shown next to the subscribe button, rendered by
# templates/digest/subscribe.html; the confirm page (templates/digest/confirm.html) asks the
# question itself. Every confirmation stores CONSENT_WORDING, so bump it (year-month, a letter
# for a second change in a month) whenever either text changes; the old versions' texts stay
# in git history and the test pins the text of the current one.
CONSENT_WORDING = "2026-12b"  # b: the product named from the region (issue 15)
CONSENT_TEXT = _l("Wir schicken Ihnen eine E-Mail mit einem Bestätigungslink. Bis Sie bestätigen, "
                  "bewahren wir Ihre Adresse nur dafür auf und löschen sie, wenn der Link abläuft. "
                  "Erst nach Ihrer Bestätigung senden wir Ihnen die Übersicht. Jede Ausgabe "
                  "enthält einen Link zum Abbestellen.")
# Members subscribe with the button on their profile page (templates/accounts/profile.html);
# bump this version when that text changes.
MEMBER_CONSENT_WORDING = "member-2026-12"

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


def request_subscription(email: str, preferences: Preferences, *, now: datetime, transport) -> None:
    """Mail a confirmation link (or, if subscribed already, a manage link).

    Before consent only a pending row exists; the link carries a random token, never the address
    (links end up in proxy and gateway logs), and the row is deleted once confirmed or expired.
    """
    email = normalise_email(email)
    count_mail(email_hash(email), now)
    existing = find_subscription(email)
    if existing is not None and existing.suspended_at is not None:
        existing = None  # suspended after bounces: only a new confirmation brings it back
    with force_locale(preferences.locale):
        daily = (existing.frequency if existing is not None else preferences.frequency) == "daily"
        if existing is not None:
            product = geo_settings().product_name
            subject = (_("Ihre Tagesübersicht von %(product)s", product=product) if daily
                       else _("Ihre Wochenübersicht von %(product)s", product=product))
            message = build_message(email, subject, "manage_subscription",
                                    frequency=existing.frequency,
                                    link=public_link("digest.manage", token=manage_token(existing, now)))
        else:
            hours = current_app.config["DIGEST_CONFIRM_MAX_AGE_HOURS"]
            token = pending.add(email, preferences.as_payload(), now=now,
                                valid_for=timedelta(hours=hours))
            db.session.commit()
            subject = (_("Bitte bestätigen Sie Ihre Anmeldung zur Tagesübersicht") if daily
                       else _("Bitte bestätigen Sie Ihre Anmeldung zur Wochenübersicht"))
            message = build_message(email, subject, "confirm_subscription",
                                    frequency=preferences.frequency,
                                    link=public_link("digest.confirm", token=token), hours=hours)
    transport.send(message)


def delete_expired_pending(now: datetime) -> int:
    """Delete unconfirmed requests whose link has expired (also done on every new request);
    for a periodic job. The number deleted."""
    deleted = pending.delete_expired(now)
    db.session.commit()
    return deleted


def _pending_row(token: str, *, now: datetime) -> PendingSubscription:
    """The pending row of a confirmation token; LinkError if malformed, unknown, expired or
    overtaken by an opt-out (a link must not outlive an unsubscribe that came after it)."""
    row = pending.find(token, now=now)
    opted_out = db.session.scalar(select(OptOut.id).where(
        OptOut.email_hash == email_hash(row.email), OptOut.at >= row.requested_at).limit(1))
    if opted_out is not None:
        db.session.delete(row)
        db.session.commit()
        raise tokens.LinkError("revoked")
    return row


def pending_subscription(token: str, *, now: datetime) -> PendingRequest:
    """Address, preferences and request time behind a confirmation token; LinkError if unusable."""
    row = _pending_row(token, now=now)
    try:
        preferences = checked_preferences(row.preferences)
    # FieldError: the geodata changed since the link was sent; the rest: not our payload.
    except (KeyError, TypeError, ValueError, AttributeError, FieldError) as error:
        raise tokens.LinkError("invalid") from error
    return PendingRequest(row.email, preferences, row.requested_at)


def confirm_subscription(token: str, *, now: datetime) -> Subscription:
    """Create (or update) the subscription the confirmation link stands for; consent is now.

    The consent record holds the time, the preferences confirmed and the wording's version.
    The pending row is used up: the same link cannot confirm twice.
    """
    email, preferences, requested_at = pending_subscription(token, now=now)
    if not pending.use_up(token):  # of two parallel clicks only one uses the link up
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
    """Defaults for a member: their organisation's districts and their neighbours, all kinds,
    weekly."""
    districts = tuple(user.organisation.districts)
    if districts:
        return Preferences(districts=districts)
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


def ring_options(subscription: Subscription) -> list[Ring]:
    """The rings a subscription may follow: those of its member's organisation (none without
    an account)."""
    user = db.session.get(User, subscription.user_id) if subscription.user_id else None
    return member_rings(user)


def ring_choices(subscription: Subscription) -> frozenset[int]:
    """The ids of ring_options, for checking a choice."""
    return frozenset(ring.id for ring in ring_options(subscription))


def update_preferences(token: str, data: dict, *, now: datetime) -> Subscription:
    """Save new preferences from a manage link (FieldError for unknown choices)."""
    subscription = subscription_for_token(token, now=now)
    checked_preferences(data, ring_choices(subscription)).apply_to(subscription)
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
