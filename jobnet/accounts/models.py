"""Organisations of the network and the people who work in them."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobnet.accounts.tokens import password_fingerprint
from jobnet.clock import utcnow
from jobnet.extensions import db
from jobnet.sqltypes import UTCDateTime


class OrganisationKind(enum.StrEnum):
    JOB_CENTRE = "job_centre"  # a municipal job centre (KJC), member of the network
    PARTNER = "partner"  # chamber, employment agency, joint job centre, ...


class Role(enum.StrEnum):
    COORDINATOR = "coordinator"
    ORGANISER = "organiser"
    MODERATOR = "moderator"
    ADMIN = "admin"


class Organisation(db.Model):
    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default=OrganisationKind.JOB_CENTRE)
    # Official district key (AGS, 5 digits) of the district a job centre serves.
    district_ags: Mapped[str | None] = mapped_column(String(5), index=True)
    email: Mapped[str | None] = mapped_column(String(254))
    website: Mapped[str | None] = mapped_column(String(500))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    users: Mapped[list[User]] = relationship(back_populates="organisation")

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.name!r}>"


class User(UserMixin, db.Model):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organisation: Mapped[Organisation] = relationship(back_populates="users")

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active and self.organisation.active

    def get_id(self) -> str:
        # The session id carries a fingerprint of the password hash, so changing or resetting
        # the password signs the account out everywhere else.
        return f"{self.id}.{password_fingerprint(self.password_hash)}"

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"


class Invitation(db.Model):
    """An admin's invitation; the signed link carries its id and is good for one use."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organisation: Mapped[Organisation] = relationship()
    invited_by: Mapped[User | None] = relationship()
