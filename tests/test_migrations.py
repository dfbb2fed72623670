"""`flask db upgrade` on an empty database produces exactly the models (SQLite and PostgreSQL);
the data migrations do what they say."""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Iterator
from datetime import datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import MetaData, create_engine, inspect, text
from sqlalchemy.engine import make_url

from jobnet import create_app
from jobnet.accounts.services import find_user_by_email
from jobnet.digest.subscriptions import find_subscription
from jobnet.extensions import db
from jobnet.posts import search
from tests.postgresql import drop_database


@pytest.fixture()
def empty_database_url(tmp_path) -> Iterator[str]:
    server_url = os.environ.get("JOBNET_TEST_DATABASE_URL")
    if not server_url:
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    # A database of its own, so the suite's tables in the test database do not interfere.
    name = f"jobnet_migrations_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            drop_database(connection, name)
        admin.dispose()


def test_upgrade_from_empty_gives_exactly_the_models_and_downgrade_removes_them(empty_database_url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database_url, "TESTING": True,
                      "SECRET_KEY": "migration-test", "MAIL_TRANSPORT": "memory"})
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={
                "compare_type": True, "include_name": search.described_by_models})
            differences = compare_metadata(context, db.metadata)
        assert differences == []

        downgrade(revision="base")
        remaining = set(inspect(db.engine).get_table_names()) - {"alembic_version"}
        assert remaining == set()
        db.engine.dispose()


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def test_idna_migration_rewrites_unicode_domains_keeps_both_spellings(empty_database_url):
    """0019: rows stored before normalise_email encoded domains are found by the punycode form;
    a user or subscriber with both spellings keeps both rows, reported by table and id only."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database_url, "TESTING": True,
                      "SECRET_KEY": "migration-test", "MAIL_TRANSPORT": "memory"})
    now = datetime(2026, 11, 30, 12, 0)  # naive UTC, as UTCDateTime stores it
    records = _Records()
    # Its own handler: env.py's fileConfig replaces the root logger's (and so caplog's) handlers.
    migration_log = logging.getLogger("jobnet.migrations")
    migration_log.addHandler(records)
    try:
        with app.app_context():
            upgrade(revision="5e1f7a3c9b20")
            with db.engine.begin() as connection:
                tables = MetaData()
                tables.reflect(connection, only=[
                    "organisation", "user_account", "invitation", "digest_subscription",
                    "digest_pending_subscription"])

                def insert(name, *rows):
                    connection.execute(tables.tables[name].insert(), list(rows))

                insert("organisation", {"id": 1, "name": "Bücherhalle", "kind": "job_centre",
                                        "email": "Kontakt@Bücher.example", "active": True,
                                        "created_at": now})
                user = {"name": "Leser", "role": "member", "organisation_id": 1, "active": True,
                        "created_at": now}
                insert("user_account", dict(user, id=1, email="leser@bücher.example"),
                       dict(user, id=2, email="doppelt@bücher.example"),
                       dict(user, id=3, email="doppelt@xn--bcher-kva.example"),
                       dict(user, id=4, email="ascii@example.org"))
                insert("invitation", {"id": 1, "email": "neu@münchen.example", "name": "Neu",
                                      "role": "member", "organisation_id": 1, "created_at": now})
                subscription = {"kinds": [], "district_mode": "all", "districts": [],
                                "include_catchment": True, "target_groups": [],
                                "frequency": "weekly", "locale": "de", "consented_at": now,
                                "link_nonce": "n", "created_at": now, "updated_at": now}
                insert("digest_subscription",
                       dict(subscription, id=1, email="leser@bücher.example"),
                       dict(subscription, id=2, email="doppelt@bücher.example"),
                       dict(subscription, id=3, email="doppelt@xn--bcher-kva.example"))
                pending = {"preferences": {}, "requested_at": now, "expires_at": now}
                # Several pending requests of one address are normal: both are rewritten.
                insert("digest_pending_subscription",
                       dict(pending, id=1, token_hash="a" * 64, email="leser@bücher.example"),
                       dict(pending, id=2, token_hash="b" * 64,
                            email="leser@xn--bcher-kva.example"))

            upgrade()

            def emails(table):
                with db.engine.connect() as connection:
                    return dict(connection.execute(text(f"SELECT id, email FROM {table}")).all())

            assert emails("organisation") == {1: "kontakt@xn--bcher-kva.example"}
            assert emails("user_account") == {1: "leser@xn--bcher-kva.example",
                                              2: "doppelt@bücher.example",
                                              3: "doppelt@xn--bcher-kva.example",
                                              4: "ascii@example.org"}
            assert emails("invitation") == {1: "neu@xn--mnchen-3ya.example"}
            assert emails("digest_subscription") == {1: "leser@xn--bcher-kva.example",
                                                     2: "doppelt@bücher.example",
                                                     3: "doppelt@xn--bcher-kva.example"}
            assert emails("digest_pending_subscription") == {1: "leser@xn--bcher-kva.example",
                                                             2: "leser@xn--bcher-kva.example"}

            warnings = [m for m in records.messages if "left unchanged:" in m]
            assert len(warnings) == 2
            assert "user_account row 2 " in warnings[0]
            assert "digest_subscription row 2 " in warnings[1]
            assert not any("@" in m or "bücher" in m or "bcher" in m for m in records.messages)

            # Both spellings now find the migrated rows.
            for spelling in ("leser@xn--bcher-kva.example", "Leser@Bücher.example"):
                assert find_user_by_email(spelling).id == 1
                assert find_subscription(spelling).id == 1
            db.session.remove()

            # The downgrade leaves the data as it is.
            downgrade(revision="5e1f7a3c9b20")
            assert emails("user_account")[1] == "leser@xn--bcher-kva.example"
            db.engine.dispose()
    finally:
        migration_log.removeHandler(records)
