"""Invitations: the mail, the link, setting the password, and every way a link can be bad."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import current_app

from jobnet.accounts import invitations
from jobnet.accounts.models import Invitation, OrganisationKind, Role, User
from jobnet.clock import utcnow
from tests.accounts.conftest import flashes, link_path, mail_html, mail_text
from tests.conftest import csrf_token_from

INVITE = "/verwaltung/einladen"
NEW_PASSWORD = "Mein-neues-Passwort-42"


@pytest.fixture()
def admin(login_as):
    return login_as(Role.ADMIN)


def invite_form(submit, organisation, **changes):
    data = {"email": "Neu.Person@Example.org", "name": "Nora Neumann", "role": Role.ORGANISER,
            "organisation_id": str(organisation.id), **changes}
    return submit(INVITE, data)


def accept(client, path, password=NEW_PASSWORD, confirm=None):
    token = csrf_token_from(client.get(path).get_data(as_text=True))
    return client.post(path, data={"csrf_token": token, "password": password,
                                   "confirm": password if confirm is None else confirm})


def test_full_invitation_flow(client, submit, admin, make_organisation, mail_outbox, db):
    organisation = make_organisation("Kommunales Center für Arbeit Gelnhausen")
    response = invite_form(submit, organisation)
    assert response.status_code == 302
    assert len(mail_outbox) == 1
    message = mail_outbox[0]
    assert message["To"] == "neu.person@example.org"
    assert "Einladung" in message["Subject"]
    assert "Nora Neumann" in mail_text(message) and "Veranstalter*in" in mail_text(message)
    assert "Kommunales Center für Arbeit Gelnhausen" in mail_html(message)
    path = link_path(message)
    assert path.startswith("/konto/einladung/")

    client.post("/konto/abmelden", data={"csrf_token": csrf_token_from(
        client.get("/konto/").get_data(as_text=True))})
    page = client.get(path)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Nora Neumann" in text and "Kommunales Center für Arbeit Gelnhausen" in text
    assert "Veranstalter*in" in text
    assert page.headers["Referrer-Policy"] == "no-referrer"

    response = accept(client, path)
    assert response.status_code == 302
    profile = client.get("/konto/")
    assert profile.status_code == 200 and "neu.person@example.org" in profile.get_data(as_text=True)
    user = db.session.query(User).filter_by(email="neu.person@example.org").one()
    assert user.role == Role.ORGANISER and user.organisation_id == organisation.id
    assert user.password_hash.startswith("$argon2id$")


def test_invited_password_must_be_long_enough_confirmed_and_not_the_email(
        client, admin, make_organisation, db):
    invitation_path = _invite_directly(admin, make_organisation())
    short = accept(client, invitation_path, password="kurz")
    assert "zwischen 12 und 200 Zeichen" in short.get_data(as_text=True)
    mismatch = accept(client, invitation_path, confirm="Etwas-ganz-anderes-99")
    assert "stimmen nicht überein" in mismatch.get_data(as_text=True)
    email = accept(client, invitation_path, password="Person@Example.org")
    assert "nicht Ihre E-Mail-Adresse" in email.get_data(as_text=True)
    assert db.session.query(User).filter_by(email="person@example.org").count() == 0


def _invite_directly(admin, organisation, now=None, email="person@example.org") -> str:
    """Invite through the service, which lets the test choose the time of the invitation."""
    links = []
    with current_app.test_request_context():
        invitations.invite(admin, email=email, name="Paula Person", role=Role.COORDINATOR,
                           organisation_id=organisation.id, now=now or utcnow(),
                           link_for=lambda token: links.append(token) or token)
    return f"/konto/einladung/{links[0]}"


def test_used_invitation_link_is_gone(client, admin, make_organisation):
    path = _invite_directly(admin, make_organisation())
    assert accept(client, path).status_code == 302
    response = client.get(path)
    assert response.status_code == 410
    assert "bereits angenommen" in response.get_data(as_text=True)


def test_expired_invitation_link_says_so(client, app, admin, make_organisation):
    days = app.config["INVITATION_MAX_AGE_DAYS"]
    long_ago = utcnow() - timedelta(days=days, hours=1)
    path = _invite_directly(admin, make_organisation(), now=long_ago)
    response = client.get(path)
    assert response.status_code == 410
    text = response.get_data(as_text=True)
    assert "abgelaufen" in text and "neue Einladung" in text


def test_expired_invitation_does_not_block_a_new_one(admin, make_organisation, mail_outbox):
    organisation = make_organisation()
    _invite_directly(admin, organisation, now=utcnow() - timedelta(days=30))
    _invite_directly(admin, organisation)
    assert len(mail_outbox) == 2


@pytest.mark.parametrize("mangle", [
    lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),
    lambda t: "x" + t, lambda t: "kein-token", lambda t: "a" * 3000])
def test_tampered_invitation_link_is_refused(client, admin, make_organisation, mangle):
    path = _invite_directly(admin, make_organisation())
    token = path.rsplit("/", 1)[1]
    response = client.get(f"/konto/einladung/{mangle(token)}")
    assert response.status_code == 400
    assert "ungültig" in response.get_data(as_text=True)


def test_revoked_invitation_link_is_gone(client, submit, admin, make_organisation, db):
    path = _invite_directly(admin, make_organisation())
    invitation = db.session.query(Invitation).one()
    response = submit(f"/verwaltung/einladungen/{invitation.id}/widerrufen",
                      page="/verwaltung/nutzer")
    assert response.status_code == 302
    assert "widerrufen" in flashes(client.get("/verwaltung/nutzer").get_data(as_text=True))
    response = client.get(path)
    assert response.status_code == 410
    assert "zurückgezogen" in response.get_data(as_text=True)
    assert accept(client, path).status_code == 410


def test_address_with_an_account_or_open_invitation_is_refused(
        submit, admin, make_organisation, make_user, mail_outbox):
    organisation = make_organisation()
    existing = make_user(email="schon.da@example.org")
    response = invite_form(submit, organisation, email="Schon.Da@example.org")
    assert response.status_code == 200
    assert "bereits ein Konto" in response.get_data(as_text=True)

    assert invite_form(submit, organisation).status_code == 302
    again = invite_form(submit, organisation)
    assert again.status_code == 200
    assert "offene Einladung" in again.get_data(as_text=True)
    assert len(mail_outbox) == 1
    assert existing.email == "schon.da@example.org"


def test_revoking_lets_the_admin_invite_again(client, submit, admin, make_organisation,
                                              mail_outbox, db):
    organisation = make_organisation()
    assert invite_form(submit, organisation).status_code == 302
    first_path = link_path(mail_outbox[0])
    invitation = db.session.query(Invitation).one()
    submit(f"/verwaltung/einladungen/{invitation.id}/widerrufen", page="/verwaltung/nutzer")
    assert invite_form(submit, organisation).status_code == 302
    assert len(mail_outbox) == 2
    assert client.get(first_path).status_code == 410
    assert client.get(link_path(mail_outbox[1])).status_code == 200


def test_revoking_twice_says_it_was_already_done(client, submit, admin, make_organisation, db):
    _invite_directly(admin, make_organisation())
    invitation = db.session.query(Invitation).one()
    url = f"/verwaltung/einladungen/{invitation.id}/widerrufen"
    submit(url, page="/verwaltung/nutzer")
    submit(url, page="/verwaltung/nutzer")
    assert "schon angenommen oder widerrufen" in flashes(
        client.get("/verwaltung/nutzer").get_data(as_text=True))


def test_open_invitations_are_listed_for_the_admin(client, admin, make_organisation):
    _invite_directly(admin, make_organisation())
    page = client.get("/verwaltung/nutzer").get_data(as_text=True)
    assert "Offene Einladungen" in page and "person@example.org" in page and "Widerrufen" in page


def test_inactive_organisation_cannot_be_chosen(submit, admin, make_organisation):
    closed = make_organisation("Geschlossen", active=False)
    response = invite_form(submit, closed)
    assert response.status_code == 200
    assert "Bitte wählen Sie einen Eintrag aus der Liste." in response.get_data(as_text=True)


def test_invitation_to_a_partner_organisation(client, admin, make_organisation, db):
    partner = make_organisation("IHK Frankfurt", district_ags=None, kind=OrganisationKind.PARTNER)
    path = _invite_directly(admin, partner)
    assert accept(client, path).status_code == 302
    user = db.session.query(User).filter_by(email="person@example.org").one()
    assert user.organisation == partner


def test_mail_server_failure_is_reported_and_saves_nothing(app, submit, admin, make_organisation,
                                                           monkeypatch, db):
    def refuse(message):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(app.extensions["jobnet_mail"], "send", refuse)
    response = invite_form(submit, make_organisation())
    assert response.status_code == 200
    assert "konnte nicht verschickt werden" in flashes(response.get_data(as_text=True))
    assert db.session.query(Invitation).count() == 0
