"""Pages of published posts by keyset: an opaque cursor names the last item's place in the list
order, so posts published between two requests neither shift nor repeat items."""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from flask_babel import gettext as _
from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import selectinload

from jobnet.api.errors import BadRequest
from jobnet.extensions import db
from jobnet.posts.models import FairCoOrganiser, JobFair, Kind, Post
from jobnet.posts.queries import PostFilter, published_statement
from jobnet.sqltypes import MAX_DATABASE_ID

# "p": newest published first (the list); "u": upcoming fairs, soonest first.
_CURSOR = re.compile(r"([pu])\.([0-9]{1,18})\.([0-9]{1,10})")


@dataclass(frozen=True)
class Cursor:
    order: str
    key: datetime
    id: int

    def encode(self) -> str:
        micros = int(self.key.timestamp()) * 1_000_000 + self.key.microsecond
        raw = f"{self.order}.{micros}.{self.id}".encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@dataclass(frozen=True)
class Area:
    """A bounding box in WGS84 degrees; west > east crosses the antimeridian."""

    west: float
    south: float
    east: float
    north: float


@dataclass(frozen=True)
class Window:
    """A closed time interval; None on a side means open."""

    start: datetime | None
    end: datetime | None


@dataclass(frozen=True)
class Page:
    posts: list[Post]
    next: Cursor | None


def list_order(post_filter: PostFilter) -> str:
    return "u" if post_filter.upcoming else "p"


def decode_cursor(raw: str, order: str) -> Cursor:
    """The cursor of a `next` link; anything else is refused with a 400."""
    invalid = BadRequest(_("cursor ist ungültig. Verwenden Sie den next-Link einer Antwort."))
    try:
        text = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).decode("ascii")
    except (binascii.Error, ValueError):
        raise invalid from None
    match = _CURSOR.fullmatch(text)
    if not match or not raw.isascii() or not 0 < int(match[3]) <= MAX_DATABASE_ID:
        raise invalid
    if match[1] != order:
        raise BadRequest(_("cursor gehört zu einer anderen Sortierung (upcoming). Beginnen Sie "
                           "ohne cursor neu."))
    seconds, micros = divmod(int(match[2]), 1_000_000)
    try:
        key = datetime.fromtimestamp(seconds, UTC).replace(microsecond=micros)
    except (OverflowError, ValueError, OSError):
        raise invalid from None
    return Cursor(match[1], key, int(match[3]))


def _sort_key(post: Post, order: str) -> datetime:
    return post.starts_at if order == "u" else post.published_at


def _after(cursor: Cursor):
    if cursor.order == "u":
        return or_(JobFair.starts_at > cursor.key,
                   and_(JobFair.starts_at == cursor.key, Post.id > cursor.id))
    return or_(Post.published_at < cursor.key,
               and_(Post.published_at == cursor.key, Post.id < cursor.id))


def _within(area: Area):
    if area.west <= area.east:
        lon = Post.longitude.between(area.west, area.east)
    else:
        lon = or_(Post.longitude >= area.west, Post.longitude <= area.east)
    return and_(Post.latitude.between(area.south, area.north), lon)


def _during(window: Window):
    """Fairs whose time overlaps the window; other posts published in it."""
    fair, other = [Post.kind == Kind.FAIR], [Post.kind != Kind.FAIR]
    if window.start is not None:
        fair.append(JobFair.ends_at >= window.start)
        other.append(Post.published_at >= window.start)
    if window.end is not None:
        fair.append(JobFair.starts_at <= window.end)
        other.append(Post.published_at <= window.end)
    return or_(and_(*fair), and_(*other))


def matching(post_filter: PostFilter, *, now: datetime, area: Area | None = None,
             window: Window | None = None) -> Select:
    """The published posts of the filter, in list order, within the area and window."""
    stmt = published_statement(post_filter, now=now)
    if area is not None:
        stmt = stmt.where(_within(area))
    if window is not None:
        stmt = stmt.where(_during(window))
    return stmt


def posts_page(post_filter: PostFilter, *, now: datetime, limit: int,
               after: Cursor | None = None, area: Area | None = None,
               window: Window | None = None) -> Page:
    """Up to `limit` posts after the cursor, and the cursor of the next page if there is one."""
    stmt = matching(post_filter, now=now, area=area, window=window)
    poly = stmt.column_descriptions[0]["entity"]
    # A fair's record names its co-organisers and its latest move: load them per page, not
    # per fair (27 queries for a page of 100 before, 4 after).
    stmt = stmt.options(selectinload(poly.JobFair.co_organiser_rows)
                        .joinedload(FairCoOrganiser.organisation),
                        selectinload(poly.JobFair.reschedules))
    if after is not None:
        stmt = stmt.where(_after(after))
    posts = list(db.session.scalars(stmt.limit(limit + 1)).unique())
    if len(posts) <= limit:
        return Page(posts, None)
    last = posts[limit - 1]
    order = list_order(post_filter)
    return Page(posts[:limit], Cursor(order, _sort_key(last, order), last.id))


def count_matching(post_filter: PostFilter, *, now: datetime, area: Area | None = None,
                   window: Window | None = None) -> int:
    """How many posts match, over all pages."""
    # Only the ids: the joins stay (fairs' dates decide), the hundred columns go.
    ids = matching(post_filter, now=now, area=area, window=window).order_by(None)
    ids = ids.with_only_columns(Post.id, maintain_column_froms=True)
    return db.session.scalar(select(func.count()).select_from(ids.subquery()))
