"""Reading posts: the public list with its filters, an organisation's posts, moderation lists."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from functools import cache

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import joinedload, selectinload, with_polymorphic

from jobnet.clock import LOCAL_TIMEZONE, local_today
from jobnet.extensions import db
from jobnet.geo.settings import geo_settings
from jobnet.posts.models import (
    FairCoOrganiser,
    JobFair,
    Kind,
    Post,
    PostChange,
    PostTargetGroup,
    Status,
)
from jobnet.posts.search import matches_words
from jobnet.posts.status import fair_end
from jobnet.rings.access import member_ids

MAX_PAGE = 10_000  # an absurd page number must not turn into an offset the database rejects


@dataclass(frozen=True)
class PostFilter:
    """What the reader asked for; empty values mean "any"."""

    kind: str = ""
    state: str = ""  # two-digit AGS prefix of a state ("03" Niedersachsen)
    district: str = ""
    neighbours: bool = False  # the district and the districts that border it
    target_group: str = ""
    organisation: int | None = None  # the announcing or a co-organising organisation's id
    # A comparison ring's id: posts its member organisations announce or co-organise. Forms
    # only accept rings the reader may see (jobnet/rings/access.py).
    ring: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    upcoming: bool = False
    past: bool = False  # also job fairs that are over ("vergangen"), which are left out otherwise
    q: str = ""

    def query_args(self) -> dict[str, str]:
        """The filter as query-string arguments, for pagination links."""
        args = {}
        for name, value in asdict(self).items():
            if value:
                args[name] = "y" if value is True else str(value)
        return args


@cache
def _polymorphic():
    # Built once per process: building it took 2.6 of the list's 10.6 ms of CPU
    # (bench/bench_load.py, profiled on PostgreSQL).
    return with_polymorphic(Post, "*")


def _loading(poly):
    # The list shows organisation, kind-specific lines and target groups of every item.
    return (joinedload(poly.organisation), selectinload(poly.target_group_rows))


def _day_start(day: date) -> datetime:
    """The instant a day begins in Hesse."""
    return datetime.combine(day, time(), LOCAL_TIMEZONE)


def _in_date_range(poly, start: date | None, end: date | None):
    """Fairs that take place in the range; other kinds published in it."""
    lower = _day_start(start) if start else None
    upper = _day_start(end + timedelta(days=1)) if end else None
    fair = [poly.kind == Kind.FAIR]
    other = [poly.kind != Kind.FAIR]
    if lower is not None:
        fair.append(poly.JobFair.ends_at >= lower)
        other.append(poly.published_at >= lower)
    if upper is not None:
        fair.append(poly.JobFair.starts_at < upper)
        other.append(poly.published_at < upper)
    return or_(and_(*fair), and_(*other))


def matches_text(poly, query: str):
    """Posts containing every word of the query, through the database's full-text index
    (posts/search.py)."""
    return matches_words(poly.id, poly.search_text, query, db.engine.dialect.name)


def district_keys(post_filter: PostFilter) -> list[str]:
    """The filter's district, and with `neighbours` the districts that border it."""
    keys = [post_filter.district]
    if post_filter.neighbours:
        keys += [area.ags for area in geo_settings().boundaries.district_neighbours(keys[0])]
    return keys


def visible_conditions(poly, now: datetime) -> list:
    """What makes a post visible to the public: published and not past its "valid until" day."""
    return [poly.status == Status.PUBLISHED,
            or_(poly.valid_until.is_(None), poly.valid_until >= local_today(now))]


def filter_conditions(poly, post_filter: PostFilter) -> list:
    """The filter's state, district, organisation, target group, dates and words as conditions (kind
    and `upcoming` are the list's own: the calendar and its feeds choose fairs themselves)."""
    conditions = []
    if post_filter.state:  # a validated two-digit key: the LIKE pattern has no wildcards of its own
        conditions.append(poly.district_ags.like(f"{post_filter.state}%"))
    if post_filter.district:
        conditions.append(poly.district_ags.in_(district_keys(post_filter)))
    if post_filter.organisation is not None:
        conditions.append(announced_by(poly, post_filter.organisation))
    if post_filter.ring is not None:
        conditions.append(announced_by_ring(poly, post_filter.ring))
    if post_filter.target_group:
        wanted = PostTargetGroup.code == post_filter.target_group
        conditions.append(poly.target_group_rows.any(wanted))
    if post_filter.date_from or post_filter.date_to:
        conditions.append(_in_date_range(poly, post_filter.date_from, post_filter.date_to))
    if post_filter.q:
        conditions.append(matches_text(poly, post_filter.q))
    return conditions


def published_statement(post_filter: PostFilter, *, now: datetime) -> Select:
    """The SELECT of currently published posts matching the filter, in list order.

    Job fairs that are over stay out unless the filter asks for them (`past`).
    """
    poly = _polymorphic()
    stmt = _matching(select(poly).options(*_loading(poly)), poly, post_filter, now)
    return stmt.order_by(*_list_order(poly, post_filter))


def _list_order(poly, post_filter: PostFilter) -> tuple:
    if post_filter.upcoming:
        return poly.JobFair.starts_at, poly.id
    return poly.published_at.desc(), poly.id.desc()


def _matching(stmt: Select, poly, post_filter: PostFilter, now: datetime) -> Select:
    visible = visible_conditions(poly, now)
    if post_filter.q:
        # Both databases took the (status, published_at) index in list order, testing every
        # published post against the words (SQLite has no statistics, PostgreSQL misjudges
        # prefix words); "status || ''" leaves them the full-text index to start from.
        visible[0] = poly.status.concat("") == Status.PUBLISHED
    stmt = stmt.where(*visible)
    # The list, map and counts leave fairs that are over out; the calendar's archive shows them.
    if not post_filter.past:
        stmt = stmt.where(or_(poly.kind != Kind.FAIR, fair_end(poly.JobFair) >= now))
    if post_filter.kind and not post_filter.upcoming:
        stmt = stmt.where(poly.kind == post_filter.kind)
    stmt = stmt.where(*filter_conditions(poly, post_filter))
    if post_filter.upcoming:
        stmt = stmt.where(poly.kind == Kind.FAIR, poly.JobFair.ends_at >= now)
    return stmt


@cache
def _light():
    # Only the job-fair table is joined: the conditions and the order read no column of the
    # other kinds.
    return with_polymorphic(Post, [JobFair])


def published_columns(post_filter: PostFilter, columns, *, now: datetime) -> Select:
    """An unordered SELECT of columns(entity) over the posts published_statement finds, where
    the entity has the post's and the fair's columns only: cheaper for the map's bulk data."""
    poly = _light()
    return _matching(select(*columns(poly)), poly, post_filter, now)


def count_published(post_filter: PostFilter, *, now: datetime) -> int:
    """How many posts published_statement finds, counted on the post table (and the fairs')
    instead of a subquery over all four kinds' joined tables."""
    poly = _light()
    stmt = _matching(select(func.count()).select_from(poly), poly, post_filter, now)
    return db.session.execute(stmt).scalar_one()


class _ListPage(Pagination):
    """A page of the list in two steps: the page's ids in list order from the post table (and
    the fairs'), then those posts with all their kind's columns. Joining all four kinds' tables
    for every matching post before sorting cost more than the rest of the list. With words,
    the full-text index leaves few posts to sort, and they are counted in the same pass;
    without, the page comes from the (status, published_at) index and a count of its own."""

    def _query_items(self) -> list[Post]:
        post_filter, now = self._query_args["post_filter"], self._query_args["now"]
        light = _light()
        columns = [light.id, func.count().over()] if post_filter.q else [light.id]
        rows = db.session.execute(
            _matching(select(*columns), light, post_filter, now)
            .order_by(*_list_order(light, post_filter))
            .limit(self.per_page).offset(self._query_offset)).all()
        self._counted = None
        if post_filter.q:
            self._counted = rows[0][1] if rows else (0 if self._query_offset == 0 else None)
        if not rows:
            return []
        poly = _polymorphic()
        posts = {post.id: post for post in db.session.scalars(
            select(poly).options(*_loading(poly)).where(poly.id.in_([r[0] for r in rows])))
            .unique()}
        return [posts[row[0]] for row in rows if row[0] in posts]

    def _query_count(self) -> int:
        if self._counted is not None:
            return self._counted
        return count_published(self._query_args["post_filter"], now=self._query_args["now"])


def selection_fingerprint(post_filter: PostFilter, *, now: datetime) -> str:
    """How many posts the filter selects and the newest content stamp among them: the same
    answer later means none of them changed, none entered and none left (a post that enters
    or changes gets a newer stamp than any before; one that leaves lowers the count). Pages
    built from the selection revalidate on it (web/page_cache.py)."""
    poly = _light()
    count, newest = db.session.execute(_matching(
        select(func.count(poly.id), func.max(poly.content_seq)), poly, post_filter, now)).one()
    return f"{count}.{newest or 0}"


def post_fingerprint(post_id: int, *, now: datetime) -> str:
    """The fingerprint of one published post (its page and popup data), as above."""
    count, newest = db.session.execute(
        select(func.count(Post.id), func.max(Post.content_seq))
        .where(Post.id == post_id, *visible_conditions(Post, now))).one()
    return f"{count}.{newest or 0}"


def published_posts(post_filter: PostFilter, *, now: datetime, page: int = 1,
                    per_page: int = 20) -> Pagination:
    """One page of currently published posts matching the filter."""
    page = min(max(page, 1), MAX_PAGE)
    return _ListPage(page=page, per_page=per_page, max_per_page=100, error_out=False,
                     post_filter=post_filter, now=now)


def announced_by(poly, organisation_id: int):
    """Posts of the organisation, and job fairs it co-organises."""
    co_organising = select(FairCoOrganiser.fair_id).where(
        FairCoOrganiser.organisation_id == organisation_id)
    return or_(poly.organisation_id == organisation_id, poly.id.in_(co_organising))


def announced_by_ring(poly, ring_id: int):
    """Posts of the ring's member organisations, and job fairs one of them co-organises."""
    members = member_ids(ring_id)
    co_organising = select(FairCoOrganiser.fair_id).where(
        FairCoOrganiser.organisation_id.in_(members))
    return or_(poly.organisation_id.in_(members), poly.id.in_(co_organising))


def organisation_posts(organisation_id: int) -> dict[str, list[Post]]:
    """An organisation's posts and the fairs it co-organises by status (draft, published,
    unpublished, archived), newest first."""
    poly = _polymorphic()
    posts = db.session.scalars(
        select(poly).options(*_loading(poly)).where(announced_by(poly, organisation_id))
        .order_by(poly.updated_at.desc(), poly.id.desc())
    ).unique().all()
    grouped: dict[str, list[Post]] = {status.value: [] for status in
                                      (Status.DRAFT, Status.PUBLISHED, Status.UNPUBLISHED,
                                       Status.IN_REVIEW, Status.ARCHIVED)}
    for post in posts:
        grouped[post.status].append(post)
    return grouped


def _of(poly, organisations: frozenset[int] | None) -> list:
    # None: every organisation (the network's moderators); a set: a ring moderator's members.
    return [] if organisations is None else [poly.organisation_id.in_(organisations)]


def recently_published(limit: int = 50, organisations: frozenset[int] | None = None
                       ) -> list[Post]:
    """The newest published posts of every organisation (or of those given), for moderators."""
    poly = _polymorphic()
    return list(db.session.scalars(
        select(poly).options(*_loading(poly))
        .where(poly.status == Status.PUBLISHED, *_of(poly, organisations))
        .order_by(poly.published_at.desc(), poly.id.desc()).limit(limit)
    ).unique())


def post_history(post: Post) -> list[PostChange]:
    """A post's recorded changes, newest first, with the people who made them."""
    return list(db.session.scalars(
        select(PostChange).options(joinedload(PostChange.user)).where(PostChange.post_id == post.id)
        .order_by(PostChange.id.desc())
    ))


def posts_with_status(status: Status, organisations: frozenset[int] | None = None
                      ) -> list[Post]:
    """Posts in one status, most recently changed first (the moderation queues: withdrawn, and
    changed after a withdrawal, waiting for review), of every organisation or those given."""
    poly = _polymorphic()
    return list(db.session.scalars(
        select(poly).options(*_loading(poly))
        .where(poly.status == status, *_of(poly, organisations))
        .order_by(poly.updated_at.desc(), poly.id.desc())
    ).unique())
