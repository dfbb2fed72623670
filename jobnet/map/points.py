"""The points of a selection for the map's large answers (map/clusters.py), kept in each process
and brought up to date by the posts changed since, instead of reading the selection again.

Reading 100,000 posts' points costs 245 ms on SQLite; the posts a change touched carry its
content stamp (content_version.py), so an update reads only them (docs/architecture.md, 'Map: large
selections'). The time is no reason to read again: each point knows until when it is shown (its
"valid until" day in Hesse, a fair's end), and a point never comes back once it has left.

A large selection read in full is also written to a file that every process of the machine
loads at its first request (a few milliseconds) before reading the posts changed since. When
organisations or many posts changed (the `general` version), the selection is read again in a
thread while the old points, brought up to date by the changed posts, answer meanwhile: at most
as late as a stored page may be (PAGE_CACHE_GRACE_SECONDS).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta
from hashlib import sha256
from itertools import chain
from typing import NamedTuple

import numpy as np
from flask import Flask, current_app
from sqlalchemy import Float, Integer, case, literal, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from jobnet.clock import LOCAL_TIMEZONE, utcnow
from jobnet.content_version import current_general, current_version
from jobnet.extensions import db
from jobnet.posts.models import FairState, Kind, Post
from jobnet.posts.queries import PostFilter, published_columns
from jobnet.posts.status import fair_end

# Kinds travel as small integers: the bulk data must stay near 10 bytes per post after gzip.
KIND_CODES = {Kind.SETTLEMENT: 0, Kind.PROGRAMME: 1, Kind.PROJECT: 2, Kind.FAIR: 3}
KIND_ORDER = list(KIND_CODES)
# A fair's state travels as a small integer too (0 for every other kind), so markers can show it.
STATE_CODES = {FairState.SCHEDULED: 0, FairState.MOVED: 1, FairState.CANCELLED: 2}
# More changed posts than this since the points were read: read the selection again.
PATCH_MAX = 5000
MEMO_SIZE = 8  # selections kept per process (100,000 points take 4 MB)
# Full reads of at least this many points are shared through files (10,000 take 25 ms to read on
# SQLite; loading their file takes under 1 ms); at most SHARED_FILES_MAX files are kept.
SHARED_MIN_POINTS = 10_000
SHARED_FILES_MAX = 32

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Points:
    """The selection's markers as columns: ids, kind codes, fair state codes, latitudes,
    longitudes, and until when each is shown (seconds since the epoch, inf: no end)."""

    ids: np.ndarray
    kinds: np.ndarray
    states: np.ndarray
    lats: np.ndarray
    lons: np.ndarray
    until: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)

    def columns(self) -> tuple[np.ndarray, ...]:
        return tuple(getattr(self, column.name) for column in fields(self))

    def take(self, rows: np.ndarray) -> Points:
        return Points(*(column[rows] for column in self.columns()))

    def shown_at(self, instant: datetime) -> Points:
        """The points still shown at that instant."""
        return self.take(np.flatnonzero(self.until >= instant.timestamp()))

    def inside(self, west: float, south: float, east: float, north: float) -> Points:
        inside = ((self.lons >= west) & (self.lons <= east)
                  & (self.lats >= south) & (self.lats <= north))
        return self.take(np.flatnonzero(inside))

    def per_kind(self) -> list[int]:
        return np.bincount(self.kinds, minlength=len(KIND_ORDER)).tolist()

    def joined(self, other: Points) -> Points:
        """Both sets of points in id order."""
        both = Points(*(np.concatenate([mine, theirs]) for mine, theirs in zip(
            self.columns(), other.columns(), strict=True)))
        return both.take(np.argsort(both.ids, kind="stable"))


class _EpochDays(FunctionElement):
    """A date as days since 1970-01-01 (-1 for none), computed by the database."""

    type = Integer()
    inherit_cache = True


class _EpochSeconds(FunctionElement):
    """A stored (naive UTC) time as seconds since the epoch (-1 for none)."""

    type = Float()
    inherit_cache = True


@compiles(_EpochDays, "sqlite")
def _days_sqlite(element, compiler, **kw):
    return f"COALESCE(CAST(julianday({compiler.process(element.clauses, **kw)}) - 2440587.5 AS INTEGER), -1)"


@compiles(_EpochDays, "postgresql")
def _days_postgresql(element, compiler, **kw):
    return f"COALESCE({compiler.process(element.clauses, **kw)} - DATE '1970-01-01', -1)"


@compiles(_EpochSeconds, "sqlite")
def _seconds_sqlite(element, compiler, **kw):
    return f"COALESCE((julianday({compiler.process(element.clauses, **kw)}) - 2440587.5) * 86400.0, -1)"


@compiles(_EpochSeconds, "postgresql")
def _seconds_postgresql(element, compiler, **kw):
    column = compiler.process(element.clauses, **kw)
    return f"COALESCE(CAST(EXTRACT(EPOCH FROM {column}) AS DOUBLE PRECISION), -1)"


def _select(post_filter: PostFilter, now: datetime):
    """The matching posts with a point, in numbers only: id, kind and state codes, coordinates,
    and what ends their showing: the "valid until" day and, unless the filter shows past fairs,
    the fair's end (`upcoming`: its end as the filter reads it)."""
    def columns(poly):
        if post_filter.upcoming:
            ends = _EpochSeconds(poly.JobFair.ends_at)
        else:
            ends = literal(-1.0) if post_filter.past else _EpochSeconds(fair_end(poly.JobFair))
        return (poly.id, case(KIND_CODES, value=poly.kind, else_=0),
                case(STATE_CODES, value=poly.JobFair.state, else_=0), poly.latitude,
                poly.longitude, _EpochDays(poly.valid_until), ends)

    stmt = published_columns(post_filter, columns, now=now)
    poly = stmt.selected_columns[0].table
    return stmt.where(poly.c.latitude.is_not(None), poly.c.longitude.is_not(None))


COLUMNS = 7


def _read(stmt) -> Points:
    # Straight from the driver's cursor, numbers only: with SQLAlchemy's rows and the dates as
    # text, 100,000 posts on SQLite cost 680 ms instead of 245.
    result = db.session.connection().execute(stmt)
    try:
        rows = result.cursor.fetchall()
    finally:
        result.close()
    table = np.fromiter(chain.from_iterable(rows), dtype=np.float64,
                        count=len(rows) * COLUMNS).reshape(len(rows), COLUMNS)
    ends, days = table[:, 6], table[:, 5]
    until = np.where(ends >= 0, ends, np.inf)
    has_day = days >= 0
    unique_days, which = np.unique(days[has_day], return_inverse=True)
    # Shown through its last day in Hesse: until just before the next midnight there.
    last_moments = np.array([_next_midnight(int(day)) - 1e-6 for day in unique_days])
    if len(last_moments):
        until[has_day] = np.minimum(until[has_day], last_moments[which])
    points = Points(table[:, 0].astype(np.int64), table[:, 1].astype(np.int8),
                    table[:, 2].astype(np.int8), table[:, 3].copy(), table[:, 4].copy(), until)
    return points.take(np.argsort(points.ids, kind="stable"))


def _next_midnight(epoch_day: int) -> float:
    day = date(1970, 1, 1) + timedelta(days=epoch_day + 1)
    return datetime.combine(day, time(), LOCAL_TIMEZONE).timestamp()


@dataclass(frozen=True)
class _Entry:
    number: int  # the content number the points are up to date with
    general: str  # ... and the version of everything else (a change there: read again)
    points: Points

    def older_of_same_database(self, general: str) -> bool:
        """Whether this entry is of the same database as `general` ("<epoch>.<number>"), only
        older: its points brought up to date by stamp miss at most deletions and changes to
        organisations, which the full read then brings."""
        if "." not in self.general or "." not in general:
            return False  # "empty": no content yet
        epoch, _, number = self.general.rpartition(".")
        now_epoch, _, now_number = general.rpartition(".")
        return epoch == now_epoch and int(number) < int(now_number)


class Selection(NamedTuple):
    points: Points  # the posts shown at the moment asked for
    current: bool  # False: the old points, read again in a thread (the answer may be late)


class _Memo:
    """The last MEMO_SIZE selections' points in this process, and the selections being read
    again in a thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.entries: OrderedDict[str, _Entry] = OrderedDict()
        self.reading: dict[str, threading.Thread] = {}

    def read_in_thread(self, key: str, read) -> bool:
        """Start read() in a thread unless one reads this selection already; False when no
        thread could be started (the caller reads itself)."""
        with self.lock:
            if key in self.reading:
                return True
            thread = self.reading[key] = threading.Thread(
                target=self._run, args=(key, read), name="map-points", daemon=True)
        try:
            thread.start()
        except RuntimeError:  # no more threads in this process
            log.warning("no thread for reading the map points; read before answering")
            with self.lock:
                del self.reading[key]
            return False
        return True

    def _run(self, key: str, read) -> None:
        try:
            read()
        except Exception:  # an answer was given already; the next request tries again
            log.exception("reading the map points in a thread failed")
        finally:
            with self.lock:
                del self.reading[key]

    def join(self, timeout: float = 30) -> None:
        """Wait for the threads reading selections (tests, benchmarks)."""
        with self.lock:
            threads = list(self.reading.values())
        for thread in threads:
            thread.join(timeout)

    def get(self, key: str) -> _Entry | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: _Entry) -> None:
        with self.lock:
            self.entries[key] = entry
            while len(self.entries) > MEMO_SIZE:
                self.entries.popitem(last=False)


class _SharedFiles:
    """Full reads of large selections in files for every process of the machine, each with the
    content number and general version it is up to date with (the general version names the
    database's epoch, so a file never passes for another database)."""

    def __init__(self, directory: str) -> None:
        self.directory = directory

    def _path(self, key: str) -> str:
        return os.path.join(self.directory, sha256(key.encode()).hexdigest()[:32] + ".npz")

    def load(self, key: str) -> _Entry | None:
        """The file's entry, None without a readable file."""
        path = self._path(key)
        try:
            with np.load(path, allow_pickle=False) as data:
                general = str(data["general"])
                points = Points(*(data[column.name] for column in fields(Points)))
                number = int(data["number"])
            os.utime(path)  # used: the last to be swept
        except FileNotFoundError:
            return None
        except Exception as error:  # noqa: BLE001 - any broken file only means reading the posts
            log.warning("map points file %s unreadable, reading the posts instead: %s", path, error)
            return None
        if len({len(column) for column in points.columns()}) != 1:
            log.warning("map points file %s inconsistent, reading the posts instead", path)
            return None
        return _Entry(number, general, points)

    def store(self, key: str, entry: _Entry) -> None:
        """Written whole under a temporary name and then renamed, so no process reads half a
        file; a failure is logged and only means another process reads the posts itself."""
        try:
            os.makedirs(self.directory, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.directory, suffix=".tmp",
                                             delete=False) as file:
                np.savez(file, number=entry.number, general=entry.general,
                         **{column.name: getattr(entry.points, column.name)
                            for column in fields(Points)})
            os.replace(file.name, self._path(key))
            self._sweep()
        except OSError as error:
            log.warning("map points not shared in %s: %s", self.directory, error)

    def _sweep(self) -> None:
        """Delete all but the SHARED_FILES_MAX files used last (another process may be
        deleting the same files)."""
        used = []
        with os.scandir(self.directory) as entries:
            for entry in entries:
                try:
                    if entry.name.endswith(".npz"):
                        used.append((entry.stat().st_mtime, entry.path))
                except FileNotFoundError:
                    pass
        for _, path in sorted(used, reverse=True)[SHARED_FILES_MAX:]:
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass


def _updated(points: Points, post_filter: PostFilter, now: datetime, since: int) -> Points | None:
    """The points with the posts stamped after `since` read again (None: too many changed)."""
    changed = db.session.scalars(select(Post.id).where(Post.content_seq > since)
                                 .limit(PATCH_MAX + 1)).all()
    if len(changed) > PATCH_MAX:
        return None
    if not changed:
        return points
    stmt = _select(post_filter, now)
    fresh = _read(stmt.where(stmt.selected_columns[0].in_(changed)))
    return points.take(np.flatnonzero(~np.isin(points.ids, changed))).joined(fresh)


def marker_points(post_filter: PostFilter, *, now: datetime, late_ok: bool = False) -> Selection:
    """The matching posts with a point that are shown at `now`.

    late_ok: when organisations or many posts changed since the points were read, answer from
    the old points brought up to date by the changed posts (current=False) while a thread reads
    the selection again, instead of reading it before answering."""
    app = current_app._get_current_object()
    memo = app.extensions.setdefault("jobnet_marker_points", _Memo())
    shared = app.extensions.get("jobnet_marker_points_files")
    if shared is None:
        shared = app.extensions["jobnet_marker_points_files"] = _SharedFiles(
            app.config["MAP_POINTS_DIR"] or os.path.join(app.instance_path, "map-points"))
    key = json.dumps(post_filter.query_args(), sort_keys=True)
    number, general = _content_now(recent=True)
    kept = memo.get(key)
    entry = kept if kept is not None and kept.general == general else shared.load(key)
    if entry is not None and entry.general == general:
        if entry.number >= number:
            memo.put(key, entry)
            return Selection(entry.points.shown_at(now), True)
        points = _updated(entry.points, post_filter, now, entry.number)
        if points is not None:
            memo.put(key, _Entry(number, general, points))
            return Selection(points.shown_at(now), True)
    old = next((candidate for candidate in (kept, entry) if candidate is not None
                and candidate.older_of_same_database(general)), None)
    if late_ok and old is not None:
        points = _updated(old.points, post_filter, now, old.number)
        if points is not None and memo.read_in_thread(
                key, lambda: _read_in_full(app, key, post_filter)):
            return Selection(points.shown_at(now), False)
    points = _read(_select(post_filter, now))
    _store(memo, shared, key, _Entry(number, general, points))
    return Selection(points.shown_at(now), True)


def _content_now(*, recent: bool) -> tuple[int, str]:
    """The content number and the general version, read before the points: a change committed
    meanwhile is read again next time, never lost."""
    version, general = current_version(recent=recent), current_general(recent=recent)
    return (int(version.rpartition(".")[2]) if version != "empty" else 0), general


def _read_in_full(app: Flask, key: str, post_filter: PostFilter) -> None:
    with app.app_context():
        number, general = _content_now(recent=False)
        _store(app.extensions["jobnet_marker_points"], app.extensions["jobnet_marker_points_files"],
               key, _Entry(number, general, _read(_select(post_filter, utcnow()))))


def _store(memo: _Memo, shared: _SharedFiles, key: str, entry: _Entry) -> None:
    if entry.general != "empty" and len(entry.points) >= SHARED_MIN_POINTS:
        shared.store(key, entry)
    memo.put(key, entry)
