"""Questions and answers between members: threads on a post or to the whole network, their
messages, mentions of organisations, edit history and reports.

Members only, like the marks (docs/architecture.md, "Questions and answers"). A thread is one
question with its answers; an answer to an answer stays in the same thread and quotes it
instead of nesting deeper (one level: a question and its answers).
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobnet.accounts.models import Organisation, User
from jobnet.clock import utcnow
from jobnet.extensions import db
from jobnet.posts.models import Post
from jobnet.sqltypes import UTCDateTime


class WorkTopic(enum.StrEnum):
    """The kind of work a question to the network is about."""

    TRAINING = "training"  # occupation or training
    TARGET_GROUP = "target_group"
    EMPLOYER_SERVICE = "employer_service"
    JOB_FAIRS = "job_fairs"


class Thread(db.Model):
    """A question on a post (post_id set) or to the network (title and topic set)."""

    __tablename__ = "exchange_thread"

    id: Mapped[int] = mapped_column(primary_key=True)
    # A post deleted from the database takes its questions along (withdrawn or archived ones keep them).
    post_id: Mapped[int | None] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    topic: Mapped[str | None] = mapped_column(String(30))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    # The asker's organisation's name is kept so the thread stays readable after a removal.
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"))
    organisation_name: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_message_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))

    post: Mapped[Post | None] = relationship()
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    organisation: Mapped[Organisation | None] = relationship()
    districts: Mapped[list[ThreadDistrict]] = relationship(
        cascade="all, delete-orphan", order_by="ThreadDistrict.district_ags")
    target_group_rows: Mapped[list[ThreadTargetGroup]] = relationship(
        cascade="all, delete-orphan", order_by="ThreadTargetGroup.code")
    messages: Mapped[list[Message]] = relationship(
        back_populates="thread", cascade="all, delete-orphan", order_by="Message.id")

    @property
    def opening(self) -> Message:
        return self.messages[0]

    @property
    def target_groups(self) -> list[str]:
        return [row.code for row in self.target_group_rows]


class ThreadDistrict(db.Model):
    """A district a question to the network concerns (optional, several)."""

    __tablename__ = "exchange_thread_district"

    thread_id: Mapped[int] = mapped_column(
        ForeignKey("exchange_thread.id", ondelete="CASCADE"), primary_key=True)
    district_ags: Mapped[str] = mapped_column(String(5), primary_key=True)


class ThreadTargetGroup(db.Model):
    """A target group a question to the network concerns (optional, several; the posts'
    codes, jobnet/posts/models.py TargetGroup)."""

    __tablename__ = "exchange_thread_target_group"

    thread_id: Mapped[int] = mapped_column(
        ForeignKey("exchange_thread.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(30), primary_key=True)


class Message(db.Model):
    """The question (the thread's first message) or an answer."""

    __tablename__ = "exchange_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(
        ForeignKey("exchange_thread.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"))
    organisation_name: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text)
    # The answer this one answers (quoted above it); the quote says "hidden" once that one is.
    quote_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("exchange_message.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hidden_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    hidden_reason: Mapped[str] = mapped_column(Text, default="")

    thread: Mapped[Thread] = relationship(back_populates="messages")
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    organisation: Mapped[Organisation | None] = relationship()
    quote_of: Mapped[Message | None] = relationship(remote_side=[id])
    mentions: Mapped[list[Mention]] = relationship(cascade="all, delete-orphan")

    @property
    def hidden(self) -> bool:
        return self.hidden_at is not None


class Mention(db.Model):
    """An organisation mentioned in a message ("@KCA"), stored as a reference to it."""

    __tablename__ = "exchange_mention"

    message_id: Mapped[int] = mapped_column(
        ForeignKey("exchange_message.id", ondelete="CASCADE"), primary_key=True)
    # An organisation deleted from the database leaves the message without its mention.
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True)

    organisation: Mapped[Organisation] = relationship()


class MessageEdit(db.Model):
    """The text of a message before an edit (its history)."""

    __tablename__ = "exchange_message_edit"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("exchange_message.id", ondelete="CASCADE"), index=True)
    body_before: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Report(db.Model):
    """A member's report of a message to the moderators (one per member and message)."""

    __tablename__ = "exchange_report"
    __table_args__ = (UniqueConstraint("message_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("exchange_message.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    message: Mapped[Message] = relationship()
    user: Mapped[User | None] = relationship()
