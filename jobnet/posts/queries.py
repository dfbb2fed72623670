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
from jobnet.posts.models import FairCoOrganiser, Kind, Post, PostChange, PostTargetGroup, Status
from jobnet.posts.search import search_key
from jobnet.posts.status import fair_end
from jobnet.rings.access import member_ids

MAX_SEARCH_WORDS = 10
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


def matches_text(column, query: str) -> list:
    """One LIKE condition per word; the user's % and _ are matched literally."""
    words = search_key(query).split()[:MAX_SEARCH_WORDS]
    return [column.contains(word, autoescape=True) for word in words]


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
        conditions.extend(matches_text(poly.search_text, post_filter.q))
    return conditions


def _selection(poly, post_filter: PostFilter, now: datetime) -> list:
    """The conditions of currently published posts matching the filter.

    Job fairs that are over stay out unless the filter asks for them (`past`).
    """
    conditions = visible_conditions(poly, now)
    # The list, map and counts leave fairs that are over out; the calendar's archive shows them.
    if not post_filter.past:
        conditions.append(or_(poly.kind != Kind.FAIR, fair_end(poly.JobFair) >= now))
    if post_filter.kind and not post_filter.upcoming:
        conditions.append(poly.kind == post_filter.kind)
    conditions += filter_conditions(poly, post_filter)
    if post_filter.upcoming:
        conditions += [poly.kind == Kind.FAIR, poly.JobFair.ends_at >= now]
    return conditions


def published_statement(post_filter: PostFilter, *, now: datetime) -> Select:
    """The SELECT of currently published posts matching the filter, in list order."""
    poly = _polymorphic()
    stmt = select(poly).options(*_loading(poly)).where(*_selection(poly, post_filter, now))
    if post_filter.upcoming:
        return stmt.order_by(poly.JobFair.starts_at, poly.id)
    return stmt.order_by(poly.published_at.desc(), poly.id.desc())


def selection_fingerprint(post_filter: PostFilter, *, now: datetime) -> str:
    """How many posts the filter selects and the newest content stamp among them: the same
    answer later means none of them changed, none entered and none left (a post that enters
    or changes gets a newer stamp than any before; one that leaves lowers the count). Pages
    built from the selection revalidate on it (web/page_cache.py)."""
    poly = _polymorphic()
    count, newest = db.session.execute(
        select(func.count(poly.id), func.max(poly.content_seq))
        .where(*_selection(poly, post_filter, now))).one()
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
    return db.paginate(published_statement(post_filter, now=now), page=page, per_page=per_page,
                       error_out=False, max_per_page=100)


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
