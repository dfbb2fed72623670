"""Posts: one base table with the shared fields, one joined table per kind."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobnet.accounts.models import Organisation, User
from jobnet.clock import utcnow
from jobnet.extensions import db
from jobnet.sqltypes import UTCDateTime

DEFAULT_COMMUTE_RADIUS_KM = 30


class Kind(enum.StrEnum):
    SETTLEMENT = "settlement"
    PROGRAMME = "programme"
    PROJECT = "project"
    FAIR = "fair"


class Status(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"
    UNPUBLISHED = "unpublished"  # taken down by a moderator, with a reason
    IN_REVIEW = "in_review"  # withdrawn, then changed by its organisation: waits for a moderator


class ProgrammeType(enum.StrEnum):
    NEW_OCCUPATION = "new_occupation"
    NEW_TRAINING = "new_training"
    RETRAINING = "retraining"


class FairState(enum.StrEnum):
    SCHEDULED = "scheduled"
    MOVED = "moved"  # keeps its page and history; the old dates are in FairReschedule
    CANCELLED = "cancelled"  # stays visible with its reason; never edited again


class Accessibility(enum.StrEnum):
    STEP_FREE = "step_free"
    ACCESSIBLE_TOILET = "accessible_toilet"
    SIGN_LANGUAGE = "sign_language"
    INDUCTION_LOOP = "induction_loop"
    EASY_LANGUAGE = "easy_language"
    QUIET_ROOM = "quiet_room"
    DISABLED_PARKING = "disabled_parking"


class TargetGroup(enum.StrEnum):
    YOUTH_U25 = "youth_u25"
    REFUGEES = "refugees"
    LONG_TERM_UNEMPLOYED = "long_term_unemployed"
    SINGLE_PARENTS = "single_parents"
    OVER_50 = "over_50"
    DISABILITIES = "disabilities"
    WOMEN_RETURNING = "women_returning"
    OTHERS = "others"


class Post(db.Model):
    __tablename__ = "post"
    __table_args__ = (Index("ix_post_status_published_at", "status", "published_at"),
                      # The posts changed since a content number (map/points.py).
                      Index("ix_post_content_seq", "content_seq"))

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text, default="")  # Markdown, sanitised when rendered
    place: Mapped[str] = mapped_column(String(200))
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    district_ags: Mapped[str | None] = mapped_column(String(5), index=True)
    municipality_ags: Mapped[str | None] = mapped_column(String(12))
    municipality_name: Mapped[str | None] = mapped_column(String(200))
    # A point just across the border (a fair in Mainz), confirmed by the author: no district.
    outside_region: Mapped[bool] = mapped_column(default=False)
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_phone: Mapped[str | None] = mapped_column(String(50))
    # Contact person, e-mail and phone are for signed-in members unless the author makes them
    # public (posts/permissions.py can_see_contact); staff names are personal data.
    contact_public: Mapped[bool] = mapped_column(default=False, server_default=false())
    links: Mapped[list[str]] = mapped_column(JSON, default=list)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    status: Mapped[str] = mapped_column(String(20), default=Status.DRAFT)
    moderation_reason: Mapped[str | None] = mapped_column(Text)
    is_example: Mapped[bool] = mapped_column(default=False)  # demo data, marked as such in the UI
    valid_until: Mapped[date | None]
    # Casefolded title, summary, body and place for full-text search on SQLite and PostgreSQL alike.
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Optimistic locking: every recorded change is a new version, and an UPDATE only applies
    # to the version it was based on (docs/architecture.md, "Concurrent edits").
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    # The content number of the commit that last changed the post or its parts, written by
    # content_version.py at commit (never by the ORM): pages of posts revalidate on it.
    content_seq: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    # The create form's one-time key: a resubmitted form leads to this post, not a second one.
    submission_key: Mapped[str | None] = mapped_column(String(64), unique=True)

    organisation: Mapped[Organisation] = relationship()
    author: Mapped[User | None] = relationship()
    target_group_rows: Mapped[list[PostTargetGroup]] = relationship(
        cascade="all, delete-orphan", order_by="PostTargetGroup.code"
    )
    changes: Mapped[list[PostChange]] = relationship(
        back_populates="post", cascade="all, delete-orphan", order_by="PostChange.id.desc()"
    )

    # The services set the version themselves (one step per recorded change); SQLAlchemy adds
    # "WHERE version = <loaded>" to every UPDATE and raises StaleDataError when no row matched.
    __mapper_args__ = {"polymorphic_on": "kind", "version_id_col": version,
                       "version_id_generator": False}

    @property
    def target_groups(self) -> list[str]:
        return [row.code for row in self.target_group_rows]

    @target_groups.setter
    def target_groups(self, codes: list[str]) -> None:
        wanted = list(dict.fromkeys(codes))
        self.target_group_rows = [row for row in self.target_group_rows if row.code in wanted]
        have = set(self.target_groups)
        self.target_group_rows.extend(PostTargetGroup(code=c) for c in wanted if c not in have)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id} {self.status}>"


class PostTargetGroup(db.Model):
    __tablename__ = "post_target_group"

    post_id: Mapped[int] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(30), primary_key=True, index=True)


class Settlement(Post):
    """Firmenansiedlung: a company settling or expanding, creating jobs."""

    __tablename__ = "settlement"
    __mapper_args__ = {"polymorphic_identity": Kind.SETTLEMENT.value}

    id: Mapped[int] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), primary_key=True)
    company: Mapped[str] = mapped_column(String(200))
    sector: Mapped[str] = mapped_column(String(200))
    jobs_expected: Mapped[int | None]
    hiring_start: Mapped[date | None]
    occupations: Mapped[str] = mapped_column(Text, default="")
    commute_radius_km: Mapped[int] = mapped_column(default=DEFAULT_COMMUTE_RADIUS_KM)

    # Districts the commuting circle touches, largest share of their area first.
    catchment: Mapped[list[SettlementCatchment]] = relationship(
        cascade="all, delete-orphan", order_by="SettlementCatchment.share.desc()")


class SettlementCatchment(db.Model):
    """Share of a district's area inside a settlement's commuting circle."""

    __tablename__ = "settlement_catchment"

    settlement_id: Mapped[int] = mapped_column(
        ForeignKey("settlement.id", ondelete="CASCADE"), primary_key=True)
    district_ags: Mapped[str] = mapped_column(String(5), primary_key=True, index=True)
    share: Mapped[float]  # 0..1 of the district's area


class Programme(Post):
    """Berufsbild/Ausbildungsgang: a new occupation, training programme or retraining."""

    __tablename__ = "programme"
    __mapper_args__ = {"polymorphic_identity": Kind.PROGRAMME.value}

    id: Mapped[int] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), primary_key=True)
    programme_name: Mapped[str] = mapped_column(String(200))
    programme_type: Mapped[str] = mapped_column(String(30))
    duration_months: Mapped[int | None]
    providers: Mapped[str] = mapped_column(Text, default="")
    experience: Mapped[str] = mapped_column(Text, default="")


class Project(Post):
    """Zielgruppenprojekt: a project for one or more target groups, with its outcomes."""

    __tablename__ = "project"
    __mapper_args__ = {"polymorphic_identity": Kind.PROJECT.value}

    id: Mapped[int] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), primary_key=True)
    period_start: Mapped[date | None]
    period_end: Mapped[date | None]
    funding: Mapped[str] = mapped_column(Text, default="")
    instruments: Mapped[str] = mapped_column(Text, default="")
    participants: Mapped[int | None]
    integrations: Mapped[int | None]  # participants who took up work


class JobFair(Post):
    """Jobbörse: a job fair with date, venue and registration."""

    __tablename__ = "job_fair"
    __mapper_args__ = {"polymorphic_identity": Kind.FAIR.value}

    id: Mapped[int] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), primary_key=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    venue: Mapped[str] = mapped_column(String(200))
    organisers: Mapped[str] = mapped_column(Text, default="")
    registration_url: Mapped[str | None] = mapped_column(String(500))
    registration_deadline: Mapped[date | None]
    exhibitors_expected: Mapped[int | None]
    audience: Mapped[str] = mapped_column(Text, default="")
    is_free: Mapped[bool] = mapped_column(default=True)
    fee_note: Mapped[str | None] = mapped_column(String(200))
    # All-day fairs run from local midnight of the first day to local midnight after the last
    # (an exclusive end, as iCalendar's DATE values): the form takes their dates only.
    all_day: Mapped[bool] = mapped_column(default=False, server_default=false())
    visitor_registration_url: Mapped[str | None] = mapped_column(String(500))
    visitor_registration_deadline: Mapped[date | None]
    accessibility: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    directions: Mapped[str] = mapped_column(Text, default="", server_default="")
    # "scheduled" | "moved" | "cancelled" (jobnet/fairs/states.py): set only by the fair actions.
    state: Mapped[str] = mapped_column(String(20), default=FairState.SCHEDULED,
                                       server_default=FairState.SCHEDULED.value)
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    # RFC 5545 SEQUENCE: raised by the services on every change of time, venue or state.
    calendar_sequence: Mapped[int] = mapped_column(default=0, server_default="0")

    co_organiser_rows: Mapped[list[FairCoOrganiser]] = relationship(
        cascade="all, delete-orphan", order_by="FairCoOrganiser.organisation_id")
    exhibitors: Mapped[list[FairExhibitor]] = relationship(
        cascade="all, delete-orphan", order_by="FairExhibitor.position")
    reschedules: Mapped[list[FairReschedule]] = relationship(
        cascade="all, delete-orphan", order_by="FairReschedule.id.desc()")


class FairCoOrganiser(db.Model):
    """An organisation announcing a fair together with the posting one."""

    __tablename__ = "job_fair_co_organiser"

    fair_id: Mapped[int] = mapped_column(ForeignKey("job_fair.id", ondelete="CASCADE"),
                                         primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), primary_key=True,
                                                 index=True)

    organisation: Mapped[Organisation] = relationship()


class FairExhibitor(db.Model):
    """An exhibitor expected at a fair, in the order the organiser listed them."""

    __tablename__ = "job_fair_exhibitor"

    id: Mapped[int] = mapped_column(primary_key=True)
    fair_id: Mapped[int] = mapped_column(ForeignKey("job_fair.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(200))
    sector: Mapped[str] = mapped_column(String(200), default="")
    open_positions: Mapped[str] = mapped_column(String(500), default="")


class FairReschedule(db.Model):
    """A fair moved to other dates: what it was, what it became, who moved it and why."""

    __tablename__ = "job_fair_reschedule"

    id: Mapped[int] = mapped_column(primary_key=True)
    fair_id: Mapped[int] = mapped_column(ForeignKey("job_fair.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    old_starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    old_ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    new_starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    new_ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(Text)


class PostChange(db.Model):
    """One recorded change of a post: who, when, what action, which fields from what to what."""

    __tablename__ = "post_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    action: Mapped[str] = mapped_column(String(20))
    # {"field": [old, new], ...}, values as JSON-friendly strings/numbers.
    fields: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    reason: Mapped[str | None] = mapped_column(Text)
    # The post's version this change produced; None for changes recorded before versions existed.
    version: Mapped[int | None]

    post: Mapped[Post] = relationship(back_populates="changes")
    user: Mapped[User | None] = relationship()


KIND_MODELS: dict[str, type[Post]] = {
    Kind.SETTLEMENT: Settlement,
    Kind.PROGRAMME: Programme,
    Kind.PROJECT: Project,
    Kind.FAIR: JobFair,
}
