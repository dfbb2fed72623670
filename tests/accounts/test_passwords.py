"""Password reset by mail and password change on the profile page."""

from __future__ import annotations

from datetime import timedelta

from jobnet.accounts import invitations, services
from jobnet.accounts.models import Role, User
from jobnet.clock import utcnow
from tests.accounts.conftest import flashes, link_path, mail_text
from tests.conftest import TEST_PASSWORD, csrf_token_from

FORGOT = "/konto/passwort-vergessen"
LOGIN = "/konto/anmelden"
NEW_PASSWORD = "Ganz-Neues-Passwort-77"
SAME_ANSWER = "Falls ein Konto mit dieser Adresse existiert"


def set_password(client, path, password=NEW_PASSWORD):
    token = csrf_token_from(client.get(path).get_data(as_text=True))
    return client.post(path, data={"csrf_token": token, "password": password, "confirm": password})


def test_reset_flow_sets_a_new_password_and_the_link_works_once(
        client, submit, make_user, mail_outbox, db):
    user = make_user(email="vergesslich@example.org")
    response = submit(FORGOT, {"email": "Vergesslich@example.org"}, follow_redirects=True)
    assert SAME_ANSWER in flashes(response.get_data(as_text=True))
    assert len(mail_outbox) == 1 and mail_outbox[0]["To"] == "vergesslich@example.org"
    assert "2 Stunden" in mail_text(mail_outbox[0])
    path = link_path(mail_outbox[0])
    assert path.startswith("/konto/passwort-neu/")

    page = client.get(path)
    assert page.status_code == 200 and "vergesslich@example.org" in page.get_data(as_text=True)
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert set_password(client, path).status_code == 302

    assert submit(LOGIN, {"email": user.email, "password": TEST_PASSWORD}).status_code == 200
    assert submit(LOGIN, {"email": user.email, "password": NEW_PASSWORD}).status_code == 302

    reused = client.get(path)
    assert reused.status_code == 410
    assert "bereits verwendet" in reused.get_data(as_text=True)
    assert set_password(client, path, "Noch-ein-Passwort-88").status_code == 410


def test_unknown_address_gets_the_same_answer_and_no_mail(submit, mail_outbox):
    response = submit(FORGOT, {"email": "niemand@example.org"}, follow_redirects=True)
    assert SAME_ANSWER in flashes(response.get_data(as_text=True))
    assert mail_outbox == []


def test_inactive_account_gets_no_reset_mail(submit, make_user, mail_outbox, db):
    user = make_user(active=False)
    response = submit(FORGOT, {"email": user.email}, follow_redirects=True)
    assert SAME_ANSWER in flashes(response.get_data(as_text=True))
    assert mail_outbox == []


def test_reset_lifts_a_lock(app, client, submit, make_user, mail_outbox, db):
    user = make_user()
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        locked = submit(LOGIN, {"email": user.email, "password": "Falsch-Falsch-1234"})
    assert locked.status_code == 429
    submit(FORGOT, {"email": user.email})
    assert set_password(client, link_path(mail_outbox[0])).status_code == 302
    assert submit(LOGIN, {"email": user.email, "password": NEW_PASSWORD}).status_code == 302


def _reset_path(app, user, now) -> str:
    links = []
    with app.test_request_context():
        services.request_password_reset(user.email, client="192.0.2.1", now=now,
                                        link_for=links.append)
    return f"/konto/passwort-neu/{links[0]}"


def test_expired_reset_link_says_so(app, client, make_user):
    user = make_user()
    hours = app.config["PASSWORD_RESET_MAX_AGE_HOURS"]
    path = _reset_path(app, user, utcnow() - timedelta(hours=hours, minutes=1))
    response = client.get(path)
    assert response.status_code == 410
    assert "abgelaufen" in response.get_data(as_text=True)


def test_tampered_reset_link_is_refused(app, client, make_user):
    path = _reset_path(app, make_user(), utcnow())
    for bad in (path[:-3] + "xyz", "/konto/passwort-neu/abc", path + "A"):
        response = client.get(bad)
        assert response.status_code == 400, bad
        assert "ungültig" in response.get_data(as_text=True)


def test_invitation_token_is_no_reset_token(app, client, login_as, make_organisation):
    admin = login_as(Role.ADMIN)
    tokens = []
    with app.test_request_context():
        invitations.invite(admin, email="x@example.org", name="X", role=Role.COORDINATOR,
                           organisation_id=make_organisation().id, now=utcnow(),
                           link_for=tokens.append)
    assert client.get(f"/konto/passwort-neu/{tokens[0]}").status_code == 400


def test_reset_password_must_follow_the_rules(app, client, make_user, db):
    user = make_user(email="regel@example.org")
    path = _reset_path(app, user, utcnow())
    assert "zwischen 12 und 200" in set_password(client, path, "kurz").get_data(as_text=True)
    response = set_password(client, path, "regel@example.org")
    assert "nicht Ihre E-Mail-Adresse" in response.get_data(as_text=True)
    assert client.get(path).status_code == 200  # still unused


def test_profile_shows_the_account(client, login_as):
    user = login_as(Role.MODERATOR)
    page = client.get("/konto/").get_data(as_text=True)
    assert user.email in page and user.organisation.name in page and "Moderator*in" in page


def test_profile_password_change_needs_the_current_password(client, submit, login_as, db):
    user = login_as(Role.COORDINATOR)
    wrong = submit("/konto/", {"current_password": "nicht-das-richtige", "password": NEW_PASSWORD,
                               "confirm": NEW_PASSWORD})
    assert wrong.status_code == 200
    assert "aktuelle Passwort ist nicht richtig" in wrong.get_data(as_text=True)

    right = submit("/konto/", {"current_password": TEST_PASSWORD, "password": NEW_PASSWORD,
                               "confirm": NEW_PASSWORD}, follow_redirects=True)
    assert "Passwort wurde geändert" in flashes(right.get_data(as_text=True))
    assert services.authenticate(user.email, NEW_PASSWORD, client="192.0.2.1",
                                 now=utcnow()).user == user


def test_guessing_the_current_password_on_the_profile_locks_the_account(app, submit, login_as):
    login_as(Role.COORDINATOR)
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        submit("/konto/", {"current_password": "geraten-geraten", "password": NEW_PASSWORD,
                           "confirm": NEW_PASSWORD})
    response = submit("/konto/", {"current_password": TEST_PASSWORD, "password": NEW_PASSWORD,
                                  "confirm": NEW_PASSWORD})
    assert "vorübergehend gesperrt" in response.get_data(as_text=True)


def test_profile_requires_login(client):
    response = client.get("/konto/")
    assert response.status_code == 302 and "/konto/anmelden" in response.headers["Location"]


def test_user_is_loaded_case_insensitively(make_user, db):
    user = make_user(email="klein@example.org")
    assert services.find_user_by_email(" KLEIN@example.ORG ") == db.session.get(User, user.id)


def test_mail_server_failure_still_gives_the_same_answer(app, submit, make_user, monkeypatch):
    def refuse(message):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(app.extensions["jobnet_mail"], "send", refuse)
    response = submit(FORGOT, {"email": make_user().email}, follow_redirects=True)
    assert SAME_ANSWER in flashes(response.get_data(as_text=True))


def test_changing_the_password_signs_the_account_out_in_other_browsers(app, client, login_as):
    user = login_as("coordinator")
    other_browser = app.test_client()
    token = csrf_token_from(other_browser.get("/konto/anmelden").get_data(as_text=True))
    other_browser.post("/konto/anmelden", data={"csrf_token": token, "email": user.email,
                                                "password": TEST_PASSWORD})
    assert other_browser.get("/konto/").status_code == 200

    token = csrf_token_from(client.get("/konto/").get_data(as_text=True))
    response = client.post("/konto/", data={"csrf_token": token, "current_password": TEST_PASSWORD,
                                            "password": "Ganz-Neues-Passwort-2026",
                                            "confirm": "Ganz-Neues-Passwort-2026"})
    assert response.status_code == 302
    assert client.get("/konto/").status_code == 200  # this browser stays signed in
    assert other_browser.get("/konto/").status_code == 302  # the other one is signed out
