"""A scratch PostgreSQL database for tests that only mean something on PostgreSQL (several
processes or app instances on one server): advisory locks, SELECT ... FOR UPDATE.

The server is the suite's (JOBNET_TEST_DATABASE_URL) or, while the suite runs on SQLite,
JOBNET_TEST_POSTGRESQL_URL (.ci/run sets it, so CI runs these tests in both passes). Without
either the test is skipped locally and fails in CI.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import OperationalError

from tests.conftest import IN_CI


def postgresql_server_url() -> str:
    for name in ("JOBNET_TEST_DATABASE_URL", "JOBNET_TEST_POSTGRESQL_URL"):
        url = os.environ.get(name, "")
        if url.startswith("postgresql"):
            return url
    message = "no PostgreSQL server (JOBNET_TEST_DATABASE_URL or JOBNET_TEST_POSTGRESQL_URL)"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def drop_database(connection: Connection, name: str) -> None:
    """Drops the database with any session of ours still in it. Not WITH (FORCE): that refuses
    when an autovacuum worker is in the database (a process no role but a superuser may end; CI
    failed on it once), while a plain DROP stops autovacuum itself."""
    end_ours = text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name "
                    "AND usename = current_user AND pid <> pg_backend_pid()")
    for attempt in range(40):
        connection.execute(end_ours, {"name": name})
        try:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            return
        except OperationalError:  # "being accessed by other users": a session ending just now
            if attempt == 39:
                raise
            time.sleep(0.25)


@contextmanager
def scratch_database(suffix: str) -> Iterator[str]:
    """A fresh database "<the server URL's database>_<suffix>" with JobNet's tables; dropped
    (with any session still in it) on leaving."""
    from jobnet import create_app
    from jobnet.extensions import db

    server = make_url(postgresql_server_url())
    url = server.set(database=f"{server.database}_{suffix}")
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        drop_database(connection, url.database)
        connection.execute(text(f'CREATE DATABASE "{url.database}"'))
    rendered = url.render_as_string(hide_password=False)
    try:
        app = create_app({"SQLALCHEMY_DATABASE_URI": rendered, "TESTING": True,
                          "SECRET_KEY": "scratch", "MAIL_TRANSPORT": "memory"})
        with app.app_context():
            db.create_all()
            db.engine.dispose()
        yield rendered
    finally:
        with admin.connect() as connection:
            drop_database(connection, url.database)
        admin.dispose()
