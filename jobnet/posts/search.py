"""The full-text search of posts: the folded text built from the kinds' searchable fields, and
its index, a GIN index with German stemming on PostgreSQL and an FTS5 table on SQLite.

One rule on both databases: the query's words (letters and digits; everything else separates
words and is never an operator) must all occur, each as the beginning of a word of the post, so
"Logistik" finds "Logistikzentrum" and "Jobbörse" finds "Jobbörsen". PostgreSQL compares German
stems as well ("Zentren" finds "Zentrum"; words like "und", "die" are ignored), SQLite has no
German stemmer and matches the words' beginnings only (docs/architecture.md, "Full-text search").
"""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import ColumnElement, and_, event, false, func, literal_column, select, text

from jobnet.posts.kinds import field_specs
from jobnet.posts.models import Post

MAX_SEARCH_WORDS = 10
MAX_WORD_LENGTH = 60  # longer "words" are cut: nobody types them, and they only cost time
_WORD = re.compile(r"[^\W_]+")
FTS_TABLE = "post_fts"  # SQLite: the FTS5 index, with its shadow tables post_fts_*
GIN_INDEX = "ix_post_search_german"  # PostgreSQL: to_tsvector('german', search_text)
_GERMAN = "'german'::regconfig"  # a literal, so the planner matches the index's expression

# SQLite: an external-content FTS5 table over post.search_text, kept in step by triggers, so
# every writer (the services, imports, bulk inserts of the benchmarks) updates it.
# remove_diacritics 2 folds ö to o as PostgreSQL's German stemmer does.
SQLITE_DDL = [
    (f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(search_text, content='post', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"),
    (f"CREATE TRIGGER IF NOT EXISTS post_fts_insert AFTER INSERT ON post BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END"),
    (f"CREATE TRIGGER IF NOT EXISTS post_fts_delete AFTER DELETE ON post BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END"),
    (f"CREATE TRIGGER IF NOT EXISTS post_fts_update AFTER UPDATE OF search_text ON post BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    f"INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END"),
]
SQLITE_REBUILD = f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')"
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS post_fts_{name}" for name in ("insert", "delete", "update")
               ] + [f"DROP TABLE IF EXISTS {FTS_TABLE}"]
POSTGRESQL_DDL = [(f"CREATE INDEX IF NOT EXISTS {GIN_INDEX} ON post "
                  f"USING gin (to_tsvector({_GERMAN}, search_text))")]
POSTGRESQL_DROP = [f"DROP INDEX IF EXISTS {GIN_INDEX}"]


def search_key(text: str) -> str:
    """Text folded for matching: compatibility-normalised and casefolded (ß = ss, Ö = ö)."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


def search_text(post) -> str:
    """The folded text of all searchable fields of the post."""
    names = [spec.name for spec in field_specs(post.kind) if spec.searchable]
    return search_key("\n".join(str(getattr(post, name, None) or "") for name in names))


def search_words(query: str) -> list[str]:
    """The query's words as the index sees them: folded runs of letters and digits."""
    return [word[:MAX_WORD_LENGTH] for word in _WORD.findall(search_key(query))][:MAX_SEARCH_WORDS]


def described_by_models(name: str | None, type_: str, _parent_names=None) -> bool:
    """Alembic's include_name: False for the full-text tables and index, which the models do
    not describe (autogenerate and the schema comparison leave them alone)."""
    if type_ == "table":
        return not (name or "").startswith(FTS_TABLE)
    return name != GIN_INDEX


def matches_words(post_id, search_column, query: str, dialect: str) -> ColumnElement[bool]:
    """The condition "the post contains every word of the query" for the dialect's index (a
    query without any word finds nothing)."""
    words = search_words(query)
    if not words:
        return false()
    if dialect == "postgresql":
        # Words are letters and digits only, so the tsquery holds no operator of the user's.
        tsquery = " & ".join(f"{word}:*" for word in words)
        german = literal_column(_GERMAN)
        return func.to_tsvector(german, search_column).bool_op("@@")(
            func.to_tsquery(german, tsquery))
    if dialect == "sqlite":
        # Each word quoted (so AND, NEAR, NOT are words) and marked as a prefix.
        fts_query = " ".join(f'"{word}"*' for word in words)
        return post_id.in_(select(literal_column("rowid")).select_from(text(FTS_TABLE))
                           .where(text(f"{FTS_TABLE} MATCH :fts_query").bindparams(
                               fts_query=fts_query)))
    return and_(*[search_column.contains(word, autoescape=True) for word in words])  # no index


def create_index(connection) -> None:
    """Create the full-text index of the connection's database and fill it from the posts."""
    statements = {"sqlite": SQLITE_DDL + [SQLITE_REBUILD],
                  "postgresql": POSTGRESQL_DDL}.get(connection.dialect.name, [])
    for statement in statements:
        connection.execute(text(statement))


def drop_index(connection) -> None:
    """Drop the full-text index (before the post table goes)."""
    statements = {"sqlite": SQLITE_DROP,
                  "postgresql": POSTGRESQL_DROP}.get(connection.dialect.name, [])
    for statement in statements:
        connection.execute(text(statement))


# The index comes with the post table wherever the models create it (tests, benchmarks, a new
# database); migrations build it in their own step. Registered here, not in models.py, which
# this module depends on.
event.listen(Post.__table__, "after_create", lambda _t, connection, **_kw: create_index(connection))
event.listen(Post.__table__, "before_drop", lambda _t, connection, **_kw: drop_index(connection))
