"""The district table beside the home map: the choropleth as text, rendered by the server."""

from __future__ import annotations

import html
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from jobnet.clock import local_today, utcnow
from jobnet.geo.districts import district_choices
from jobnet.map.district_table import district_table
from jobnet.posts.models import Kind, Status
from jobnet.posts.queries import PostFilter
from tests.map.sql_counts import KINDS, number, read_table, sql_counts


@pytest.fixture()
def posts(make_post):
    """Published posts of every kind in three districts, and some the table must not count."""
    now = utcnow()
    make_post(Kind.SETTLEMENT, district_ags="06632", jobs_expected=800, title="Paketzentrum Hersfeld")
    make_post(Kind.SETTLEMENT, district_ags="06632", jobs_expected=1250)
    make_post(Kind.SETTLEMENT, district_ags="06435", jobs_expected=None)
    make_post(Kind.PROGRAMME, district_ags="06632")
    make_post(Kind.PROJECT, district_ags="06435", target_groups=["youth_u25", "refugees"])
    make_post(Kind.PROJECT, district_ags="06412", target_groups=["over_50"])
    make_post(Kind.FAIR, district_ags="06412", target_groups=["youth_u25"])
    # Not counted: a fair that is over (unless past=y), a draft, a withdrawn post.
    make_post(Kind.FAIR, district_ags="06435", title="Vorbei", now=now - timedelta(days=30),
              starts_at=now - timedelta(days=2), ends_at=now - timedelta(days=2, hours=-5))
    make_post(Kind.SETTLEMENT, district_ags="06435", status=Status.DRAFT, jobs_expected=99)
    make_post(Kind.PROGRAMME, district_ags="06412", status=Status.UNPUBLISHED)


def table_rows(client, query: str = ""):
    response = client.get("/" + (f"?{query}" if query else ""))
    assert response.status_code == 200
    return read_table(response.get_data(as_text=True))


@pytest.mark.parametrize("query, sql_filter", [
    ("", {}),
    ("kind=settlement", {"kind": "settlement"}),
    ("target_group=youth_u25", {"target_group": "youth_u25"}),
    ("past=y", {"past": True}),
    ("kind=fair&past=1", {"kind": "fair", "past": True}),
    # The table compares all districts: the district filter marks a row, it hides none.
    ("district=06435", {}),
])
def test_the_numbers_are_those_of_an_independent_sql_count(client, db, posts, query, sql_filter):
    now = utcnow()
    expected = sql_counts(db, now=now, today=local_today(now), **sql_filter)
    table = table_rows(client, query)
    body = [row for row in table.rows if row["section"] == "tbody"]
    assert len(body) == 26
    total = {"kinds": dict.fromkeys(KINDS, 0), "posts": 0, "jobs": 0}
    for row in body:
        ags = row["attrs"]["data-ags"]
        want = expected.get(ags, {"kinds": dict.fromkeys(KINDS, 0), "posts": 0, "jobs": 0})
        got = [number(cell["text"]) for cell in row["cells"][1:]]
        assert got == [*want["kinds"].values(), want["posts"], want["jobs"]], ags
        for kind in KINDS:
            total["kinds"][kind] += want["kinds"][kind]
        total["posts"] += want["posts"]
        total["jobs"] += want["jobs"]
    [foot] = [row for row in table.rows if row["section"] == "tfoot"]
    assert [number(cell["text"]) for cell in foot["cells"][1:]] == [
        *total["kinds"].values(), total["posts"], total["jobs"]]
    assert total["posts"] > 0


def test_it_is_a_real_table_sorted_by_name_that_works_without_javascript(client, posts):
    table = table_rows(client, "kind=settlement&q=paketzentrum")
    assert "je Landkreis" in "".join(table.caption)
    head, *_ = table.rows
    assert head["section"] == "thead"
    assert [cell["attrs"].get("scope") for cell in head["cells"]] == ["col"] * 7
    assert [cell["text"].strip() for cell in head["cells"]] == [
        "Landkreis / Stadt", "Firmenansiedlungen", "Berufsbilder und Ausbildungsgänge",
        "Zielgruppenprojekte", "Jobbörsen", "Beiträge gesamt", "Arbeitsplätze aus Ansiedlungen"]

    body = [row for row in table.rows if row["section"] == "tbody"]
    names = [row["cells"][0]["text"].strip() for row in body]
    assert names == [name for _ags, name in district_choices()] == sorted(names)
    assert all(row["cells"][0]["tag"] == "th" and row["cells"][0]["attrs"]["scope"] == "row"
               for row in body)
    hersfeld = next(row for row in body if row["attrs"]["data-ags"] == "06632")
    assert number(hersfeld["cells"][1]["text"]) == 1  # only the settlement the search finds
    assert hersfeld["cells"][-1]["text"].strip() == "800"
    # Each name is a link that keeps the other filters and adds its district.
    [link] = hersfeld["cells"][0]["links"]
    url = urlsplit(html.unescape(link["href"]))
    assert url.path == "/" and url.fragment == "map-list"
    assert parse_qs(url.query) == {"kind": ["settlement"], "q": ["paketzentrum"],
                                   "district": ["06632"]}
    [foot] = [row for row in table.rows if row["section"] == "tfoot"]
    assert foot["cells"][0]["text"].strip() == "Ganz Hessen"
    assert parse_qs(urlsplit(html.unescape(foot["cells"][0]["links"][0]["href"])).query) == {
        "kind": ["settlement"], "q": ["paketzentrum"]}


def test_the_chosen_district_is_marked_and_thousands_are_grouped(client, posts):
    table = table_rows(client, "district=06632")
    body = [row for row in table.rows if row["section"] == "tbody"]
    chosen = [row for row in body if "aria-current" in row["cells"][0]["links"][0]]
    assert [row["attrs"]["data-ags"] for row in chosen] == ["06632"]
    assert chosen[0]["attrs"].get("class") == "selected"
    assert chosen[0]["cells"][0]["text"].split() == ["Hersfeld-Rotenburg", "(ausgewählt)"]
    assert chosen[0]["cells"][-1]["text"].strip() == "2.050"  # 800 + 1250, German grouping
    others = [row for row in body if row["attrs"]["data-ags"] == "06435"]
    assert others[0]["cells"][0]["text"].strip() == "Main-Kinzig-Kreis"  # mark hidden there


def test_the_service_counts_like_the_map(db, posts):
    table = district_table(PostFilter(district="06435"), now=utcnow())
    assert len(table.rows) == 26 and table.kinds == KINDS
    rows = {row.ags: row for row in table.rows}
    assert rows["06632"].kinds == (2, 1, 0, 0) and rows["06632"].jobs == 2050
    assert rows["06435"].selected and not rows["06632"].selected
    assert rows["06412"].kinds == (0, 0, 1, 1)
    assert table.total.posts == 7 and table.total.kinds == (3, 1, 2, 1)
    assert table.filter_args == {}
