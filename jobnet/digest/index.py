"""Loading a round's posts once and indexing them in memory by district (the fast path)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from difflib import SequenceMatcher

from sqlalchemy import false, or_, select
from sqlalchemy.orm import joinedload, selectinload, with_polymorphic

from jobnet.clock import local_today
from jobnet.extensions import db
from jobnet.fairs.schedule import (
    DEADLINE_DAYS,
    DailyHours,
    daily_hours,
    deadline_soon,
    fair_days,
    is_all_day,
)
from jobnet.geo.boundaries import load_boundaries
from jobnet.posts.kinds import ALL_FIELDS, Change
from jobnet.posts.models import FairState, JobFair, Kind, Post, PostChange, Status

# How a change of each field counts for subscribers comes from the kinds' specifications.
FACT_FIELDS = frozenset(spec.name for spec in ALL_FIELDS if spec.change == Change.ALWAYS)
# Text edits count only when they change more than a typo: under 90 % similarity.
TEXT_FIELDS = frozenset(spec.name for spec in ALL_FIELDS if spec.change == Change.IF_REWRITTEN)
TEXT_SIMILARITY_LIMIT = 0.9
SUMMARY_CHARS = 180  # about two lines in a mail client
# A fair moved or cancelled reaches everyone it matched, like a substantial update.
NEWS_ACTIONS = ("updated", "republished", "moved", "cancelled")


@dataclass(frozen=True, slots=True)
class DigestItem:
    """A post as a digest shows it: plain values, no ORM object."""

    id: int
    kind: str
    title: str
    summary: str
    place: str
    district_ags: str | None
    district_label: str
    organisation: str
    published_at: datetime
    activity_at: datetime  # publication or last substantial update
    target_groups: frozenset[str]
    catchment: frozenset[str] = frozenset()
    starts_at: datetime | None = None
    first_day: date | None = None  # all-day fairs: shown as this date, not as local midnight
    daily: DailyHours | None = None  # fairs held on several days at the same hours
    venue: str = ""
    registration_deadline: date | None = None
    # Fairs only: "moved" or "cancelled" are news; the note's parts are rendered per language.
    state: str = "scheduled"
    moved_from: datetime | None = None
    cancel_reason: str = ""
    deadline_soon: date | None = None  # a registration deadline in the next seven days
    organisation_id: int | None = None  # for ring digests (the announcing organisation)
    _hash: int = field(default=0, init=False, compare=False, repr=False)

    def __hash__(self) -> int:
        # Rendering looks each entry up in a cache keyed by it, ~200 times per digest: hashing
        # all fields each time was a tenth of rendering. Computed once; the fields are frozen.
        if not self._hash:
            object.__setattr__(self, "_hash", hash((
                self.id, self.kind, self.title, self.summary, self.place, self.district_ags,
                self.district_label, self.organisation, self.published_at, self.activity_at,
                self.target_groups, self.catchment, self.starts_at, self.first_day, self.daily,
                self.venue, self.registration_deadline, self.state, self.moved_from,
                self.cancel_reason, self.deadline_soon)))
        return self._hash


@dataclass
class PostIndex:
    """A round's posts by district key, settlements by catchment district, upcoming fairs."""

    until: datetime
    fair_until: datetime
    by_district: dict[str | None, list[DigestItem]] = field(default_factory=lambda: defaultdict(list))
    by_catchment: dict[str, list[DigestItem]] = field(default_factory=lambda: defaultdict(list))
    fairs: list[DigestItem] = field(default_factory=list)  # upcoming, nearest first
    all_items: list[DigestItem] = field(default_factory=list)


def is_substantial(change_fields: dict) -> bool:
    """Whether an 'updated' history entry is worth telling subscribers about."""
    for name, values in (change_fields or {}).items():
        if name in FACT_FIELDS:
            return True
        if name in TEXT_FIELDS:
            old, new = (list(values) + [None, None])[:2]
            if SequenceMatcher(None, str(old or ""), str(new or "")).ratio() < TEXT_SIMILARITY_LIMIT:
                return True
    return False


def two_lines(text: str, limit: int = SUMMARY_CHARS) -> str:
    """The text cut at a word boundary to about two lines."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",.;:–-") + " …"


def substantial_updates(since: datetime, until: datetime) -> dict[int, datetime]:
    """Post id -> time of the latest substantial update in [since, until)."""
    rows = db.session.execute(
        select(PostChange.post_id, PostChange.at, PostChange.action, PostChange.fields)
        .where(PostChange.action.in_(NEWS_ACTIONS),
               PostChange.at >= since, PostChange.at < until))
    latest: dict[int, datetime] = {}
    for post_id, at, action, fields in rows:
        if (action != "updated" or is_substantial(fields)) and at > latest.get(post_id, since):
            latest[post_id] = at
    return latest


def load_index(*, since: datetime, until: datetime, fair_until: datetime, region: str) -> PostIndex:
    """Every published post active in [since, until) and every fair in [until, fair_until)."""
    updated = substantial_updates(since, until)
    today = local_today(until)
    soon = today + timedelta(days=DEADLINE_DAYS)
    poly = with_polymorphic(Post, "*")
    stmt = (select(poly).where(poly.status == Status.PUBLISHED).where(or_(
        (poly.published_at >= since) & (poly.published_at < until),
        poly.id.in_(list(updated)) if updated else false(),
        (poly.kind == Kind.FAIR) & (poly.JobFair.starts_at >= until)
        & (poly.JobFair.starts_at < fair_until),
        (poly.kind == Kind.FAIR) & (poly.JobFair.starts_at >= until) & or_(
            poly.JobFair.registration_deadline.between(today, soon),
            poly.JobFair.visitor_registration_deadline.between(today, soon))))
        .options(joinedload(poly.organisation), selectinload(poly.target_group_rows),
                 selectinload(poly.Settlement.catchment),
                 selectinload(poly.JobFair.reschedules)))
    labels = {area.ags: area.label for area in load_boundaries(region).districts()}
    index = PostIndex(until=until, fair_until=fair_until)
    for post in db.session.scalars(stmt).unique():
        activity = max(filter(None, (post.published_at, updated.get(post.id))))
        item = _item(post, activity, labels, today)
        if since <= activity < until:
            index.all_items.append(item)
            index.by_district[item.district_ags].append(item)
            for ags in item.catchment:
                index.by_catchment[ags].append(item)
        if item.starts_at is not None and until <= item.starts_at and (
                item.starts_at < fair_until or item.deadline_soon):
            index.fairs.append(item)
    index.fairs.sort(key=lambda item: (item.starts_at, item.title))
    return index


def _item(post: Post, activity: datetime, labels: dict[str, str],
          today: date) -> DigestItem:
    fair = isinstance(post, JobFair)
    return DigestItem(**(_fair_parts(post, today) if fair else {}),
        id=post.id, kind=post.kind, title=post.title, summary=two_lines(post.summary),
        place=post.place, district_ags=post.district_ags,
        district_label=labels.get(post.district_ags or "", ""),
        organisation=post.organisation.name, organisation_id=post.organisation_id,
        published_at=post.published_at,
        activity_at=activity, target_groups=frozenset(post.target_groups),
        catchment=frozenset(row.district_ags for row in getattr(post, "catchment", ()) or ()),
        starts_at=post.starts_at if fair else None, venue=post.venue if fair else "",
        registration_deadline=post.registration_deadline if fair else None)


def _fair_parts(fair: JobFair, today: date) -> dict:
    moved = fair.state == FairState.MOVED and fair.reschedules
    return {"state": fair.state or FairState.SCHEDULED.value,
            "moved_from": fair.reschedules[0].old_starts_at if moved else None,
            "cancel_reason": fair.cancel_reason or "",
            "first_day": fair_days(fair)[0] if is_all_day(fair) else None,
            "daily": daily_hours(fair),
            "deadline_soon": deadline_soon(fair, today)}
