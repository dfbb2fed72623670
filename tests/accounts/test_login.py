"""Login, lockout, logout and safe redirects."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher

from jobnet.accounts.models import AuthThrottle, Role, User
from jobnet.accounts.services import LoginOutcome, authenticate
from tests.accounts.conftest import flashes
from tests.conftest import TEST_PASSWORD, csrf_token_from

LOGIN = "/konto/anmelden"
WRONG = "Falsch-Falsch-1234"
GENERIC = "E-Mail-Adresse oder Passwort ist falsch."
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def login(email: str, password: str, now: datetime, client: str = "192.0.2.1"):
    return authenticate(email, password, client=client, now=now)


def signed_in(client) -> bool:
    return client.get("/konto/").status_code == 200


def test_login_with_right_password_signs_in_and_records_the_time(client, submit, make_user, db):
    user = make_user(Role.COORDINATOR)
    response = submit(LOGIN, {"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert signed_in(client)
    assert db.session.get(User, user.id).last_login_at is not None


def test_email_is_matched_regardless_of_case_and_spaces(client, submit, make_user):
    make_user(email="anna.schmidt@example.org")
    response = submit(LOGIN, {"email": "  Anna.Schmidt@EXAMPLE.org ", "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert signed_in(client)


def test_wrong_password_and_unknown_email_get_the_same_message(client, submit, make_user):
    user = make_user()
    wrong_password = submit(LOGIN, {"email": user.email, "password": WRONG})
    unknown_email = submit(LOGIN, {"email": "niemand@example.org", "password": WRONG})
    assert wrong_password.status_code == unknown_email.status_code == 200
    assert flashes(wrong_password.get_data(as_text=True)) == GENERIC
    assert flashes(unknown_email.get_data(as_text=True)) == GENERIC
    assert not signed_in(client)


def test_session_cookie_is_permanent_and_hardened(client, submit, make_user):
    user = make_user()
    response = submit(LOGIN, {"email": user.email, "password": TEST_PASSWORD})
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Expires=" in cookie


def test_address_locks_for_this_client_after_repeated_failures_until_the_lock_time(app, make_user):
    user = make_user()
    attempts = app.config["LOGIN_MAX_FAILURES"]
    lock = timedelta(minutes=app.config["LOGIN_LOCK_MINUTES"])
    for _ in range(attempts - 1):
        assert login(user.email, WRONG, NOW).outcome is LoginOutcome.INVALID
    assert login(user.email, WRONG, NOW).outcome is LoginOutcome.LOCKED
    # Locked even with the right password, until the lock time has passed.
    still_locked = NOW + lock - timedelta(seconds=1)
    assert login(user.email, TEST_PASSWORD, still_locked).outcome is LoginOutcome.LOCKED
    assert login(user.email, TEST_PASSWORD, NOW + lock).outcome is LoginOutcome.OK


def test_success_resets_the_failure_count(app, make_user):
    user = make_user()
    attempts = app.config["LOGIN_MAX_FAILURES"]
    for _ in range(attempts - 1):
        login(user.email, WRONG, NOW)
    assert login(user.email, TEST_PASSWORD, NOW).outcome is LoginOutcome.OK
    for _ in range(attempts - 1):
        assert login(user.email, WRONG, NOW).outcome is LoginOutcome.INVALID


def test_locked_login_gets_a_clear_message_on_the_login_page(app, client, submit, make_user, db):
    user = make_user()
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        response = submit(LOGIN, {"email": user.email, "password": WRONG})
    assert response.status_code == 429 and "Retry-After" in response.headers
    assert "vorübergehend gesperrt" in flashes(response.get_data(as_text=True))
    response = submit(LOGIN, {"email": user.email, "password": TEST_PASSWORD})
    assert "vorübergehend gesperrt" in flashes(response.get_data(as_text=True))
    assert not signed_in(client)

    # The lock time has passed.
    lock = timedelta(minutes=app.config["LOGIN_LOCK_MINUTES"])
    for row in db.session.query(AuthThrottle):
        row.window_start -= lock
    db.session.commit()
    assert submit(LOGIN, {"email": user.email, "password": TEST_PASSWORD}).status_code == 302


@pytest.mark.parametrize("inactive", ["user", "organisation"])
def test_inactive_user_or_organisation_cannot_sign_in(client, submit, make_user, db, inactive):
    user = make_user()
    if inactive == "user":
        user.active = False
    else:
        user.organisation.active = False
    db.session.commit()
    response = submit(LOGIN, {"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 200
    assert "deaktiviert" in flashes(response.get_data(as_text=True))
    assert not signed_in(client)


def test_deactivated_user_loses_a_running_session(client, login_as, db):
    user = login_as(Role.COORDINATOR)
    user.active = False
    db.session.commit()
    assert client.get("/konto/").status_code == 302


def test_outdated_password_hash_is_upgraded_on_login(submit, make_user, db):
    user = make_user()
    user.password_hash = PasswordHasher(time_cost=1, memory_cost=512, parallelism=1).hash(
        TEST_PASSWORD)
    db.session.commit()
    old_hash = user.password_hash
    assert submit(LOGIN, {"email": user.email, "password": TEST_PASSWORD}).status_code == 302
    new_hash = db.session.get(User, user.id).password_hash
    assert new_hash != old_hash and new_hash.startswith("$argon2id$")


@pytest.mark.parametrize("target", ["/konto/?tab=1", "/beitraege/"])
def test_login_returns_to_a_same_site_page(client, submit, make_user, target):
    user = make_user()
    page = client.get(LOGIN, query_string={"next": target}).get_data(as_text=True)
    assert f'value="{target}"' in page.replace("&amp;", "&")
    response = submit(LOGIN, {"email": user.email, "password": TEST_PASSWORD, "next": target})
    assert response.headers["Location"] == target


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example",
                                    "/\t/evil.example", "javascript:alert(1)", "http:/evil"])
def test_login_never_redirects_off_site(submit, make_user, target):
    user = make_user()
    response = submit(LOGIN, {"email": user.email, "password": TEST_PASSWORD, "next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_protected_page_sends_anonymous_visitors_to_login_and_back(client, submit, make_user):
    response = client.get("/konto/")
    assert response.status_code == 302 and response.headers["Location"].startswith(LOGIN)
    login_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'value="/konto/"' in login_page


def test_logout_needs_post_with_csrf_token(client, login_as):
    login_as(Role.COORDINATOR)
    assert client.get("/konto/abmelden").status_code == 405
    assert client.post("/konto/abmelden").status_code == 400
    assert signed_in(client)
    token = csrf_token_from(client.get("/konto/").get_data(as_text=True))
    response = client.post("/konto/abmelden", data={"csrf_token": token})
    assert response.status_code == 302
    assert not signed_in(client)


def test_login_form_without_csrf_token_is_refused(client, make_user):
    user = make_user()
    response = client.post(LOGIN, data={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 400
    assert not signed_in(client)


def test_signed_in_user_is_sent_on_from_the_login_page(client, login_as):
    login_as(Role.COORDINATOR)
    response = client.get(LOGIN, query_string={"next": "/konto/"})
    assert response.status_code == 302 and response.headers["Location"] == "/konto/"
