"""What the map shows: compact marker columns, counts per district and one post's popup facts."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import with_polymorphic

from jobnet.extensions import db
from jobnet.map.clusters import MapView, grid
from jobnet.map.points import KIND_CODES, KIND_ORDER, STATE_CODES, marker_points
from jobnet.posts.models import Post, Status
from jobnet.posts.queries import PostFilter, published_columns, published_statement

COORDINATE_DECIMALS = 4  # about 10 m: plenty for a marker, and fewer digits compress better


def _entity(stmt):
    return stmt.column_descriptions[0]["entity"]


def _marker_select(post_filter: PostFilter, now: datetime):
    # The list's own conditions, reduced to a few columns (map and list can never disagree), on
    # the post and fair tables only; kinds and states become their codes in the database.
    def columns(poly):
        return (poly.id, case(KIND_CODES, value=poly.kind, else_=0), poly.latitude,
                poly.longitude, case(STATE_CODES, value=poly.JobFair.state, else_=0), poly.title)

    stmt = published_columns(post_filter, columns, now=now)
    poly = stmt.selected_columns[0].table  # the post table: ids in order
    return stmt.where(poly.c.latitude.is_not(None), poly.c.longitude.is_not(None)).order_by(
        poly.c.id)


def marker_rows(post_filter: PostFilter, *, now: datetime) -> tuple:
    """The columns of the matching posts with a point: (ids, kind codes, latitudes,
    longitudes, fair state codes, titles)."""
    rows = db.session.execute(_marker_select(post_filter, now)).all()
    return tuple(zip(*rows)) or ((),) * 6


def _titles(ids) -> dict[int, str]:
    return dict(db.session.execute(select(Post.id, Post.title).where(Post.id.in_(ids))).all())


def _compact(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _marker_columns(ids, kinds, lats, lons, states, titles) -> list[str]:
    number = f"%.{COORDINATE_DECIMALS}f".__mod__
    return [
        '"kinds":', _compact([kind.value for kind in KIND_ORDER]),
        ',"id":[', ",".join(map(str, ids)), '],"kind":[', ",".join(map(str, kinds)),
        '],"lat":[', ",".join(map(number, lats)), '],"lon":[', ",".join(map(number, lons)),
        '],"states":', _compact([state.value for state in STATE_CODES]),
        ',"state":[', ",".join(map(str, states)),
        '],"title":', _compact(list(titles))]


def marker_json(post_filter: PostFilter, *, now: datetime, view: MapView | None = None,
                client_max: int = 0, late_ok: bool = False) -> tuple[bytes, bool]:
    """The marker data as compact JSON columns: {"mode", "kinds", "id", "kind" (codes into
    kinds), "lat", "lon", "states", "state" (codes into states), "title"}. Each title is its
    marker's accessible name ("Jobbörse: <title>"), needed before any popup. Written column by
    column: json.dumps spent most of its time on the 200,000 floats, which a fixed format writes
    fast.

    Up to client_max posts (or without a view) every marker, mode "all", which the browser
    clusters. Above, only what the view's box holds: its markers (mode "view") while they are
    at most client_max, else (mode "grid") "clusters" {"lat", "lon", "count" (per kind code),
    "bounds" ([south, west, north, east])} at the view's zoom and the markers alone in their
    cell; both with "total", the selection's posts per kind code (docs/architecture.md, 'Map:
    large selections').

    Returns the JSON and whether it is current; late_ok allows an answer from points being
    read again (map/points.py), which nobody should keep."""
    selection = None if view is None else marker_points(post_filter, now=now, late_ok=late_ok)
    if selection is None or len(selection.points) <= client_max:
        columns = _marker_columns(*marker_rows(post_filter, now=now))
        return "".join(['{"mode":"all",', *columns, "}"]).encode("utf-8"), True
    points = selection.points
    shown = points.inside(view.west, view.south, view.east, view.north)
    head = ['{"mode":', '"view"' if len(shown) <= client_max else '"grid"',
            ',"zoom":', str(view.zoom),
            ',"bbox":', _compact([view.west, view.south, view.east, view.north]),
            ',"total":', _compact(points.per_kind()), ","]
    if len(shown) > client_max:
        cells = grid(shown, view.zoom)
        number = f"%.{COORDINATE_DECIMALS}f".__mod__
        head += ['"clusters":{"lat":[', ",".join(map(number, cells.lats)),
                 '],"lon":[', ",".join(map(number, cells.lons)),
                 '],"count":', _compact(cells.counts),
                 ',"bounds":', _compact([[round(value, COORDINATE_DECIMALS) for value in box]
                                         for box in cells.bounds]), "},"]
        shown = cells.single
    ids = shown.ids.tolist()
    titles = _titles(ids)
    columns = _marker_columns(ids, shown.kinds.tolist(), shown.lats.tolist(),
                              shown.lons.tolist(), shown.states.tolist(),
                              [titles.get(post_id, "") for post_id in ids])
    return "".join([*head, *columns, "}"]).encode("utf-8"), selection.current


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
