"""The map's points kept per process (map/points.py): after changes they are what a plain SQL
query of the visible posts finds, though only the changed posts were read; they leave the map
when their day or their fair is over, without any reading; and a new process starts from the
file another process wrote instead of reading the selection."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import numpy as np
import pytest
from sqlalchemy import text

from jobnet.accounts.models import Role
from jobnet.clock import LOCAL_TIMEZONE, utcnow
from jobnet.fairs.services import cancel_fair, move_fair
from jobnet.map import points as map_points
from jobnet.map.points import marker_points as read_points
from jobnet.posts import services
from jobnet.posts.models import FairState, Kind, Post
from jobnet.posts.queries import PostFilter
from jobnet.sqltypes import UTCDateTime

VISIBLE = text("""
SELECT p.id, p.kind, p.latitude, p.longitude, f.state FROM post p
LEFT JOIN job_fair f ON f.id = p.id
WHERE p.status = 'published' AND p.latitude IS NOT NULL AND p.longitude IS NOT NULL
  AND (p.valid_until IS NULL OR p.valid_until >= :today)
  AND (p.kind <> 'fair' OR COALESCE(f.ends_at, f.starts_at) >= :now)
ORDER BY p.id""").bindparams(now=None).columns()
KINDS = ("settlement", "programme", "project", "fair")
STATES = (FairState.SCHEDULED.value, FairState.MOVED.value, FairState.CANCELLED.value)


def marker_points(post_filter: PostFilter, *, now: datetime):
    """The points as a request that must be current gets them."""
    selection = read_points(post_filter, now=now)
    assert selection.current
    return selection.points


def visible(db, now: datetime) -> list[tuple]:
    """(id, kind, lat, lon, state) of the posts the map shows at `now`, in plain SQL."""
    rows = db.session.execute(VISIBLE, {
        "today": now.astimezone(LOCAL_TIMEZONE).date(),
        "now": UTCDateTime().process_bind_param(now, db.engine.dialect)})
    return [(i, kind, round(lat, 6), round(lon, 6), state or STATES[0])
            for i, kind, lat, lon, state in rows]


def as_rows(points) -> list[tuple]:
    return [(int(i), KINDS[k], round(float(lat), 6), round(float(lon), 6), STATES[s])
            for i, k, lat, lon, s in zip(points.ids, points.kinds, points.lats, points.lons,
                                         points.states, strict=True)]


@pytest.fixture()
def reads(statements):
    """How many times the selection was read in full (the statement without an id list)."""
    def count() -> int:
        return sum(1 for sql in statements if sql.lstrip().upper().startswith("SELECT")
                   and "CASE" in sql and "valid_until" in sql and "latitude IS NOT NULL" in sql
                   and ".id IN (" not in sql)
    return count


def test_changes_are_read_post_by_post_and_the_points_stay_true(db, make_post, make_user,
                                                                reads):
    now = utcnow()
    moderator = make_user(Role.MODERATOR)
    posts = [make_post(kind, district_ags=ags) for kind, ags in zip(
        [Kind.SETTLEMENT, Kind.PROGRAMME, Kind.PROJECT, Kind.FAIR, Kind.FAIR],
        ["06632", "06435", "06412", "06611", "06631"], strict=True)]
    assert as_rows(marker_points(PostFilter(), now=now)) == visible(db, now)
    assert reads() == 1

    coordinator = posts[0].author
    services.update_post(posts[0], {"title": "Neu", "latitude": 50.5, "longitude": 9.1},
                         user=coordinator, now=now)
    services.unpublish_post(posts[1], moderator=moderator, reason="Bitte Quelle ergänzen.",
                            now=now)
    cancel_fair(posts[3], user=posts[3].author, now=now, reason="Sturm")
    later = posts[4].starts_at + timedelta(days=3)
    move_fair(posts[4], user=posts[4].author, now=now, starts_at=later,
              ends_at=later + timedelta(hours=5))
    added = make_post(Kind.PROJECT, district_ags="06435", author=coordinator)
    shown = as_rows(marker_points(PostFilter(), now=now))
    assert shown == visible(db, now)
    assert (posts[0].id, "settlement", 50.5, 9.1, "scheduled") in shown
    assert posts[1].id not in {row[0] for row in shown} and added.id in {r[0] for r in shown}
    assert {row[0]: row[4] for row in shown}[posts[3].id] == "cancelled"
    assert reads() == 1  # only the changed posts were read

    db.session.delete(db.session.get(Post, posts[2].id))  # leaves no stamp: all is read again
    db.session.commit()
    assert as_rows(marker_points(PostFilter(), now=now)) == visible(db, now)
    assert reads() == 2


def test_posts_leave_when_their_day_or_their_fair_is_over_without_reading(db, make_post, reads):
    now = utcnow()
    today = now.astimezone(LOCAL_TIMEZONE).date()
    until_today = make_post(Kind.PROJECT, valid_until=today + timedelta(days=1))
    fair = make_post(Kind.FAIR, district_ags="06611", starts_at=now + timedelta(hours=1),
                     ends_at=now + timedelta(hours=3))
    marker_points(PostFilter(), now=now)
    before_midnight = datetime.combine(today + timedelta(days=1), datetime.max.time(),
                                       LOCAL_TIMEZONE) - timedelta(seconds=1)
    after_midnight = before_midnight + timedelta(seconds=2)
    for instant in (now + timedelta(hours=2), now + timedelta(hours=4), before_midnight,
                    after_midnight, after_midnight + timedelta(days=1)):
        ids = [row[0] for row in as_rows(marker_points(PostFilter(), now=instant))]
        assert ids == [row[0] for row in visible(db, instant)], instant
    assert fair.id not in ids and until_today.id not in ids
    assert reads() == 1


def test_a_filter_with_past_fairs_keeps_them_and_upcoming_drops_them(db, make_post):
    now = utcnow()
    fair = make_post(Kind.FAIR, district_ags="06611", starts_at=now + timedelta(hours=1),
                     ends_at=now + timedelta(hours=3))
    after = now + timedelta(hours=4)
    assert fair.id in marker_points(PostFilter(past=True), now=now).ids
    assert fair.id in marker_points(PostFilter(past=True), now=after).ids
    assert fair.id in marker_points(PostFilter(upcoming=True), now=now).ids
    assert fair.id not in marker_points(PostFilter(upcoming=True), now=after).ids


@pytest.fixture()
def shared_files(app, tmp_path, monkeypatch):
    """Selections of any size shared through files in a directory of this test's own."""
    monkeypatch.setitem(app.config, "MAP_POINTS_DIR", str(tmp_path))
    monkeypatch.setattr(map_points, "SHARED_MIN_POINTS", 1)
    app.extensions.pop("jobnet_marker_points_files", None)
    yield tmp_path
    app.extensions.pop("jobnet_marker_points_files", None)


def new_process(app) -> None:
    """What a new worker process lacks: the points kept in memory (the files are the machine's)."""
    app.extensions.pop("jobnet_marker_points", None)


def test_a_new_process_loads_the_file_and_reads_only_the_posts_changed_since(
        app, db, make_post, reads, shared_files):
    now = utcnow()
    posts = [make_post(kind, district_ags=ags) for kind, ags in zip(
        [Kind.SETTLEMENT, Kind.PROJECT, Kind.FAIR], ["06632", "06435", "06611"], strict=True)]
    marker_points(PostFilter(), now=now)
    assert reads() == 1
    assert len(list(shared_files.glob("*.npz"))) == 1

    services.update_post(posts[0], {"title": "Neu", "latitude": 50.5, "longitude": 9.1},
                         user=posts[0].author, now=now)
    added = make_post(Kind.PROGRAMME, district_ags="06435", author=posts[1].author)
    new_process(app)
    shown = as_rows(marker_points(PostFilter(), now=now))
    assert shown == visible(db, now)
    assert (posts[0].id, "settlement", 50.5, 9.1, "scheduled") in shown
    assert added.id in {row[0] for row in shown}
    assert reads() == 1  # the file, then only the two changed posts

    db.session.delete(db.session.get(Post, posts[2].id))  # all is read again, and written
    db.session.commit()
    new_process(app)
    assert as_rows(marker_points(PostFilter(), now=now)) == visible(db, now)
    new_process(app)
    assert as_rows(marker_points(PostFilter(), now=now)) == visible(db, now)
    assert reads() == 2


def test_a_file_of_another_database_or_a_broken_file_is_not_used(app, db, make_post, reads,
                                                                 shared_files, caplog):
    now = utcnow()
    make_post(Kind.PROJECT, district_ags="06435")
    marker_points(PostFilter(), now=now)
    (path,) = shared_files.glob("*.npz")
    with np.load(path) as data:
        columns = dict(data)
    # The same content number in another database (the general version names its epoch).
    columns["general"] = np.array("0123456789abcdef." + str(columns["general"]).split(".")[1])
    columns["ids"] = columns["ids"] + 1000
    np.savez(path, **columns)
    new_process(app)
    assert as_rows(marker_points(PostFilter(), now=now)) == visible(db, now)
    assert reads() == 2

    with path.open("rb") as whole:
        half = whole.read(path.stat().st_size // 2)
    bare_array = shared_files / "array.npy"
    np.save(bare_array, np.arange(3))
    for broken in (b"", half, b"kein npz", bare_array.read_bytes()):
        path.write_bytes(broken)
        new_process(app)
        with caplog.at_level(logging.WARNING, logger="jobnet.map.points"):
            assert as_rows(marker_points(PostFilter(), now=now)) == visible(db, now)
        assert "unreadable" in caplog.text
        caplog.clear()
    assert reads() == 6
    new_process(app)  # written again whole by the last read
    assert as_rows(marker_points(PostFilter(), now=now)) == visible(db, now)
    assert reads() == 6


def test_only_the_files_used_last_are_kept(app, db, make_post, shared_files, monkeypatch):
    monkeypatch.setattr(map_points, "SHARED_FILES_MAX", 2)
    now = utcnow()
    make_post(Kind.FAIR, district_ags="06611", starts_at=now + timedelta(days=2))
    for post_filter in (PostFilter(), PostFilter(past=True), PostFilter(upcoming=True),
                        PostFilter(kind="fair")):
        marker_points(post_filter, now=now)
    assert len(list(shared_files.glob("*.npz"))) == 2
    assert not list(shared_files.glob("*.tmp"))


def test_after_a_deletion_a_late_answer_comes_from_the_old_points_until_the_thread_read(
        app, db, make_post, monkeypatch):
    now = utcnow()
    posts = [make_post(Kind.PROJECT, district_ags="06435") for _ in range(3)]
    read_points(PostFilter(), now=now)
    db.session.delete(db.session.get(Post, posts[0].id))
    db.session.commit()
    memo = app.extensions["jobnet_marker_points"]

    # No thread to be had: the request reads before answering.
    refused = []

    def refuse(thread):
        refused.append(thread.name)
        raise RuntimeError("can't start new thread")
    with monkeypatch.context() as patch:
        patch.setattr(map_points.threading.Thread, "start", refuse)
        selection = read_points(PostFilter(), now=now, late_ok=True)
    assert refused == ["map-points"]  # a thread was asked for and really refused
    assert selection.current and as_rows(selection.points) == visible(db, now)
    assert not memo.reading

    db.session.delete(db.session.get(Post, posts[1].id))
    db.session.commit()
    late = read_points(PostFilter(), now=now, late_ok=True)
    assert not late.current and posts[1].id in late.points.ids  # the old points, patched
    memo.join()
    selection = read_points(PostFilter(), now=now, late_ok=True)
    assert selection.current and as_rows(selection.points) == visible(db, now)
    assert posts[1].id not in selection.points.ids


def test_target_groups_saved_through_the_service_are_read_post_by_post(db, make_post, reads):
    now = utcnow()
    project = make_post(Kind.PROJECT, district_ags="06435", target_groups=["youth_u25"])
    other = make_post(Kind.PROJECT, district_ags="06611", target_groups=["refugees"])
    refugees = PostFilter(target_group="refugees")
    assert as_rows(marker_points(refugees, now=now)) == [r for r in visible(db, now)
                                                         if r[0] == other.id]
    services.update_post(project, {"target_groups": ["youth_u25", "refugees"]},
                         user=project.author, now=now)
    assert {row[0] for row in as_rows(marker_points(refugees, now=now))} == {project.id, other.id}
    assert reads() == 1
