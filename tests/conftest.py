"""Shared fixtures: app, db (isolated per test), client, submit, login_as, mail_outbox, factories.

The suite runs on SQLite always, and on PostgreSQL when JOBNET_TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import contextvars
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from flask import Flask
from flask.globals import _cv_app
from flask.testing import FlaskClient
from sqlalchemy import event, text

from jobnet import create_app
from jobnet.accounts import passwords
from jobnet.accounts.models import Organisation, OrganisationKind, Role, User
from jobnet.accounts.passwords import hash_password
from jobnet.extensions import db as _db

TEST_PASSWORD = "Richtig-Sicher-2026"
CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
IN_CI = os.environ.get("CI", "").lower() == "true"
TRANSLATIONS = Path(__file__).resolve().parents[1] / "jobnet" / "translations"
_FAST_DUMMY_HASH = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash("dummy")


def pytest_sessionstart(session) -> None:
    # `make test` compiles the catalogs; do it here too so a plain `pytest` sees English.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po_path in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"):
        with po_path.open("rb") as po_file, po_path.with_suffix(".mo").open("wb") as mo_file:
            write_mo(mo_file, read_po(po_file))


def _database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = os.environ.get("JOBNET_TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch):
    # Production Argon2 costs ~0.1 s per hash; the suite hashes and verifies hundreds of times.
    # Same algorithm (Argon2id), smaller cost, so behaviour is unchanged.
    hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(passwords, "_hasher", hasher)
    # Unknown addresses are verified against this hash; made with production cost it would
    # cost a tenth of a second per failed login with an unknown address.
    monkeypatch.setattr(passwords, "_DUMMY_HASH", _FAST_DUMMY_HASH)


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    application = create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-not-for-production",
        "SQLALCHEMY_DATABASE_URI": _database_url(tmp_path_factory),
        "MAIL_TRANSPORT": "memory",
        "MAIL_FILE_DIR": str(tmp_path_factory.mktemp("mail")),
        "SERVER_NAME": None,
        # No tile server in tests: the map must show boundaries and markers without tiles,
        # and no request may leave the machine.
        "MAP_TILE_URL": "",
        # Tests look at a page right after changing it (tests/web/test_page_cache.py sets one).
        "PAGE_CACHE_GRACE_SECONDS": 0,
        "PAGE_CACHE_DIR": str(tmp_path_factory.mktemp("page-cache")),
        "MAP_POINTS_DIR": str(tmp_path_factory.mktemp("map-points")),
    })
    application.test_client_class = IsolatedClient
    with application.app_context():
        _db.drop_all()
        _db.create_all()
    yield application
    with application.app_context():
        _db.drop_all()
        _db.engine.dispose()


@pytest.fixture()
def db(app: Flask) -> Iterator:
    """The database inside an app context; every table is emptied after the test."""
    with app.app_context():
        yield _db
        _db.session.rollback()
        _db.session.remove()
        tables = list(reversed(_db.metadata.sorted_tables))
        with _db.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                names = ", ".join(f'"{t.name}"' for t in tables)
                connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            else:
                for table in tables:
                    connection.execute(table.delete())


class IsolatedClient(FlaskClient):
    """A test client whose requests each get their own app context, as in production.

    Without this, a request reuses the test's app context, so `g` (and Flask-Login's cached
    user) and the database session would leak from one request, or one client, to the next.
    """

    def open(self, *args, **kwargs):
        # Like a real server, finish each response (and run its call_on_close hooks, such as
        # a reset mail sent after the answer) before the test reads it; buffered=False opts out.
        kwargs.setdefault("buffered", True)

        def detached():
            _cv_app.set(None)
            return super(IsolatedClient, self).open(*args, **kwargs)

        response = contextvars.copy_context().run(detached)
        if _cv_app.get(None) is not None:
            _db.session.expire_all()  # the test's own reads see what the request wrote
        return response


@pytest.fixture()
def client(app: Flask, db) -> FlaskClient:
    return app.test_client()


@pytest.fixture()
def statements(app: Flask) -> Iterator[list[str]]:
    """The SQL statements the app sends while the test runs (what a cached page still asks)."""
    sent: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        sent.append(statement)

    with app.app_context():
        engine = _db.engine
    event.listen(engine, "before_cursor_execute", record)
    yield sent
    event.remove(engine, "before_cursor_execute", record)


@pytest.fixture()
def mail_outbox(app: Flask) -> Iterator[list]:
    outbox = app.extensions["jobnet_mail"].outbox
    outbox.clear()
    yield outbox
    outbox.clear()


def require_system_tool(path: str | None, install_hint: str) -> str:
    """The tool's path; a missing tool fails the test in CI and skips it elsewhere."""
    if path and Path(path).exists():
        return path
    message = f"{install_hint} is not installed"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def national_region() -> Path:
    """The folder of the all-Germany geodata (GEO_REGION "deutschland"), for tests of a national
    network; missing, the test fails in CI and is skipped elsewhere."""
    from jobnet.geo.regiondata import DATA_ROOT

    folder = DATA_ROOT / "deutschland"
    if (folder / "metadata.json").is_file():
        return folder
    message = ("no geodata for all of Germany in jobnet/geo/data/deutschland "
               "(scripts/build_geodata.py --region '')")
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def csrf_token_from(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "page has no CSRF token"
    return match.group(1)


@pytest.fixture()
def submit(client: FlaskClient) -> Callable:
    """Fill a form like a browser: GET the page for its CSRF token, then POST the data."""

    def _submit(url: str, data: dict | None = None, *, page: str | None = None, **kwargs):
        form_page = client.get(page or url)
        payload = {"csrf_token": csrf_token_from(form_page.get_data(as_text=True)), **(data or {})}
        return client.post(url, data=payload, **kwargs)

    return _submit


@pytest.fixture()
def make_organisation(db) -> Callable[..., Organisation]:
    counter = iter(range(1, 10_000))

    def _make(name: str | None = None, district_ags: str | None = "06435",
              kind: str = OrganisationKind.JOB_CENTRE, **fields) -> Organisation:
        org = Organisation(name=name or f"Jobcenter Test {next(counter)}", kind=kind,
                           district_ags=district_ags, **fields)
        db.session.add(org)
        db.session.commit()
        return org

    return _make


@pytest.fixture()
def make_user(db, make_organisation) -> Callable[..., User]:
    counter = iter(range(1, 10_000))

    def _make(role: str = Role.COORDINATOR, organisation: Organisation | None = None,
              email: str | None = None, password: str = TEST_PASSWORD, **fields) -> User:
        user = User(email=email or f"{role}{next(counter)}@example.org", name=f"Test {role.title()}",
                    role=role, organisation=organisation or make_organisation(),
                    password_hash=hash_password(password), **fields)
        db.session.add(user)
        db.session.commit()
        return user

    return _make


@pytest.fixture()
def login_as(client: FlaskClient, submit, make_user) -> Callable[..., User]:
    """Create a user with the role (or take one) and sign the test client in through the login form."""

    def _login(role_or_user: str | User = Role.COORDINATOR, **fields) -> User:
        user = role_or_user if isinstance(role_or_user, User) else make_user(role_or_user, **fields)
        response = submit("/konto/anmelden", {"email": user.email, "password": TEST_PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return user

    return _login


class _CollectingHandler:
    """aiosmtpd handler that keeps every accepted message; `refuse(n)` may answer instead."""

    def __init__(self) -> None:
        self.messages: list = []
        self.received = 0
        self.refuse: Callable[[int], str | None] = lambda number: None

    async def handle_DATA(self, server, session, envelope) -> str:
        from email import message_from_bytes, policy

        self.received += 1
        answer = self.refuse(self.received)
        if answer:
            return answer
        message = message_from_bytes(envelope.original_content or envelope.content,
                                     policy=policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"


@contextmanager
def serving_smtp(handler):
    """Run a real SMTP server (aiosmtpd) with the handler on 127.0.0.1 at a free port; sets
    handler.host and handler.port, and stops the server on leaving."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    handler.host, handler.port = "127.0.0.1", port
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture()
def smtp_server():
    """A real SMTP server on 127.0.0.1; .messages holds what arrived (parsed)."""
    with serving_smtp(_CollectingHandler()) as handler:
        yield handler
