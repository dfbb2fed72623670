"""What admins see of the digest: subscriptions with delivery status, failures, previews."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import func, select

from jobnet.accounts.models import Role, User
from jobnet.accounts.permissions import require_role
from jobnet.digest.composer import Composer
from jobnet.digest.links import subscriber_links
from jobnet.digest.models import DeliveryStatus, DigestDelivery, Subscription
from jobnet.digest.periods import latest_slot, period_for_slot
from jobnet.digest.render import render_parts
from jobnet.digest.settings import DigestSettings
from jobnet.extensions import db


@dataclass(frozen=True)
class SubscriptionRow:
    subscription: Subscription
    last: DigestDelivery | None


def overview(user: User | None) -> tuple[list[SubscriptionRow], list[DigestDelivery]]:
    """Every subscription with its latest delivery, and the failed deliveries (admins only)."""
    require_role(user, Role.ADMIN)
    latest = (select(DigestDelivery.subscription_id, func.max(DigestDelivery.id).label("last_id"))
              .group_by(DigestDelivery.subscription_id).subquery())
    rows = db.session.execute(
        select(Subscription, DigestDelivery)
        .outerjoin(latest, latest.c.subscription_id == Subscription.id)
        .outerjoin(DigestDelivery, DigestDelivery.id == latest.c.last_id)
        .order_by(Subscription.email)).all()
    failed = db.session.scalars(select(DigestDelivery).where(
        DigestDelivery.status == DeliveryStatus.FAILED)
        .order_by(DigestDelivery.id.desc()).limit(200)).all()
    return [SubscriptionRow(s, d) for s, d in rows], failed


@dataclass(frozen=True)
class SuspendedRow:
    """A suspended subscription as admins see it: a masked address, never the full one."""

    id: int
    masked_email: str
    failed_periods: int
    suspended_at: datetime


def mask_email(email: str) -> str:
    """e***@example.org: enough to recognise an address one already knows, no more."""
    local, _at, domain = email.rpartition("@")
    return f"{local[:1]}***@{domain}" if local else "***"


def suspended(user: User | None) -> list[SuspendedRow]:
    """Subscriptions suspended after repeated permanent refusals (admins only), newest first."""
    require_role(user, Role.ADMIN)
    return [SuspendedRow(s.id, mask_email(s.email), s.failed_periods, s.suspended_at)
            for s in db.session.scalars(select(Subscription).where(
                Subscription.suspended_at.is_not(None))
                .order_by(Subscription.suspended_at.desc(), Subscription.id))]


def preview(user: User | None, subscription_id: int, *, now: datetime) -> tuple[str, str] | None:
    """Subject and HTML of the subscriber's next digest as if its round ran now (admins only)."""
    require_role(user, Role.ADMIN)
    subscription = db.session.get(Subscription, subscription_id)
    if subscription is None:
        return None
    settings = DigestSettings.from_config(current_app.config)
    trigger = settings.trigger(subscription.frequency)
    # The window the next round will cover ends at the next slot; show what is in it so far.
    slot = trigger.get_next_fire_time(None, now) or latest_slot(trigger, subscription.frequency, now)
    period = period_for_slot(subscription.frequency, slot)
    composer = Composer(period, settings, [subscription])
    with force_locale(subscription.locale):
        subject, _text, html = render_parts(composer.digest(subscription), period,
                                            subscriber_links(subscription, now))
    return subject, html
