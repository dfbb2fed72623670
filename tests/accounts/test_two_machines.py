"""Two web machines (app instances) on one database share sessions and login limits: a browser
the proxy sends to either machine stays signed in, is signed out on both, and is locked on both."""

from __future__ import annotations

import pytest

from jobnet import create_app
from jobnet.extensions import db as _db
from tests.conftest import TEST_PASSWORD, IsolatedClient, csrf_token_from

LOGIN, PROFILE, LOGOUT = "/konto/anmelden", "/konto/", "/konto/abmelden"
WRONG = "Falsch-Falsch-1234"
SHARED = ("SQLALCHEMY_DATABASE_URI", "TESTING", "MAIL_TRANSPORT", "MAIL_FILE_DIR", "SERVER_NAME",
          "MAP_TILE_URL", "PAGE_CACHE_GRACE_SECONDS")


def other_machine(app, **overrides):
    """A second app on the same database and settings (page cache of its own, as per machine)."""
    machine = create_app({"SECRET_KEY": app.config["SECRET_KEY"],
                          **{key: app.config[key] for key in SHARED}, **overrides})
    machine.test_client_class = IsolatedClient
    return machine


@pytest.fixture()
def machine_b(app, db, tmp_path):
    machine = other_machine(app, PAGE_CACHE_DIR=str(tmp_path / "cache-b"))
    yield machine
    with machine.app_context():
        _db.engine.dispose()


def on(machine, cookie: str | None = None, address: str = "198.51.100.7"):
    client = machine.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    if cookie:
        client.set_cookie("session", cookie)
    return client


def try_login(client, email: str, password: str):
    token = csrf_token_from(client.get(LOGIN).get_data(as_text=True))
    return client.post(LOGIN, data={"csrf_token": token, "email": email, "password": password})


def test_a_session_started_on_one_machine_and_ended_on_the_other_is_ended_on_both(
        app, machine_b, make_user):
    user = make_user()
    browser_a = on(app)
    assert try_login(browser_a, user.email, TEST_PASSWORD).status_code == 302
    cookie = browser_a.get_cookie("session").value
    browser_b = on(machine_b, cookie)  # the proxy sends the same browser to the other machine
    assert browser_b.get(PROFILE).status_code == 200
    token = csrf_token_from(browser_b.get(PROFILE).get_data(as_text=True))
    assert browser_b.post(LOGOUT, data={"csrf_token": token}).status_code == 302
    # Machine A still has the old cookie; the session behind it ended in the database.
    assert on(app, cookie).get(PROFILE).status_code != 200


def test_login_failures_counted_on_both_machines_lock_the_address(app, machine_b, make_user):
    user = make_user()
    failures = app.config["LOGIN_MAX_FAILURES"]
    for number in range(failures - 1):
        machine = app if number % 2 else machine_b
        assert try_login(on(machine), user.email, WRONG).status_code == 200
    # Neither machine saw the limit on its own (two and three failures); together they did.
    assert try_login(on(app), user.email, WRONG).status_code == 429
    for machine in (app, machine_b):
        assert try_login(on(machine), user.email, TEST_PASSWORD).status_code == 429


def test_machines_need_the_same_secret_key(app, make_user, tmp_path):
    user = make_user()
    browser_a = on(app)
    assert try_login(browser_a, user.email, TEST_PASSWORD).status_code == 302
    stranger = other_machine(app, SECRET_KEY="another-key", PAGE_CACHE_DIR=str(tmp_path / "c"))
    try:
        assert on(stranger, browser_a.get_cookie("session").value).get(PROFILE).status_code != 200
    finally:
        with stranger.app_context():
            _db.engine.dispose()
