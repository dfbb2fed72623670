"""Full-text index of the posts' search text: GIN with German stemming on PostgreSQL, an FTS5
table kept in step by triggers on SQLite; both are built for the posts that exist.

Revision ID: 5e1f7a3c9b20
Revises: 5a7c1e3d9b24
Create Date: 2026-12-01 11:45:00.000000

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '5e1f7a3c9b20'
down_revision = '5a7c1e3d9b24'
branch_labels = None
depends_on = None

# Written out here rather than imported from jobnet/posts/search.py, so this step stays what it
# was when the code moves on.
SQLITE_UPGRADE = [
    ("CREATE VIRTUAL TABLE post_fts USING fts5(search_text, content='post', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"),
    ("CREATE TRIGGER post_fts_insert AFTER INSERT ON post BEGIN "
    "INSERT INTO post_fts(rowid, search_text) VALUES (new.id, new.search_text); END"),
    ("CREATE TRIGGER post_fts_delete AFTER DELETE ON post BEGIN "
    "INSERT INTO post_fts(post_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END"),
    ("CREATE TRIGGER post_fts_update AFTER UPDATE OF search_text ON post BEGIN "
    "INSERT INTO post_fts(post_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO post_fts(rowid, search_text) VALUES (new.id, new.search_text); END"),
    "INSERT INTO post_fts(post_fts) VALUES ('rebuild')",
]
SQLITE_DOWNGRADE = ["DROP TRIGGER IF EXISTS post_fts_insert", "DROP TRIGGER IF EXISTS post_fts_delete",
                    "DROP TRIGGER IF EXISTS post_fts_update", "DROP TABLE IF EXISTS post_fts"]
POSTGRESQL_UPGRADE = [("CREATE INDEX ix_post_search_german ON post "
                      "USING gin (to_tsvector('german'::regconfig, search_text))")]
POSTGRESQL_DOWNGRADE = ["DROP INDEX IF EXISTS ix_post_search_german"]


def _run(statements):
    bind = op.get_bind()
    for statement in statements.get(bind.dialect.name, []):
        op.execute(statement)


def upgrade():
    _run({"sqlite": SQLITE_UPGRADE, "postgresql": POSTGRESQL_UPGRADE})


def downgrade():
    _run({"sqlite": SQLITE_DOWNGRADE, "postgresql": POSTGRESQL_DOWNGRADE})
