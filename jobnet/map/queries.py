"""What the map shows: compact marker columns, counts per district and one post's popup facts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlalchemy.orm import with_polymorphic

from jobnet.extensions import db
from jobnet.posts.models import FairState, Kind, Post, Status
from jobnet.posts.queries import PostFilter, published_statement

# Kinds travel as small integers: the bulk data must stay near 10 bytes per post after gzip.
KIND_CODES = {Kind.SETTLEMENT: 0, Kind.PROGRAMME: 1, Kind.PROJECT: 2, Kind.FAIR: 3}
KIND_ORDER = list(KIND_CODES)
# A fair's state travels as a small integer too (0 for every other kind), so markers can show it.
STATE_CODES = {FairState.SCHEDULED: 0, FairState.MOVED: 1, FairState.CANCELLED: 2}
COORDINATE_DECIMALS = 4  # about 10 m: plenty for a marker, and fewer digits compress better


def _entity(stmt):
    return stmt.column_descriptions[0]["entity"]


def marker_columns(post_filter: PostFilter, *, now: datetime) -> dict[str, list]:
    """Ids, kind codes, points, fair states and titles of the matching posts with a point."""
    # The list's own statement, reduced to a few columns: map and list can never disagree. The
    # title is each marker's accessible name ("Jobbörse: <title>"), needed before any popup.
    stmt = published_statement(post_filter, now=now)
    poly = _entity(stmt)
    stmt = stmt.with_only_columns(poly.id, poly.kind, poly.latitude, poly.longitude,
                                  poly.JobFair.state, poly.title, maintain_column_froms=True)
    stmt = stmt.where(poly.latitude.is_not(None), poly.longitude.is_not(None))
    rows = db.session.execute(stmt.order_by(None).order_by(poly.id)).all()
    return {
        "kinds": [kind.value for kind in KIND_ORDER],
        "id": [row[0] for row in rows],
        "kind": [KIND_CODES.get(row[1], 0) for row in rows],
        "lat": [round(row[2], COORDINATE_DECIMALS) for row in rows],
        "lon": [round(row[3], COORDINATE_DECIMALS) for row in rows],
        "states": [state.value for state in STATE_CODES],
        "state": [STATE_CODES.get(row[4], 0) for row in rows],
        "title": [row[5] for row in rows],
    }


def district_counts(post_filter: PostFilter, *, now: datetime) -> dict[str, dict]:
    """{district key: {"posts": matching posts, "jobs": jobs announced by matching settlements,
    "kinds": {kind: matching posts of that kind}}} for districts with a matching post."""
    stmt = published_statement(post_filter, now=now)
    poly = _entity(stmt)
    jobs = func.coalesce(func.sum(poly.Settlement.jobs_expected), 0)
    stmt = stmt.with_only_columns(poly.district_ags, poly.kind, func.count(poly.id), jobs,
                                  maintain_column_froms=True)
    stmt = stmt.where(poly.district_ags.is_not(None)).order_by(None).group_by(
        poly.district_ags, poly.kind)
    counts: dict[str, dict] = {}
    for ags, kind, posts, total in db.session.execute(stmt):
        row = counts.setdefault(ags, {"posts": 0, "jobs": 0,
                                      "kinds": {k.value: 0 for k in KIND_ORDER}})
        row["posts"] += posts
        row["jobs"] += int(total)
        row["kinds"][kind] = posts
    return counts


def published_post(post_id: int) -> Post | None:
    """A published post with its kind's fields, or None (drafts and the rest never reach the map)."""
    poly = with_polymorphic(Post, "*")
    stmt = db.select(poly).where(poly.id == post_id, poly.status == Status.PUBLISHED)
    return db.session.scalars(stmt).first()
