"""Subscribing (double opt-in), member one-click subscriptions, managing and unsubscribing."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from jobnet.accounts import tokens
from jobnet.accounts.models import User
from jobnet.accounts.services import normalise_email
from jobnet.digest.links import SUBSCRIBE_SALT, manage_token, public_link, read_manage_token
from jobnet.digest.models import DistrictMode, OptOut, SubscribeThrottle, Subscription
from jobnet.digest.preferences import Preferences, checked_preferences
from jobnet.extensions import db
from jobnet.forms.errors import FieldError
from jobnet.mail.messages import build_message


class Throttled(Exception):
    """A mail went to this address a short while ago; no new one is sent yet."""


def email_hash(email: str) -> str:
    """An HMAC of the normalised address: lets us count and prove without storing the address."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, normalise_email(email).encode(), hashlib.sha256).hexdigest()


def find_subscription(email: str) -> Subscription | None:
    """The subscription of an address, or None."""
    return db.session.scalar(select(Subscription).where(Subscription.email == normalise_email(email)))


def request_subscription(email: str, preferences: Preferences, *, now: datetime, transport) -> None:
    """Mail a confirmation link (or, if subscribed already, a manage link); stores no address."""
    email = normalise_email(email)
    _count_mail(email_hash(email), now)
    existing = find_subscription(email)
    with force_locale(preferences.locale):
        if existing is not None:
            message = build_message(email, _("Ihre Wochenübersicht von JobNet Hessen"),
                                    "manage_subscription",
                                    link=public_link("digest.manage", token=manage_token(existing, now)))
        else:
            payload = {"e": email, "p": preferences.as_payload(), "t": now.isoformat()}
            token = tokens.make_token(current_app.config["SECRET_KEY"], SUBSCRIBE_SALT, payload, now)
            message = build_message(email, _("Bitte bestätigen Sie Ihre Anmeldung zur "
                                             "Wochenübersicht"), "confirm_subscription",
                                    link=public_link("digest.confirm", token=token),
                                    hours=current_app.config["DIGEST_CONFIRM_MAX_AGE_HOURS"])
    transport.send(message)


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


def pending_subscription(token: str, *, now: datetime) -> tuple[str, Preferences, datetime]:
    """Address, preferences and request time carried by a confirmation token; LinkError if bad."""
    max_age = timedelta(hours=current_app.config["DIGEST_CONFIRM_MAX_AGE_HOURS"])
    payload = tokens.read_token(current_app.config["SECRET_KEY"], SUBSCRIBE_SALT, token, max_age, now)
    try:
        preferences = checked_preferences(payload["p"])
        return payload["e"], preferences, datetime.fromisoformat(payload["t"])
    # FieldError: the geodata changed since the link was sent; the rest: not our payload.
    except (KeyError, TypeError, ValueError, AttributeError, FieldError) as error:
        raise tokens.LinkError("invalid") from error


def confirm_subscription(token: str, *, now: datetime) -> Subscription:
    """Create (or update) the subscription the confirmation link describes; consent is now."""
    email, preferences, requested_at = pending_subscription(token, now=now)
    subscription = find_subscription(email)
    if subscription is None:
        subscription = Subscription(email=email, link_nonce=secrets.token_hex(8), created_at=now)
        db.session.add(subscription)
    preferences.apply_to(subscription)
    subscription.requested_at, subscription.consented_at = requested_at, now
    subscription.updated_at = now
    db.session.commit()
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
    subscription = Subscription(email=normalise_email(user.email), user_id=user.id,
                                link_nonce=secrets.token_hex(8), consented_at=now,
                                requested_at=now, created_at=now, updated_at=now)
    member_preferences(user).apply_to(subscription)
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


def unsubscribe(token: str, *, now: datetime) -> bool:
    """Delete the subscription; keep only an HMAC of the address and the time as proof."""
    try:
        subscription = subscription_for_token(token, now=now)
    except tokens.LinkError as error:
        if error.reason == "revoked":
            return False  # unsubscribed already: a repeated click is not an error
        raise
    db.session.add(OptOut(email_hash=email_hash(subscription.email), at=now))
    db.session.delete(subscription)
    db.session.commit()
    return True
