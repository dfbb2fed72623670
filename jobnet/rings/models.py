"""A comparison ring, its member organisations and moderators, and the record of changes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobnet.accounts.models import Organisation, User
from jobnet.clock import utcnow
from jobnet.extensions import db
from jobnet.sqltypes import UTCDateTime


class Ring(db.Model):
    """A named group of organisations that compare their work (often across states)."""

    __tablename__ = "ring"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    member_rows: Mapped[list[RingMember]] = relationship(
        back_populates="ring", cascade="all, delete-orphan", passive_deletes=True)
    moderator_rows: Mapped[list[RingModerator]] = relationship(
        back_populates="ring", cascade="all, delete-orphan", passive_deletes=True)

    @property
    def organisations(self) -> list[Organisation]:
        """Member organisations by name."""
        return sorted((row.organisation for row in self.member_rows),
                      key=lambda o: o.name.casefold())

    @property
    def moderators(self) -> list[User]:
        """Ring moderators by name."""
        return sorted((row.user for row in self.moderator_rows), key=lambda u: u.name.casefold())

    def __repr__(self) -> str:
        return f"<Ring {self.id} {self.name!r}>"


class RingMember(db.Model):
    __tablename__ = "ring_member"

    ring_id: Mapped[int] = mapped_column(ForeignKey("ring.id", ondelete="CASCADE"),
                                         primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True, index=True)

    ring: Mapped[Ring] = relationship(back_populates="member_rows")
    organisation: Mapped[Organisation] = relationship()


class RingModerator(db.Model):
    __tablename__ = "ring_moderator"

    ring_id: Mapped[int] = mapped_column(ForeignKey("ring.id", ondelete="CASCADE"),
                                         primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"),
                                         primary_key=True, index=True)

    ring: Mapped[Ring] = relationship(back_populates="moderator_rows")
    user: Mapped[User] = relationship()


class RingChange(db.Model):
    """Who changed a ring when, and how: kept when the ring is deleted (ring_id set to NULL),
    with the ring's name in `details`, so the record outlives what it describes."""

    __tablename__ = "ring_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    ring_id: Mapped[int | None] = mapped_column(ForeignKey("ring.id", ondelete="SET NULL"),
                                                index=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(30))
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    ring: Mapped[Ring | None] = relationship()
    user: Mapped[User | None] = relationship()
