"""The public list: filters alone and combined, full-text search, upcoming and past fairs,
pagination."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import event

from jobnet.accounts.models import Role
from jobnet.posts import queries, services
from jobnet.posts.models import Kind, Status
from jobnet.posts.queries import PostFilter
from tests.posts.conftest import NOW


def titles(post_filter: PostFilter | None = None, *, now=NOW, page=1, per_page=50) -> list[str]:
    result = queries.published_posts(post_filter or PostFilter(), now=now, page=page,
                                     per_page=per_page)
    return [post.title for post in result.items]


@pytest.fixture()
def network(db, make_post, make_user, make_organisation):
    """A few published posts of every kind in different districts, plus hidden ones."""
    fulda = make_user(Role.COORDINATOR, organisation=make_organisation("Jobcenter Fulda", "06631"))
    kca = make_user(Role.COORDINATOR, organisation=make_organisation("KCA Main-Kinzig", "06435"))
    day = timedelta(days=1)
    make_post(Kind.SETTLEMENT, author=fulda, title="Rechenzentrum Fulda", district_ags="06631",
              now=NOW - 20 * day)
    make_post(Kind.PROGRAMME, author=kca, title="Umschulung Pflege", district_ags="06435",
              now=NOW - 10 * day, programme_type="retraining")
    make_post(Kind.PROJECT, author=kca, title="Projekt für Alleinerziehende", district_ags="06435",
              target_groups=["single_parents", "youth_u25"], now=NOW - 5 * day)
    make_post(Kind.FAIR, author=fulda, title="JOBBÖRSE Fulda", district_ags="06631",
              starts_at=NOW + 3 * day, ends_at=NOW + 3 * day + timedelta(hours=6),
              target_groups=["refugees"], now=NOW - 30 * day)
    make_post(Kind.FAIR, author=kca, title="Jobbörse Wächtersbach", district_ags="06435",
              starts_at=NOW + 20 * day, ends_at=NOW + 21 * day, now=NOW - 2 * day)
    make_post(Kind.FAIR, author=kca, title="Vergangene Jobbörse", district_ags="06435",
              starts_at=NOW - 40 * day, ends_at=NOW - 40 * day + timedelta(hours=5),
              now=NOW - 50 * day)
    for status in (Status.DRAFT, Status.ARCHIVED, Status.UNPUBLISHED):
        make_post(Kind.SETTLEMENT, author=kca, title=f"Versteckt {status}", status=status)
    make_post(Kind.SETTLEMENT, author=kca, title="Abgelaufen", valid_until=date(2026, 3, 1),
              now=NOW - 60 * day)
    make_post(Kind.SETTLEMENT, author=kca, title="Letzter Tag", valid_until=date(2026, 3, 2),
              now=NOW - 60 * day)


def test_all_currently_published_posts_newest_first(network):
    assert titles() == ["Jobbörse Wächtersbach", "Projekt für Alleinerziehende",
                        "Umschulung Pflege", "Rechenzentrum Fulda", "JOBBÖRSE Fulda",
                        "Letzter Tag"]


def test_expired_posts_disappear_the_day_after_valid_until(network):
    assert "Letzter Tag" in titles()
    assert "Letzter Tag" not in titles(now=NOW + timedelta(days=1))


@pytest.mark.parametrize("post_filter, expected", [
    (PostFilter(kind="fair"), ["Jobbörse Wächtersbach", "JOBBÖRSE Fulda"]),
    (PostFilter(kind="fair", past=True), ["Jobbörse Wächtersbach", "JOBBÖRSE Fulda",
                                          "Vergangene Jobbörse"]),
    (PostFilter(kind="programme"), ["Umschulung Pflege"]),
    (PostFilter(district="06631"), ["Rechenzentrum Fulda", "JOBBÖRSE Fulda"]),
    (PostFilter(target_group="single_parents"), ["Projekt für Alleinerziehende"]),
    (PostFilter(target_group="refugees"), ["JOBBÖRSE Fulda"]),
    (PostFilter(target_group="over_50"), []),
    (PostFilter(q="fulda"), ["Rechenzentrum Fulda", "JOBBÖRSE Fulda"]),
    (PostFilter(kind="fair", district="06631"), ["JOBBÖRSE Fulda"]),
    (PostFilter(kind="fair", q="rechenzentrum", district="06631"), []),
    (PostFilter(district="06435", target_group="youth_u25", q="alleinerziehende"),
     ["Projekt für Alleinerziehende"]),
    # Werra-Meißner has no post; Hersfeld-Rotenburg ("Letzter Tag") borders it, Fulda does not.
    (PostFilter(district="06636"), []),
    (PostFilter(district="06636", neighbours=True), ["Letzter Tag"]),
])
def test_filters_alone_and_combined(network, post_filter, expected):
    assert titles(post_filter) == expected


def test_date_range_uses_the_fair_date_and_otherwise_the_publication_date(network):
    # Fulda fair: 5 March; settlement published 10 Feb; programme 20 Feb; project 25 Feb.
    assert titles(PostFilter(date_from=date(2026, 2, 20), date_to=date(2026, 3, 5))) == [
        "Projekt für Alleinerziehende", "Umschulung Pflege", "JOBBÖRSE Fulda"]
    assert titles(PostFilter(date_from=date(2026, 3, 6))) == ["Jobbörse Wächtersbach"]
    assert titles(PostFilter(date_to=date(2026, 2, 10), kind="settlement")) == [
        "Rechenzentrum Fulda", "Letzter Tag"]


def test_a_fair_is_left_out_from_its_end_on_unless_past_fairs_are_asked_for(network):
    fulda_ends = NOW + timedelta(days=3, hours=6)
    assert "JOBBÖRSE Fulda" in titles(now=fulda_ends - timedelta(minutes=1))  # still running
    assert "JOBBÖRSE Fulda" not in titles(now=fulda_ends + timedelta(minutes=1))
    assert "JOBBÖRSE Fulda" in titles(PostFilter(past=True), now=fulda_ends + timedelta(minutes=1))
    assert "Vergangene Jobbörse" in titles(PostFilter(past=True))
    # Other kinds are never "past"; an explicit date range alone does not bring the fair back.
    assert titles(PostFilter(date_to=date(2026, 1, 31), kind="fair")) == []
    assert titles(PostFilter(date_to=date(2026, 1, 31), kind="fair", past=True)) == [
        "Vergangene Jobbörse"]
    assert PostFilter(past=True).query_args() == {"past": "y"}


def test_upcoming_fairs_are_ordered_by_their_start(network):
    assert titles(PostFilter(upcoming=True)) == ["JOBBÖRSE Fulda", "Jobbörse Wächtersbach"]
    # A fair that is running right now is still upcoming until it ends.
    during = NOW + timedelta(days=3, hours=2)
    assert titles(PostFilter(upcoming=True), now=during) == ["JOBBÖRSE Fulda",
                                                              "Jobbörse Wächtersbach"]
    assert titles(PostFilter(upcoming=True, kind="settlement")) == ["JOBBÖRSE Fulda",
                                                                     "Jobbörse Wächtersbach"]


@pytest.mark.parametrize("query", ["Jobbörse", "JOBBÖRSE", "jobbörse", "JobBörse  "])
def test_full_text_ignores_case_including_umlauts(network, query):
    assert titles(PostFilter(q=query)) == ["Jobbörse Wächtersbach", "JOBBÖRSE Fulda"]
    assert titles(PostFilter(q=query, past=True))[-1] == "Vergangene Jobbörse"


def test_full_text_needs_every_word_and_searches_body_and_kind_fields(db, make_post):
    make_post(Kind.SETTLEMENT, title="Ansiedlung", body="Neue **Halle** an der Straße",
              company="Paketdienst Hessen AG")
    make_post(Kind.SETTLEMENT, title="Andere", body="Eine Halle")
    assert titles(PostFilter(q="halle STRASSE")) == ["Ansiedlung"]
    assert titles(PostFilter(q="paketdienst")) == ["Ansiedlung"]
    assert titles(PostFilter(q="halle")) == ["Andere", "Ansiedlung"]


@pytest.mark.parametrize("query, expected", [
    ("%", []),  # no word at all finds nothing (LIKE matched it literally, a word index cannot)
    ("100%", ["100% gefördert"]),
    ("_", []),
    ("projekt_2026", ["Projekt 2026 ohne Zeichen", "Projekt_2026"]),  # _ separates words
    ("%_", []),
    ("\\", []),
])
def test_signs_in_the_query_separate_words_and_never_act_as_wildcards(db, make_post, query,
                                                                      expected):
    make_post(Kind.PROJECT, title="100% gefördert", body="")
    make_post(Kind.PROJECT, title="Projekt_2026", body="")
    make_post(Kind.PROJECT, title="Projekt 2026 ohne Zeichen", body="")
    assert titles(PostFilter(q=query)) == expected


def test_pagination(db, make_post, make_user):
    author = make_user(Role.COORDINATOR)
    for number in range(25):
        make_post(Kind.SETTLEMENT, author=author, title=f"Beitrag {number:02d}",
                  now=NOW - timedelta(hours=number))
    first = queries.published_posts(PostFilter(), now=NOW, page=1, per_page=10)
    assert (first.total, first.pages, len(first.items)) == (25, 3, 10)
    assert first.items[0].title == "Beitrag 00"
    assert [p.title for p in queries.published_posts(PostFilter(), now=NOW, page=3,
                                                     per_page=10).items] == [
        f"Beitrag {n}" for n in range(20, 25)]
    assert titles(page=4, per_page=10) == []
    assert titles(page=0, per_page=10) == titles(page=-5, per_page=10) == titles(per_page=10)
    assert titles(page=10**12, per_page=10) == []


def test_the_list_loads_in_a_fixed_number_of_queries(app, db, make_post, make_user):
    author = make_user(Role.COORDINATOR)
    for kind in (Kind.SETTLEMENT, Kind.PROGRAMME, Kind.PROJECT, Kind.FAIR) * 3:
        make_post(kind, author=author)
    db.session.expire_all()
    statements = []

    def listener(connection, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        page = queries.published_posts(PostFilter(), now=NOW, page=1, per_page=20)
        shown = [(post.organisation.name, post.target_groups, getattr(post, "company", None),
                  getattr(post, "starts_at", None)) for post in page.items]
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert len(shown) == 12
    assert len(statements) <= 4, statements  # page ids, count, items, target groups


def test_organisation_posts_are_grouped_by_status(db, make_post, make_user):
    author = make_user(Role.COORDINATOR)
    for status in (Status.DRAFT, Status.DRAFT, Status.PUBLISHED, Status.ARCHIVED,
                   Status.UNPUBLISHED):
        make_post(Kind.SETTLEMENT, author=author, status=status, title=f"Beitrag {status}")
    make_post(Kind.SETTLEMENT, title="Fremd")
    grouped = queries.organisation_posts(author.organisation_id)
    assert {status: len(posts) for status, posts in grouped.items()} == {
        "draft": 2, "published": 1, "archived": 1, "unpublished": 1, "in_review": 0}


def test_moderation_lists(db, make_post, make_user):
    make_post(Kind.SETTLEMENT, title="Alt", now=NOW - timedelta(days=2))
    make_post(Kind.FAIR, title="Neu")
    taken_down = make_post(Kind.PROGRAMME, title="Zurückgezogen", status=Status.UNPUBLISHED)
    assert [p.title for p in queries.recently_published()] == ["Neu", "Alt"]
    assert [p.title for p in queries.posts_with_status(Status.UNPUBLISHED)] == ["Zurückgezogen"]
    assert taken_down.moderation_reason
    services.update_post(taken_down, {"title": "Überarbeitet"}, user=taken_down.author, now=NOW)
    assert queries.posts_with_status(Status.UNPUBLISHED) == []
    assert [p.title for p in queries.posts_with_status(Status.IN_REVIEW)] == ["Überarbeitet"]
