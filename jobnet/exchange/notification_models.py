"""Following and notifications of members: what a member follows, what they were told, how
often they want mail, and the outbox of notification mails (one row per member and mail)."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobnet.accounts.models import User
from jobnet.clock import utcnow
from jobnet.extensions import db
from jobnet.sqltypes import UTCDateTime


class Target(enum.StrEnum):
    """What can be followed; the follow's key is the post/thread/organisation id, the district's
    AGS or the work topic."""

    POST = "post"
    THREAD = "thread"
    ORGANISATION = "organisation"
    DISTRICT = "district"
    TOPIC = "topic"


class MailFrequency(enum.StrEnum):
    IMMEDIATELY = "immediately"
    DAILY = "daily"
    WEEKLY = "weekly"
    NEVER = "never"  # only in JobNet (also what the one-click unsubscribe sets)


class Follow(db.Model):
    """A member follows something, or (muted) explicitly does not want to hear of a thread."""

    __tablename__ = "exchange_follow"
    __table_args__ = (UniqueConstraint("user_id", "target", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"),
                                         index=True)
    target: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(40))
    muted: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Notification(db.Model):
    """One thing a member is told of, in JobNet and (by their frequency) by mail.

    `mail_key` names the mail that carried it (its outbox row); None while none did yet.
    """

    __tablename__ = "member_notification"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"),
                                         index=True)
    # What happened (notifications.KINDS), to whom (the post's or question's title) and by
    # which organisation: the sentence is written when shown, in the reader's language.
    kind: Mapped[str] = mapped_column(String(30))
    subject: Mapped[str] = mapped_column(String(200))
    actor: Mapped[str] = mapped_column(String(200), default="")
    link: Mapped[str] = mapped_column(String(300))  # a path inside JobNet
    # What else the sentence names, as codes translated when shown: for "post_updated" the
    # changed fields' names, comma-separated (jobnet/posts/history.py FIELD_LABELS).
    detail: Mapped[str] = mapped_column(String(300), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    mail_key: Mapped[str | None] = mapped_column(String(40), index=True)

    user: Mapped[User] = relationship()


class NotificationSetting(db.Model):
    """A member's choice of mail frequency, and the nonce their unsubscribe links carry."""

    __tablename__ = "notification_setting"

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"),
                                         primary_key=True)
    frequency: Mapped[str] = mapped_column(String(20), default=MailFrequency.IMMEDIATELY)
    link_nonce: Mapped[str] = mapped_column(String(32))


class NotificationMail(db.Model):
    """The outbox: one row per (member, mail), claimed and marked exactly once like the digest's
    rows (jobnet/digest/outbox.py; statuses of digest.models.DeliveryStatus)."""

    __tablename__ = "notification_mail"
    __table_args__ = (UniqueConstraint("user_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"),
                                         index=True)
    key: Mapped[str] = mapped_column(String(40))  # "i:<first notification id>", "d:<day>", "w:<week>"
    status: Mapped[str] = mapped_column(String(20), index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(80))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()
