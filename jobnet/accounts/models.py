"""Organisations of the network, the people who work in them, their sessions and login limits."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

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
    email: Mapped[str | None] = mapped_column(String(254))
    website: Mapped[str | None] = mapped_column(String(500))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    users: Mapped[list[User]] = relationship(back_populates="organisation")
    # The districts it serves, the primary one first (a joint job centre of a city and its
    # county serves both); set them through `districts`, which numbers them.
    district_rows: Mapped[list[OrganisationDistrict]] = relationship(
        order_by="OrganisationDistrict.position", cascade="all, delete-orphan")

    @property
    def districts(self) -> list[str]:
        """Official district keys (AGS, 5 digits) it serves, the primary district first."""
        return [row.district_ags for row in self.district_rows]

    @districts.setter
    def districts(self, keys: list[str]) -> None:
        keys = list(dict.fromkeys(keys))  # a key once, the first mention's place
        kept = {row.district_ags: row for row in self.district_rows}
        self.district_rows = [kept.get(ags) or OrganisationDistrict(district_ags=ags)
                              for ags in keys]
        for position, row in enumerate(self.district_rows):
            row.position = position

    @property
    def district_ags(self) -> str | None:
        """The primary district: where one district is needed (a new post's default, the
        directory's place of a partner), it is the first one."""
        return self.district_rows[0].district_ags if self.district_rows else None

    @district_ags.setter
    def district_ags(self, ags: str | None) -> None:
        self.districts = [ags] if ags else []

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.name!r}>"


class OrganisationDistrict(db.Model):
    """A district an organisation serves; position 0 is its primary district."""

    __tablename__ = "organisation_district"

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True)
    district_ags: Mapped[str] = mapped_column(String(5), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(default=0)


class User(UserMixin, db.Model):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organisation: Mapped[Organisation] = relationship(back_populates="users")

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active and self.organisation.active

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


class UserSession(db.Model):
    """A signed-in browser. The Flask session carries a random token, this row its hash, so
    ending the row ends the session even where a copy of the cookie lives on."""

    __tablename__ = "user_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"),
                                         index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    # Rough words only ("Firefox", "Windows"), never the user-agent string or an address.
    browser: Mapped[str] = mapped_column(String(30), default="")
    system: Mapped[str] = mapped_column(String(30), default="")

    user: Mapped[User] = relationship()


class AuthThrottle(db.Model):
    """A counter of login failures or reset requests in a time window, shared by all workers.

    `subject` and `client` are HMACs of the address and the client's network, never the values.
    """

    __tablename__ = "auth_throttle"

    scope: Mapped[str] = mapped_column(String(20), primary_key=True)
    subject: Mapped[str] = mapped_column(String(64), primary_key=True)
    client: Mapped[str] = mapped_column(String(64), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    count: Mapped[int] = mapped_column(default=0)
