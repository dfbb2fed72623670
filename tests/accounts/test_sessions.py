"""Server-side sessions: logout, password change and reset, and the profile's session list end
sessions everywhere, also where a copy of the cookie lives on (issue 10, defect 4)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask_login import COOKIE_NAME
from flask_login.utils import encode_cookie

from jobnet.accounts import user_sessions
from jobnet.accounts.models import Role, UserSession
from jobnet.clock import utcnow
from jobnet.scheduler import archive_expired_job
from tests.accounts.conftest import flashes, link_path
from tests.conftest import TEST_PASSWORD, csrf_token_from

LOGIN = "/konto/anmelden"
PROFILE = "/konto/"
FIREFOX_WINDOWS = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 "
                   "Firefox/133.0")
CHROME_ANDROID = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                  "Chrome/131.0.0.0 Mobile Safari/537.36")


def signed_in(client) -> bool:
    return client.get(PROFILE).status_code == 200


def browser(app, user_agent: str = FIREFOX_WINDOWS):
    client = app.test_client()
    client.environ_base["HTTP_USER_AGENT"] = user_agent
    return client


def sign_in(client, user) -> None:
    token = csrf_token_from(client.get(LOGIN).get_data(as_text=True))
    response = client.post(LOGIN, data={"csrf_token": token, "email": user.email,
                                        "password": TEST_PASSWORD})
    assert response.status_code == 302


def post_form(client, url: str, data: dict | None = None, page: str = PROFILE):
    token = csrf_token_from(client.get(page).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **(data or {})})


def copy_session_cookie(source, target) -> None:
    cookie = source.get_cookie("session")
    target.set_cookie("session", cookie.value)


def test_a_copied_session_cookie_stops_working_after_logout(app, db, make_user):
    user = make_user()
    victim, thief = browser(app), browser(app, CHROME_ANDROID)
    sign_in(victim, user)
    copy_session_cookie(victim, thief)
    assert signed_in(thief)  # the copy works while the session is open

    assert post_form(victim, "/konto/abmelden").status_code == 302
    assert not signed_in(victim)
    response = thief.get(PROFILE)
    assert response.status_code == 302 and response.headers["Location"].startswith(LOGIN)
    assert not signed_in(thief)
    # The copy is emptied, not refreshed.
    serializer = app.session_interface.get_signing_serializer(app)
    cookie = thief.get_cookie("session")
    assert cookie is None or "_user_id" not in serializer.loads(cookie.value)


def test_a_remember_me_cookie_does_not_bring_an_ended_session_back(app, db, make_user):
    user = make_user()
    victim, thief = browser(app), browser(app)
    sign_in(victim, user)
    copy_session_cookie(victim, thief)
    post_form(victim, "/konto/abmelden")
    with app.test_request_context():
        thief.set_cookie(COOKIE_NAME, encode_cookie(user.get_id()))
    assert not signed_in(thief)
    fresh = browser(app)
    with app.test_request_context():
        fresh.set_cookie(COOKIE_NAME, encode_cookie(user.get_id()))
    assert not signed_in(fresh)


def test_changing_the_password_ends_every_other_session(app, db, make_user):
    user = make_user()
    here, laptop, phone = browser(app), browser(app), browser(app, CHROME_ANDROID)
    for client in (here, laptop, phone):
        sign_in(client, user)
    copy = browser(app)
    copy_session_cookie(here, copy)
    response = post_form(here, PROFILE, {"current_password": TEST_PASSWORD,
                                         "password": "Ganz-Neues-Passwort-2026",
                                         "confirm": "Ganz-Neues-Passwort-2026"})
    assert response.status_code == 302
    assert signed_in(here)
    assert not signed_in(laptop) and not signed_in(phone)
    assert db.session.query(UserSession).count() == 1


def test_a_password_reset_ends_every_session(app, client, submit, db, make_user, mail_outbox):
    user = make_user()
    laptop, phone = browser(app), browser(app, CHROME_ANDROID)
    sign_in(laptop, user)
    sign_in(phone, user)
    submit("/konto/passwort-vergessen", {"email": user.email})
    path = link_path(mail_outbox[0])
    token = csrf_token_from(client.get(path).get_data(as_text=True))
    response = client.post(path, data={"csrf_token": token, "password": "Ganz-Neues-Passwort-2026",
                                       "confirm": "Ganz-Neues-Passwort-2026"})
    assert response.status_code == 302
    assert not signed_in(laptop) and not signed_in(phone)
    assert db.session.query(UserSession).count() == 0


def test_the_profile_lists_sessions_and_ends_another_one(app, db, make_user):
    user = make_user()
    here, phone, tablet = browser(app), browser(app, CHROME_ANDROID), browser(app, "curl/8.0")
    for client in (here, phone, tablet):
        sign_in(client, user)
    page = here.get(PROFILE).get_data(as_text=True)
    assert "Firefox auf Windows" in page and "Chrome auf Android" in page
    assert "Unbekanntes Gerät" in page and "Diese Sitzung" in page
    assert "Alle anderen Sitzungen beenden" in page

    phone_session = db.session.query(UserSession).filter_by(browser="Chrome").one()
    response = post_form(here, f"/konto/sitzungen/{phone_session.id}/beenden")
    assert response.status_code == 302
    assert not signed_in(phone)
    assert signed_in(here) and signed_in(tablet)

    response = post_form(here, "/konto/sitzungen/andere-beenden")
    assert response.status_code == 302
    assert "1 andere Sitzung wurde beendet" in flashes(here.get(PROFILE).get_data(as_text=True))
    assert not signed_in(tablet) and signed_in(here)


@pytest.mark.parametrize("session_id", ["99999", "0", "99999999999999999999", "abc"])
def test_ending_a_session_that_is_not_ones_own_is_404(app, db, make_user, session_id):
    owner, other = make_user(), make_user()
    owner_browser, other_browser = browser(app), browser(app)
    sign_in(owner_browser, owner)
    sign_in(other_browser, other)
    if session_id == "99999":
        session_id = str(db.session.query(UserSession).filter_by(user_id=owner.id).one().id)
    response = post_form(other_browser, f"/konto/sitzungen/{session_id}/beenden")
    assert response.status_code == 404
    assert signed_in(owner_browser)


def test_ending_sessions_needs_a_csrf_token(app, db, make_user):
    user = make_user()
    client = browser(app)
    sign_in(client, user)
    assert client.post("/konto/sitzungen/andere-beenden").status_code == 400
    row = db.session.query(UserSession).one()
    assert client.post(f"/konto/sitzungen/{row.id}/beenden").status_code == 400
    assert signed_in(client)


def test_an_idle_session_ends_and_is_cleaned_up(app, db, make_user):
    user = make_user()
    client = browser(app)
    sign_in(client, user)
    idle = timedelta(hours=app.config["SESSION_LIFETIME_HOURS"])
    db.session.query(UserSession).one().last_seen_at = utcnow() - idle
    db.session.commit()
    assert not signed_in(client)
    archive_expired_job(app)
    assert db.session.query(UserSession).count() == 0


def test_last_use_is_written_now_and_then_not_on_every_request(app, db, make_user):
    user = make_user(Role.COORDINATOR)
    client = browser(app)
    sign_in(client, user)
    row = db.session.query(UserSession).one()
    started = row.last_seen_at
    assert signed_in(client)
    db.session.refresh(row)
    assert row.last_seen_at == started
    row.last_seen_at = started - user_sessions.TOUCH_EVERY
    db.session.commit()
    assert signed_in(client)
    db.session.refresh(row)
    assert row.last_seen_at > started - user_sessions.TOUCH_EVERY


@pytest.mark.parametrize("agent, words", [
    (FIREFOX_WINDOWS, ("Firefox", "Windows")),
    (CHROME_ANDROID, ("Chrome", "Android")),
    (("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
     "Gecko) Version/17.5 Mobile/15E148 Safari/604.1"), ("Safari", "iPhone")),
    (("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"), ("Edge", "Windows")),
    ("", ("", "")),
    (None, ("", "")),
])
def test_devices_are_described_in_rough_words(agent, words):
    assert user_sessions.describe_device(agent) == words
