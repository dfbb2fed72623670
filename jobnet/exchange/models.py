"""Marks ("Wir haben Erfahrung damit", "Interesse"), contacts per topic, and their history.

All of it is for signed-in members only (docs/architecture.md, "Exchange between members").
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobnet.accounts.models import Organisation, User
from jobnet.clock import utcnow
from jobnet.extensions import db
from jobnet.posts.models import Post
from jobnet.sqltypes import UTCDateTime


class MarkType(enum.StrEnum):
    EXPERIENCE = "experience"  # "Wir haben Erfahrung damit": a note and whom to ask
    INTEREST = "interest"  # wants to learn more or cooperate


class Topic(enum.StrEnum):
    EMPLOYER_SERVICE = "employer_service"  # Arbeitgeberservice
    INTEGRATION = "integration"
    JOB_FAIRS = "job_fairs"  # Jobbörsen
    PROJECTS = "projects"


class ExchangeMark(db.Model):
    """One organisation's mark of one type on one post (unique: two members marking at once
    make one mark, and the second is told so)."""

    __tablename__ = "exchange_mark"
    __table_args__ = (
        UniqueConstraint("post_id", "organisation_id", "type"),
        CheckConstraint("type IN ('experience', 'interest')", name="type"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # A post or organisation deleted from the database takes its marks along: a mark says
    # "ask us about this", which means nothing without the post or without someone to ask.
    post_id: Mapped[int] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    # Whom to ask: a member of the organisation, or a person typed in (name, e-mail, phone).
    contact_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_phone: Mapped[str | None] = mapped_column(String(50))
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    post: Mapped[Post] = relationship()
    organisation: Mapped[Organisation] = relationship()
    contact_user: Mapped[User | None] = relationship(foreign_keys=[contact_user_id])

    @property
    def contact(self) -> tuple[str, str, str]:
        """(name, e-mail, phone) of whom to ask; a chosen member's current name and address."""
        if self.contact_user is not None and self.contact_user.active:
            return self.contact_user.name, self.contact_user.email, self.contact_phone or ""
        return self.contact_name or "", self.contact_email or "", self.contact_phone or ""


class OrganisationContact(db.Model):
    """A person to call at an organisation about a topic, kept by its coordinators."""

    __tablename__ = "organisation_contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    topic: Mapped[str] = mapped_column(String(30))
    name: Mapped[str] = mapped_column(String(200))
    function: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organisation: Mapped[Organisation] = relationship()


class ExchangeChange(db.Model):
    """History of marks and contacts: who changed what when, with the values before and after.

    Rows outlive the mark or contact they describe (no foreign key to it), and keep the
    organisation's name, so the history stays readable after a removal.
    """

    __tablename__ = "exchange_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True)
    organisation_name: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(String(20))  # "mark" or "contact"
    subject_id: Mapped[int] = mapped_column()
    post_id: Mapped[int | None] = mapped_column(ForeignKey("post.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(20))  # created, updated, removed
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    old: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    new: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    user: Mapped[User | None] = relationship()
