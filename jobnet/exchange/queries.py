"""Reading marks and contacts for members: a post's marks, an organisation's profile, counts.

Marks of a deactivated organisation are kept but not shown or counted: its people cannot sign
in, so nobody would answer the call; reactivating it brings them back.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from jobnet.accounts.models import Organisation, User
from jobnet.exchange.models import (
    ExchangeChange,
    ExchangeMark,
    MarkType,
    OrganisationContact,
    Topic,
)
from jobnet.exchange.permissions import may_change_mark, may_mark, sees_interest_list
from jobnet.extensions import db
from jobnet.posts.models import Post, Status
from jobnet.posts.queries import PostFilter, published_statement

SHOWN_STATUSES = (Status.PUBLISHED, Status.ARCHIVED)  # the posts anybody may read


def _shown_marks():
    return (select(ExchangeMark).join(ExchangeMark.organisation)
            .where(Organisation.active.is_(True))
            .options(joinedload(ExchangeMark.organisation), joinedload(ExchangeMark.contact_user)))


@dataclass
class PostExchange:
    """What a member sees of a post's marks, and what they may do."""

    experience: list[ExchangeMark]
    interest_count: int
    interest: list[ExchangeMark] | None  # the list only for the post's own organisation
    own: dict[str, ExchangeMark] = field(default_factory=dict)  # the member's organisation's marks
    can_mark: bool = False
    open: bool = False  # the post takes new marks (published)


def post_exchange(post: Post, user: User) -> PostExchange:
    """The marks on a post as the member may see them (call only for members)."""
    marks = db.session.scalars(_shown_marks().where(ExchangeMark.post_id == post.id)
                               .order_by(Organisation.name)).all()
    experience = [m for m in marks if m.type == MarkType.EXPERIENCE]
    interest = [m for m in marks if m.type == MarkType.INTEREST]
    own = {m.type: m for m in marks if may_change_mark(user, m)}
    return PostExchange(experience, len(interest),
                        interest if sees_interest_list(user, post) else None, own,
                        can_mark=may_mark(user, post), open=post.status == Status.PUBLISHED)


@dataclass
class Profile:
    organisation: Organisation
    contacts: list[tuple[str, list[OrganisationContact]]]  # (topic, contacts) in topic order
    posts: list[Post]
    experience: list[ExchangeMark]  # the organisation's own experience with others' posts
    received: dict[int, list[ExchangeMark]] = field(default_factory=dict)  # on its posts, by post


def organisation_profile(organisation: Organisation) -> Profile:
    """Contacts per topic, published posts and experience marks of an organisation."""
    contacts = db.session.scalars(select(OrganisationContact).where(
        OrganisationContact.organisation_id == organisation.id)
        .order_by(OrganisationContact.name, OrganisationContact.id)).all()
    by_topic = [(topic.value, [c for c in contacts if c.topic == topic]) for topic in Topic]
    posts = db.session.scalars(select(Post).where(
        Post.organisation_id == organisation.id, Post.status == Status.PUBLISHED)
        .order_by(Post.published_at.desc(), Post.id.desc())).all()
    experience = db.session.scalars(
        _shown_marks().join(ExchangeMark.post).where(
            ExchangeMark.organisation_id == organisation.id,
            ExchangeMark.type == MarkType.EXPERIENCE, Post.status.in_(SHOWN_STATUSES))
        .options(joinedload(ExchangeMark.post)).order_by(ExchangeMark.updated_at.desc())).all()
    received: dict[int, list[ExchangeMark]] = {}
    for mark in db.session.scalars(_shown_marks().where(
            ExchangeMark.post_id.in_([p.id for p in posts]),
            ExchangeMark.type == MarkType.EXPERIENCE).order_by(Organisation.name)):
        received.setdefault(mark.post_id, []).append(mark)
    return Profile(organisation, by_topic, list(posts), list(experience), received)


def directory(q: str = "", topic: str = "") -> list[Organisation]:
    """Active organisations by name, matching a name part and having a contact for the topic."""
    stmt = select(Organisation).where(Organisation.active.is_(True))
    if q:
        stmt = stmt.where(func.lower(Organisation.name).contains(q.casefold(), autoescape=True))
    if topic:
        stmt = stmt.where(Organisation.id.in_(select(OrganisationContact.organisation_id).where(
            OrganisationContact.topic == topic)))
    return list(db.session.scalars(stmt.order_by(Organisation.name)
                                   .options(selectinload(Organisation.district_rows))))


def contact_topics(organisation_ids: list[int]) -> dict[int, list[str]]:
    """The topics each organisation has a contact for, in topic order."""
    rows = db.session.execute(select(OrganisationContact.organisation_id, OrganisationContact.topic)
                              .where(OrganisationContact.organisation_id.in_(organisation_ids))
                              .distinct()).all()
    found: dict[int, set[str]] = {}
    for organisation_id, topic in rows:
        found.setdefault(organisation_id, set()).add(topic)
    return {oid: [t.value for t in Topic if t in topics] for oid, topics in found.items()}


def mark_counts_by_district(post_filter: PostFilter, *, now: datetime) -> dict[str, dict[str, int]]:
    """{district: {"experience": n, "interest": n}}: marks on the posts matching the filter
    (all districts, like the district table), from active organisations."""
    stmt = published_statement(replace(post_filter, district=""), now=now)
    poly = stmt.column_descriptions[0]["entity"]
    posts = stmt.with_only_columns(poly.id, poly.district_ags, maintain_column_froms=True) \
        .order_by(None).subquery()
    stmt = (select(posts.c.district_ags, ExchangeMark.type, func.count(ExchangeMark.id))
            .join(ExchangeMark, ExchangeMark.post_id == posts.c.id)
            .join(Organisation, Organisation.id == ExchangeMark.organisation_id)
            .where(Organisation.active.is_(True), posts.c.district_ags.is_not(None))
            .group_by(posts.c.district_ags, ExchangeMark.type))
    counts: dict[str, dict[str, int]] = {}
    for ags, mark_type, n in db.session.execute(stmt):
        counts.setdefault(ags, {"experience": 0, "interest": 0})[mark_type] = n
    return counts


def history(organisation: Organisation, limit: int = 100) -> list[ExchangeChange]:
    """The organisation's changes of marks and contacts, newest first."""
    return list(db.session.scalars(select(ExchangeChange).options(joinedload(ExchangeChange.user))
                                   .where(ExchangeChange.organisation_id == organisation.id)
                                   .order_by(ExchangeChange.id.desc()).limit(limit)))
