"""The full-text search through the databases' own indexes (posts/search.py): the same rule on
SQLite (FTS5) and PostgreSQL (German stemming), odd input, and the index kept in step."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select

from jobnet.accounts.models import Role
from jobnet.posts import services
from jobnet.posts.models import Kind, Post
from jobnet.posts.queries import PostFilter, published_posts
from jobnet.posts.search import FTS_TABLE, GIN_INDEX, matches_words
from tests.posts.conftest import NOW


def titles(**filters) -> list[str]:
    page = published_posts(PostFilter(**filters), now=NOW, per_page=50)
    return sorted(post.title for post in page.items)


@pytest.fixture()
def posts(db, make_post):
    make_post(Kind.SETTLEMENT, title="Chemiezentrum Bad Hersfeld", body="Neue Häuser, 300 Jobs",
              district_ags="06632")
    make_post(Kind.FAIR, title="Jobbörsen im Herbst", body="An der Straße", district_ags="06435")
    make_post(Kind.PROJECT, title="Pflege und Chemie", body="NEAR AND OR NOT",
              district_ags="06435")


@pytest.mark.parametrize("query, expected", [
    ("Chemie", ["Chemiezentrum Bad Hersfeld", "Pflege und Chemie"]),  # word beginnings
    ("chemieZENTRUM", ["Chemiezentrum Bad Hersfeld"]),
    ("Jobbörse", ["Jobbörsen im Herbst"]),  # an inflection that starts with the word
    ("jobborse", ["Jobbörsen im Herbst"]),  # umlauts fold as the German stemmer folds them
    ("STRASSE", ["Jobbörsen im Herbst"]),  # ß = ss
    ("Haus", ["Chemiezentrum Bad Hersfeld"]),  # Häuser
    ("chemie pflege", ["Pflege und Chemie"]),  # every word must occur
    ("zentrum", []),  # the middle of a word is no match
])
def test_a_word_finds_the_words_that_begin_with_it_on_both_databases(posts, query, expected):
    assert titles(q=query) == expected


def test_search_keeps_every_other_filter(posts):
    assert titles(q="chemie", district="06435") == ["Pflege und Chemie"]
    assert titles(q="chemie", kind="settlement") == ["Chemiezentrum Bad Hersfeld"]
    assert titles(q="chemie", kind="fair") == []


@pytest.mark.parametrize("query", [
    '"', '""', "*", "-", "- chemie", "NEAR", "NEAR(chemie pflege)", "chemie AND pflege",
    "chemie OR", "NOT chemie", "^chemie", "chemie:*", "a & b | !c", "(", ")",
    "<script>alert(1)</script>", "'; DROP TABLE post; --", "1' OR '1'='1", "%", "\\",
    "x" * 5000, "wort " * 500, "\x00", "🙂", "post_fts MATCH 'a'", "{search_text}: x",
])
def test_odd_input_never_fails_on_either_database(posts, client, query):
    titles(q=query)  # the query itself must not raise
    response = client.get("/beitraege/", query_string={"q": query})
    assert response.status_code == 200
    assert client.get("/karte/liste", query_string={"q": query}).status_code == 200
    assert client.get("/karte/daten.json", query_string={"q": query}).status_code == 200


def test_operators_typed_by_the_user_are_words(posts):
    assert titles(q="NEAR AND") == ["Pflege und Chemie"]
    assert titles(q='"chemie" -pflege') == ["Pflege und Chemie"]  # - is no NOT
    assert titles(q="chemie*") == ["Chemiezentrum Bad Hersfeld", "Pflege und Chemie"]


def test_the_index_follows_edits_and_deletions(db, make_post, make_user):
    author = make_user(Role.COORDINATOR)
    post = make_post(Kind.PROJECT, author=author, title="Erste Fassung", body="")
    assert titles(q="fassung") == ["Erste Fassung"]
    services.update_post(post, {"title": "Zweiter Entwurf"}, user=author, now=NOW)
    db.session.commit()
    assert titles(q="fassung") == []
    assert titles(q="entwurf") == ["Zweiter Entwurf"]
    db.session.delete(post)
    db.session.commit()
    assert titles(q="entwurf") == []


def test_the_search_uses_the_index(posts, db):
    """The app's condition reads the full-text index instead of every post's text."""
    stmt = select(Post.id).where(matches_words(Post.id, Post.search_text, "chemie",
                                               db.engine.dialect.name))
    compiled = stmt.compile(dialect=db.engine.dialect)
    params = compiled.params
    if compiled.positional:
        params = tuple(params[name] for name in compiled.positiontup)
    with db.engine.connect() as connection:
        explain = "EXPLAIN QUERY PLAN "
        if db.engine.dialect.name == "postgresql":
            connection.exec_driver_sql("SET enable_seqscan = off")  # three rows: force the choice
            explain = "EXPLAIN "
        plan = connection.exec_driver_sql(explain + str(compiled), params).all()
        found = connection.execute(stmt).all()
    assert any(GIN_INDEX in str(line) or FTS_TABLE in str(line) for line in plan), plan
    assert len(found) == 2


@pytest.mark.parametrize("query", ["", "chemie"])
def test_the_count_reads_neither_settlements_nor_programmes_nor_projects(posts, db, query):
    """The list's count (with words: in the page's own query) stays on the post and fair
    tables, and still counts what the list shows."""
    statements = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement.lower())

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        page = published_posts(PostFilter(q=query), now=NOW, per_page=1)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert page.total == (3 if not query else 2) and len(page.items) == 1
    counting = [sql for sql in statements if "count(" in sql]
    assert counting and not any(table in sql for sql in counting
                                for table in ("settlement", "programme", "project"))
