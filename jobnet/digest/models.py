"""Subscriptions, the delivery outbox, and the few hashes that prove opt-outs and limit mails."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobnet.clock import utcnow
from jobnet.extensions import db
from jobnet.sqltypes import UTCDateTime


class Frequency(enum.StrEnum):
    WEEKLY = "weekly"
    DAILY = "daily"


class DistrictMode(enum.StrEnum):
    LIST = "list"  # exactly the chosen districts
    NEIGHBOURS = "neighbours"  # the chosen districts and the districts bordering them
    ALL = "all"  # all of the region
    RING = "ring"  # the posts of a comparison ring's organisations (members only: ring_id)


class DeliveryStatus(enum.StrEnum):
    PENDING = "pending"
    SENDING = "sending"  # claimed by a process that is talking to the SMTP server
    RETRY = "retry"  # a temporary failure; tried again at next_attempt_at
    SENT = "sent"
    SKIPPED = "skipped"  # nothing new for this subscriber in this period
    FAILED = "failed"  # refused for good (5xx) or out of attempts; shown to admins


class Subscription(db.Model):
    """A confirmed subscription: only created after the double opt-in (or a member's click)."""

    __tablename__ = "digest_subscription"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    kinds: Mapped[list[str]] = mapped_column(JSON, default=list)
    district_mode: Mapped[str] = mapped_column(String(20), default=DistrictMode.NEIGHBOURS)
    districts: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Whole states (two-digit keys) on top of the districts; empty: none
    states: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    include_catchment: Mapped[bool] = mapped_column(default=True)
    target_groups: Mapped[list[str]] = mapped_column(JSON, default=list)  # empty: all
    frequency: Mapped[str] = mapped_column(String(10), default=Frequency.WEEKLY, index=True)
    locale: Mapped[str] = mapped_column(String(5), default="de")
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    # Proof of consent (UWG §7): when the link was requested and when it was confirmed, and what
    # was consented to: the preferences at that moment and the version of the wording shown.
    requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    consented_at: Mapped[datetime] = mapped_column(UTCDateTime)
    consent_preferences: Mapped[dict | None] = mapped_column(JSON)
    consent_wording: Mapped[str | None] = mapped_column(String(20))
    # Periods in a row whose digest the receiving server refused for good (5xx); at the limit
    # the subscription is suspended (no more digests, shown to admins) instead of retried forever.
    failed_periods: Mapped[int] = mapped_column(default=0)
    suspended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Part of every manage/unsubscribe token; a new nonce invalidates all older links.
    link_nonce: Mapped[str] = mapped_column(String(32))
    last_digest_period: Mapped[str | None] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    deliveries: Mapped[list[DigestDelivery]] = relationship(
        back_populates="subscription", cascade="all, delete-orphan", passive_deletes=True)
    ring_row: Mapped[SubscriptionRing | None] = relationship(
        cascade="all, delete-orphan", passive_deletes=True)

    @property
    def ring_id(self) -> int | None:
        """district_mode "ring": the ring whose members' posts the subscriber gets (only while
        the subscriber's organisation belongs to it, checked in every round)."""
        return self.ring_row.ring_id if self.ring_row else None

    @ring_id.setter
    def ring_id(self, ring_id: int | None) -> None:
        if ring_id is None:
            self.ring_row = None
        elif self.ring_row is None:
            self.ring_row = SubscriptionRing(ring_id=ring_id)
        else:
            self.ring_row.ring_id = ring_id

    def __repr__(self) -> str:
        return f"<Subscription {self.id} {self.frequency}>"


class SubscriptionRing(db.Model):
    """A member's "my ring" choice; its own table, so a deleted ring takes it along."""

    __tablename__ = "digest_subscription_ring"

    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("digest_subscription.id", ondelete="CASCADE"), primary_key=True)
    ring_id: Mapped[int] = mapped_column(ForeignKey("ring.id", ondelete="CASCADE"), index=True)


class DigestDelivery(db.Model):
    """The outbox: one row per subscription and period, claimed before and marked after sending."""

    __tablename__ = "digest_delivery"
    __table_args__ = (
        UniqueConstraint("subscription_id", "period", name="uq_digest_delivery_subscription_period"),
        Index("ix_digest_delivery_period_status", "period", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("digest_subscription.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10), default=DeliveryStatus.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # SMTP code and a short text, never the address or content.
    last_error: Mapped[str | None] = mapped_column(String(300))
    message_id: Mapped[str] = mapped_column(String(200))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # "host:pid" of the claiming process, so a restart can tell a dead claim from a live one.
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    subscription: Mapped[Subscription] = relationship(back_populates="deliveries")


class PendingSubscription(db.Model):
    """A requested, not yet confirmed subscription. The confirmation link carries a random token
    (never the address); only its hash is stored. Expired rows are deleted."""

    __tablename__ = "digest_pending_subscription"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    preferences: Mapped[dict] = mapped_column(JSON)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class SubscribeThrottle(db.Model):
    """Confirmation mails per address, keyed by an HMAC of the address (never stored in clear)."""

    __tablename__ = "digest_subscribe_throttle"

    email_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_sent_at: Mapped[datetime] = mapped_column(UTCDateTime)
    day_started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    day_count: Mapped[int] = mapped_column(default=0)


class OptOut(db.Model):
    """Proof that an address unsubscribed: its HMAC and the time, nothing else."""

    __tablename__ = "digest_opt_out"

    id: Mapped[int] = mapped_column(primary_key=True)
    email_hash: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
