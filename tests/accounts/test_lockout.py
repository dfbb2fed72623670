"""Login limits: the same answer for unknown addresses, and an attacker cannot lock a colleague
out (issue 10, defect 8)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from jobnet.accounts.models import AuthThrottle
from jobnet.accounts.services import LoginOutcome, authenticate
from tests.accounts.conftest import flashes
from tests.conftest import TEST_PASSWORD, csrf_token_from

LOGIN = "/konto/anmelden"
WRONG = "Falsch-Falsch-1234"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ATTACKER, OFFICE = "203.0.113.66", "198.51.100.7"


def from_client(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def try_login(client, email: str, password: str):
    token = csrf_token_from(client.get(LOGIN).get_data(as_text=True))
    return client.post(LOGIN, data={"csrf_token": token, "email": email, "password": password})


def test_unknown_and_known_addresses_get_the_same_answers_up_to_the_lock(app, db, make_user):
    user = make_user()
    attacker = from_client(app, ATTACKER)
    answers = {}
    for email in (user.email, "niemand@example.org"):
        answers[email] = [try_login(attacker, email, WRONG)
                          for _ in range(app.config["LOGIN_MAX_FAILURES"] + 1)]
    known, unknown = answers[user.email], answers["niemand@example.org"]
    assert [r.status_code for r in known] == [r.status_code for r in unknown]
    assert [flashes(r.get_data(as_text=True)) for r in known] == [
        flashes(r.get_data(as_text=True)) for r in unknown]
    assert known[-1].status_code == 429
    assert "vorübergehend gesperrt" in flashes(known[-1].get_data(as_text=True))


def test_an_attacker_cannot_lock_the_owner_out_from_another_client(app, db, make_user):
    user = make_user()
    attacker, owner = from_client(app, ATTACKER), from_client(app, OFFICE)
    for _ in range(app.config["LOGIN_MAX_FAILURES"] * 2):
        try_login(attacker, user.email, WRONG)
    assert try_login(owner, user.email, TEST_PASSWORD).status_code == 302
    assert owner.get("/konto/").status_code == 200
    assert try_login(attacker, user.email, TEST_PASSWORD).status_code == 429


def test_the_owner_can_still_ask_for_a_reset_link_while_the_attacker_is_locked(
        app, db, make_user, mail_outbox):
    user = make_user()
    attacker, owner = from_client(app, ATTACKER), from_client(app, OFFICE)
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        try_login(attacker, user.email, WRONG)
    token = csrf_token_from(owner.get("/konto/passwort-vergessen").get_data(as_text=True))
    response = owner.post("/konto/passwort-vergessen",
                          data={"csrf_token": token, "email": user.email})
    assert response.status_code == 302 and len(mail_outbox) == 1


def test_a_client_failing_with_many_addresses_is_locked_as_a_whole(app, db, make_user,
                                                                   monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_CLIENT_MAX_FAILURES", 6)
    user = make_user()
    for number in range(6):
        result = authenticate(f"rate{number}@example.org", WRONG, client=ATTACKER, now=NOW)
    assert result.outcome is LoginOutcome.LOCKED
    assert authenticate(user.email, TEST_PASSWORD, client=ATTACKER,
                        now=NOW).outcome is LoginOutcome.LOCKED
    assert authenticate(user.email, TEST_PASSWORD, client=OFFICE, now=NOW).outcome is LoginOutcome.OK


def test_an_address_attacked_from_many_clients_is_slowed_down_not_locked(app, db, make_user,
                                                                          monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_ACCOUNT_MAX_FAILURES", 8)
    slow = timedelta(seconds=app.config["LOGIN_ACCOUNT_SLOW_SECONDS"])
    user = make_user()
    for number in range(8):  # a botnet: two guesses from each of four clients
        authenticate(user.email, WRONG, client=f"192.0.2.{number // 2}", now=NOW)
    # One attempt per interval for the address, whoever makes it ...
    assert authenticate(user.email, WRONG, client="192.0.2.50", now=NOW).outcome is (
        LoginOutcome.INVALID)
    refused = authenticate(user.email, TEST_PASSWORD, client=OFFICE, now=NOW)
    assert refused.outcome is LoginOutcome.LOCKED and refused.retry_after <= slow
    # ... and the owner gets in on the next free slot.
    assert authenticate(user.email, TEST_PASSWORD, client=OFFICE,
                        now=NOW + slow).outcome is LoginOutcome.OK


def test_counters_keep_no_addresses(app, db, make_user):
    user = make_user()
    authenticate(user.email, WRONG, client=ATTACKER, now=NOW)
    stored = " ".join(f"{row.scope} {row.subject} {row.client}"
                      for row in db.session.query(AuthThrottle))
    assert stored and user.email not in stored and ATTACKER not in stored


def test_ipv6_clients_are_counted_per_64_network(app, db, make_user):
    user = make_user()
    for host in range(app.config["LOGIN_MAX_FAILURES"]):
        try_login(from_client(app, f"2001:db8:1:2::{host + 1}"), user.email, WRONG)
    elsewhere = from_client(app, "2001:db8:9:9::1")
    assert try_login(elsewhere, user.email, TEST_PASSWORD).status_code == 302
    hopping = from_client(app, "2001:db8:1:2::ff")
    assert try_login(hopping, user.email, TEST_PASSWORD).status_code == 429
