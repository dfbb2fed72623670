"""A selection above MAP_CLIENT_MARKERS_MAX comes for the map's box only: its markers, or the
server's clusters at the map's zoom. Checked against an independent SQL selection and, for the
cells, against pyproj's Web Mercator (not the numpy formula that made them)."""

from __future__ import annotations

import time

import pytest
from pyproj import Transformer
from sqlalchemy import select, update

from jobnet.posts.models import Kind, Post, Status
from jobnet.web import page_cache
from tests.map.test_data import get_json

HESSE = "7.7,49.3,10.3,51.7"
KIND_CODES = ["settlement", "programme", "project", "fair"]
# Where the posts stand: two close pairs (a cluster at low zoom each), and some alone.
POINTS = [(50.1109, 8.6821), (50.1120, 8.6840), (50.1130, 8.6800),  # Frankfurt, 3 posts
          (51.316, 9.498), (51.318, 9.496),  # Kassel, 2
          (50.551, 9.675), (50.868, 9.707), (50.202, 9.188), (49.87, 8.65)]
KINDS = [Kind.FAIR, Kind.PROJECT, Kind.SETTLEMENT, Kind.PROGRAMME, Kind.FAIR, Kind.PROJECT,
         Kind.SETTLEMENT, Kind.FAIR, Kind.PROGRAMME]
MERCATOR = Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
EARTH_HALF = 20037508.342789244  # metres from 0 to the edge of EPSG:3857


@pytest.fixture()
def posts(db, make_post, app, monkeypatch):
    monkeypatch.setitem(app.config, "MAP_CLIENT_MARKERS_MAX", 4)
    made = []
    for number, ((lat, lon), kind) in enumerate(zip(POINTS, KINDS, strict=True)):
        post = make_post(kind, title=f"Beitrag {number} <b>${{x}}</b>`")
        db.session.execute(update(Post).where(Post.id == post.id).values(latitude=lat,
                                                                         longitude=lon))
        made.append(post)
    make_post(Kind.PROJECT, status=Status.DRAFT)  # never on the map
    db.session.commit()
    return made


def in_box(db, west, south, east, north, kind=None) -> dict[int, tuple]:
    """Published posts in the box straight from the database: {id: (lat, lon, kind, title)}."""
    stmt = select(Post.id, Post.latitude, Post.longitude, Post.kind, Post.title).where(
        Post.status == Status.PUBLISHED, Post.longitude.between(west, east),
        Post.latitude.between(south, north))
    if kind:
        stmt = stmt.where(Post.kind == kind)
    return {row[0]: tuple(row[1:]) for row in db.session.execute(stmt)}


def pixels(lat: float, lon: float, zoom: int) -> tuple[float, float]:
    x, y = MERCATOR.transform(lon, lat)
    scale = 256 * 2 ** zoom / (2 * EARTH_HALF)
    return (x + EARTH_HALF) * scale, (EARTH_HALF - y) * scale


def test_a_large_selection_comes_as_clusters_that_hold_every_post_once(client, db, posts):
    data = get_json(client, f"/karte/daten.json?zoom=7&bbox={HESSE}")
    assert data["mode"] == "grid" and data["zoom"] == 7
    expected = in_box(db, 7.7, 49.3, 10.3, 51.7)
    assert len(expected) == len(posts)
    clusters = data["clusters"]
    # Each post is in one cluster or alone, counted under its kind.
    per_kind = [sum(count[code] for count in clusters["count"]) for code in range(4)]
    for code in data["kind"]:
        per_kind[code] += 1
    assert per_kind == [sum(1 for _, _, kind, _ in expected.values() if kind == name)
                        for name in KIND_CODES]
    assert data["total"] == per_kind
    # The three Frankfurt posts are one cluster at its posts' mean, inside their bounds.
    frankfurt = [i for i, count in enumerate(clusters["count"]) if sum(count) == 3]
    assert len(frankfurt) == 1
    i = frankfurt[0]
    assert clusters["lat"][i] == pytest.approx(sum(p[0] for p in POINTS[:3]) / 3, abs=1e-4)
    assert clusters["lon"][i] == pytest.approx(sum(p[1] for p in POINTS[:3]) / 3, abs=1e-4)
    assert clusters["bounds"][i] == pytest.approx([50.1109, 8.68, 50.113, 8.684], abs=1e-4)
    # A cell is 60 px at the zoom: no cluster spans more (by pyproj's Web Mercator).
    for south, west, north, east in clusters["bounds"]:
        (left, bottom), (right, top) = pixels(south, west, 7), pixels(north, east, 7)
        assert right - left <= 60 and bottom - top <= 60
    # Markers alone in their cell come with everything a marker needs, the title as written.
    assert data["id"] and set(data["id"]) <= set(expected)
    for post_id, kind, title, lat in zip(data["id"], data["kind"], data["title"], data["lat"],
                                         strict=True):
        assert (KIND_CODES[kind], title) == (expected[post_id][2], expected[post_id][3])
        assert lat == pytest.approx(expected[post_id][0], abs=1e-4)


def test_zoomed_in_the_box_brings_its_markers_and_the_filter_holds(client, db, posts):
    data = get_json(client, "/karte/daten.json?zoom=12&bbox=8.6,50.05,8.75,50.2")
    assert data["mode"] == "view" and "clusters" not in data
    assert sorted(data["id"]) == sorted(in_box(db, 8.6, 50.05, 8.75, 50.2))
    assert len(data["id"]) == 3
    assert data["total"] == [2, 2, 2, 3]  # the whole selection's posts per kind, for the layers
    fairs = get_json(client, f"/karte/daten.json?kind=fair&zoom=7&bbox={HESSE}")
    assert fairs["mode"] == "all"  # 3 fairs: at most MAP_CLIENT_MARKERS_MAX, all of them
    assert sorted(fairs["id"]) == sorted(in_box(db, 7.7, 49.3, 10.3, 51.7, kind="fair"))


def test_without_a_view_or_below_the_limit_every_marker_comes(client, db, posts, app,
                                                               monkeypatch):
    everything = get_json(client, "/karte/daten.json")
    assert everything["mode"] == "all" and len(everything["id"]) == len(posts)
    monkeypatch.setitem(app.config, "MAP_CLIENT_MARKERS_MAX", 5000)
    small = get_json(client, f"/karte/daten.json?zoom=16&bbox={HESSE}")
    assert small["mode"] == "all" and small["id"] == everything["id"]


def test_a_new_post_is_in_the_next_answer(client, db, posts, make_post):
    url = f"/karte/daten.json?zoom=7&bbox={HESSE}"
    before = get_json(client, url)["total"]
    make_post(Kind.SETTLEMENT, district_ags="06611")
    assert get_json(client, url)["total"] == [before[0] + 1, *before[1:]]


def test_a_revalidation_of_the_same_box_is_a_304(client, posts):
    url = f"/karte/daten.json?zoom=7&bbox={HESSE}"
    etag = client.get(url).headers["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304


@pytest.mark.parametrize("query", [
    "zoom=abc&bbox=" + HESSE, "zoom=99&bbox=" + HESSE, "zoom=-1&bbox=" + HESSE,
    "zoom=%EF%BC%97&bbox=" + HESSE,  # a full-width 7
    "zoom=7", "bbox=" + HESSE, "zoom=7&bbox=", "zoom=7&bbox=7.7,49.3,10.3",
    "zoom=7&bbox=7.7,49.3,10.3,51.7,1", "zoom=7&bbox=nan,49.3,10.3,51.7",
    "zoom=7&bbox=-inf,49.3,10.3,51.7", "zoom=7&bbox=10.3,49.3,7.7,51.7",
    "zoom=7&bbox=7.7,49.3,10.3,95", "zoom=7&bbox=7.7,49.3,190,51.7",
    "zoom=7&bbox=%3Cscript%3E", "zoom=7&bbox=${7},`1`,2,3", "zoom=7&bbox=" + "1" * 5000,
])
def test_a_view_no_map_can_show_is_a_400_in_json(client, posts, query):
    response = client.get(f"/karte/daten.json?{query}")
    assert response.status_code == 400
    assert response.mimetype == "application/json" and response.get_json()["error"]


def test_after_a_deletion_visitors_are_answered_at_once_and_the_post_leaves_within_seconds(
        app, client, db, posts, monkeypatch, login_as):
    """A deleted post leaves no stamp: the selection is read again, in a thread, while
    visitors get the old points (as late as a stored page may be) and signed-in people the
    current ones."""
    monkeypatch.setitem(app.config, "PAGE_CACHE_GRACE_SECONDS", 5)
    url = f"/karte/daten.json?zoom=7&bbox={HESSE}"
    assert sum(get_json(client, url)["total"]) == len(posts)
    gone = posts[-1]
    db.session.delete(db.session.get(Post, gone.id))
    db.session.commit()
    memo = app.extensions["jobnet_marker_points"]
    # The stored answer is past its grace: the next request needs new points.
    monkeypatch.setattr(page_cache, "_now", lambda: time.time() + 10)

    early = client.get(url)
    assert early.status_code == 200 and "ETag" not in early.headers  # kept for nobody
    memo.join()
    assert not memo.reading
    later = client.get(url)
    assert "ETag" in later.headers
    assert sum(later.get_json()["total"]) == len(posts) - 1
    assert gone.id not in later.get_json()["id"]

    # A signed-in editor sees a deletion at once.
    kassel = posts[3]
    db.session.delete(db.session.get(Post, kassel.id))
    db.session.commit()
    login_as()
    data = get_json(client, url)
    assert sum(data["total"]) == len(posts) - 2 and kassel.id not in data["id"]
    memo.join()
