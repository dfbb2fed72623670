"""Which fairs the calendar page, its archive and the iCal feeds show.

The page takes the post list's own statement with `upcoming`, so page, list and map cannot
disagree; the feeds add fairs withdrawn lately, which subscribed calendars must see cancelled
(docs/architecture.md, "Job-fair calendar").
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import cache
from itertools import groupby

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import joinedload, with_polymorphic

from jobnet.accounts.models import Organisation
from jobnet.clock import LOCAL_TIMEZONE
from jobnet.extensions import db
from jobnet.fairs.schedule import fair_state
from jobnet.posts.models import JobFair, Kind, Post, Status
from jobnet.posts.queries import (
    PostFilter,
    filter_conditions,
    published_statement,
    visible_conditions,
)

# Fairs that were public and then withdrawn or archived: calendars get them as cancelled.
WITHDRAWN = (Status.UNPUBLISHED, Status.IN_REVIEW, Status.ARCHIVED)
ARCHIVE_STATUSES = (Status.PUBLISHED, Status.ARCHIVED)


def calendar_filter(post_filter: PostFilter) -> PostFilter:
    """Only the filters the calendar offers: state, district (with neighbours), organisation,
    target group."""
    return PostFilter(state=post_filter.state, district=post_filter.district,
                      neighbours=post_filter.neighbours,
                      organisation=post_filter.organisation, target_group=post_filter.target_group)


def upcoming_fairs(post_filter: PostFilter, *, now: datetime) -> list[JobFair]:
    """Published fairs that have not ended, soonest first: the map's "upcoming" set."""
    stmt = published_statement(replace(calendar_filter(post_filter), upcoming=True), now=now)
    return list(db.session.scalars(stmt).unique())


def by_month(fairs: list[JobFair]) -> list[tuple[date, list[JobFair]]]:
    """(first day of the month, its fairs) in order, a fair under the month it starts in."""
    def month(fair: JobFair) -> date:
        return fair.starts_at.astimezone(LOCAL_TIMEZONE).date().replace(day=1)

    return [(first, list(group)) for first, group in groupby(fairs, key=month)]


@cache
def _fairs():
    return with_polymorphic(Post, [JobFair])


def past_fairs(post_filter: PostFilter, *, now: datetime, page: int, per_page: int
               ) -> Pagination:
    """Public fairs that have ended (published or archived), latest first: the archive."""
    poly = _fairs()
    stmt = select(poly).options(joinedload(poly.organisation)).where(
        poly.kind == Kind.FAIR, poly.status.in_(ARCHIVE_STATUSES),
        poly.JobFair.ends_at < now, *filter_conditions(poly, calendar_filter(post_filter)),
    ).order_by(poly.JobFair.starts_at.desc(), poly.id.desc())
    return db.paginate(stmt, page=min(max(page, 1), 10_000), per_page=per_page,
                       error_out=False)


def _feed_statement(post_filter: PostFilter, *, now: datetime, keep_cancelled: timedelta):
    poly = _fairs()
    withdrawn = and_(poly.status.in_(WITHDRAWN), poly.published_at.is_not(None),
                     poly.updated_at >= now - keep_cancelled)
    return poly, select(poly).where(
        poly.kind == Kind.FAIR, poly.JobFair.ends_at >= now,
        or_(and_(*visible_conditions(poly, now)), withdrawn),
        *filter_conditions(poly, calendar_filter(post_filter)),
    ).order_by(poly.JobFair.starts_at, poly.id)


def struck_out(fair: JobFair) -> bool:
    """Whether calendars show the fair as cancelled: cancelled, or no longer public (withdrawn,
    in review, archived before it took place)."""
    return fair_state(fair) == "cancelled" or fair.status in WITHDRAWN


def feed_rows(post_filter: PostFilter, *, now: datetime, keep_cancelled: timedelta) -> list:
    """The feed's fairs as rows of what its kept events depend on: (id, version, status,
    updated_at, organisation name, e-mail, website), in calendar order. Loading 2,000 whole
    fairs took most of a feed's time; whole fairs are loaded only for events not kept."""
    poly, stmt = _feed_statement(post_filter, now=now, keep_cancelled=keep_cancelled)
    stmt = stmt.join(poly.organisation).with_only_columns(
        poly.id, poly.version, poly.status, poly.updated_at, Organisation.name,
        Organisation.email, Organisation.website, maintain_column_froms=True)
    return list(db.session.execute(stmt))


def fairs_by_id(ids: list[int]) -> list[JobFair]:
    """Whole fairs with their organisation, for the events that have to be written."""
    poly = _fairs()
    return list(db.session.scalars(select(poly).options(joinedload(poly.organisation))
                                   .where(poly.id.in_(ids))).unique())


def feed_fairs(post_filter: PostFilter, *, now: datetime, keep_cancelled: timedelta
               ) -> list[JobFair]:
    """The feed's fairs as whole objects: the upcoming ones (as on the page) and those
    withdrawn or cancelled within `keep_cancelled`, which then leave the feed."""
    poly, stmt = _feed_statement(post_filter, now=now, keep_cancelled=keep_cancelled)
    fairs = db.session.scalars(stmt.options(joinedload(poly.organisation))).unique()
    return [fair for fair in fairs
            if not struck_out(fair) or fair.updated_at >= now - keep_cancelled]


def last_change(*, now: datetime) -> datetime | None:
    """When any fair's feed entry last changed: an edit, or a fair that ended and left.

    Taken over all fairs, whatever the filter: later than needed, never too early."""
    fairs = JobFair.__table__.c
    ended = func.max(fairs.ends_at).filter(fairs.ends_at <= now)
    row = db.session.execute(
        select(func.max(Post.updated_at), ended).select_from(JobFair.__table__.join(
            Post.__table__, Post.id == fairs.id))).one()
    times = [value for value in row if value is not None]
    return max(times) if times else None
