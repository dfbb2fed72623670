"""Admin pages: who may see them, organisations, users."""

from __future__ import annotations

import pytest

from jobnet.accounts.models import Organisation, OrganisationKind, Role
from tests.accounts.conftest import flashes
from tests.conftest import csrf_token_from

ADMIN_PAGES = ["/verwaltung/", "/verwaltung/nutzer", "/verwaltung/organisationen",
               "/verwaltung/organisationen/neu", "/verwaltung/einladen"]


def org_data(**changes) -> dict:
    return {"name": "Kreis Fulda – Jobcenter", "kind": OrganisationKind.JOB_CENTRE,
            "district_ags": "06631", "email": "info@jobcenter-fulda.example.org",
            "website": "https://www.jobcenter-fulda.de", "active": "y", **changes}


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.ORGANISER, Role.MODERATOR])
def test_admin_pages_are_forbidden_for_other_roles(client, login_as, make_user, role):
    login_as(role)
    other = make_user()
    for url in [*ADMIN_PAGES, f"/verwaltung/nutzer/{other.id}",
                f"/verwaltung/organisationen/{other.organisation_id}"]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Keine Berechtigung" in response.get_data(as_text=True)
    token = csrf_token_from(client.get("/konto/").get_data(as_text=True))
    response = client.post("/verwaltung/einladungen/1/widerrufen", data={"csrf_token": token})
    assert response.status_code == 403


def test_admin_pages_send_anonymous_visitors_to_login(client):
    for url in ADMIN_PAGES:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith("/konto/anmelden")


def test_admin_sees_the_admin_navigation_and_pages(client, login_as):
    admin = login_as(Role.ADMIN)
    for url in ADMIN_PAGES[1:]:
        assert client.get(url).status_code == 200, url
    page = client.get("/verwaltung/nutzer").get_data(as_text=True)
    assert admin.email in page and "Administrator*in" in page


def test_create_organisation(client, submit, login_as, db):
    login_as(Role.ADMIN)
    response = submit("/verwaltung/organisationen/neu", org_data(), follow_redirects=True)
    assert "Die Organisation wurde angelegt." in flashes(response.get_data(as_text=True))
    organisation = db.session.query(Organisation).filter_by(name="Kreis Fulda – Jobcenter").one()
    assert organisation.district_ags == "06631" and organisation.active
    page = client.get("/verwaltung/organisationen").get_data(as_text=True)
    assert "Kreis Fulda – Jobcenter" in page and "Fulda" in page and "Kommunales Jobcenter" in page


def test_partner_may_have_no_district_but_a_job_centre_must(submit, login_as, db):
    login_as(Role.ADMIN)
    response = submit("/verwaltung/organisationen/neu", org_data(district_ags=""))
    assert response.status_code == 200
    assert "braucht seinen Kreis" in response.get_data(as_text=True)
    partner = org_data(name="IHK Kassel-Marburg", kind=OrganisationKind.PARTNER, district_ags="")
    assert submit("/verwaltung/organisationen/neu", partner).status_code == 302
    saved = db.session.query(Organisation).filter_by(name="IHK Kassel-Marburg").one()
    assert saved.district_ags is None


@pytest.mark.parametrize("field, value, message", [
    ("name", "", "Bitte füllen Sie dieses Feld aus."),
    ("name", "x" * 201, "höchstens 200 Zeichen"),
    ("kind", "behoerde", "Bitte wählen Sie einen Eintrag aus der Liste."),
    ("district_ags", "99999", "Bitte wählen Sie einen Eintrag aus der Liste."),
    ("email", "keine-adresse", "gültige E-Mail-Adresse"),
    ("website", "javascript:alert(1)", "http:// oder https://"),
    ("website", "ftp://example.org", "http:// oder https://"),
    ("website", "www.example.org", "http:// oder https://"),
    ("website", "http://[::1", "http:// oder https://"),
    ("website", "https://", "http:// oder https://"),
])
def test_organisation_form_explains_bad_input(submit, login_as, db, field, value, message):
    login_as(Role.ADMIN)
    count = db.session.query(Organisation).count()
    response = submit("/verwaltung/organisationen/neu", org_data(**{field: value}))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.query(Organisation).count() == count


def test_organisation_names_are_unique(submit, login_as, make_organisation):
    make_organisation("Jobcenter Hochtaunus")
    login_as(Role.ADMIN)
    response = submit("/verwaltung/organisationen/neu", org_data(name="jobcenter hochtaunus"))
    assert response.status_code == 200
    assert "gibt es bereits" in response.get_data(as_text=True)


def test_edit_organisation(submit, login_as, make_organisation, db):
    login_as(Role.ADMIN)
    organisation = make_organisation("Jobcenter Alt")
    other = make_organisation("Jobcenter Anders")
    url = f"/verwaltung/organisationen/{organisation.id}"
    duplicate = submit(url, org_data(name="Jobcenter Anders"))
    assert "gibt es bereits" in duplicate.get_data(as_text=True)
    assert submit(url, org_data(name="Jobcenter Neu", active="")).status_code == 302
    db.session.refresh(organisation)
    assert organisation.name == "Jobcenter Neu" and not organisation.active
    assert other.name == "Jobcenter Anders"


def test_admin_cannot_deactivate_their_own_organisation(submit, login_as, db):
    admin = login_as(Role.ADMIN)
    url = f"/verwaltung/organisationen/{admin.organisation_id}"
    response = submit(url, org_data(name=admin.organisation.name, active=""))
    assert response.status_code == 200
    assert "eigene Organisation" in response.get_data(as_text=True)
    db.session.refresh(admin.organisation)
    assert admin.organisation.active


def test_change_a_users_role_and_organisation(client, submit, login_as, make_user,
                                              make_organisation, db):
    login_as(Role.ADMIN)
    user = make_user(Role.COORDINATOR)
    target = make_organisation("Jobcenter Wiesbaden", district_ags="06414")
    response = submit(f"/verwaltung/nutzer/{user.id}",
                      {"role": Role.MODERATOR, "organisation_id": str(target.id), "active": "y"})
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.role == Role.MODERATOR and user.organisation == target and user.active
    page = client.get("/verwaltung/nutzer").get_data(as_text=True)
    assert "Moderator*in" in page and "Jobcenter Wiesbaden" in page


def test_deactivated_user_cannot_sign_in_any_more(client, submit, login_as, make_user, db):
    login_as(Role.ADMIN)
    user = make_user()
    submit(f"/verwaltung/nutzer/{user.id}",
           {"role": user.role, "organisation_id": str(user.organisation_id), "active": ""})
    db.session.refresh(user)
    assert not user.active
    assert "deaktiviert" in client.get("/verwaltung/nutzer").get_data(as_text=True)


@pytest.mark.parametrize("change, message", [
    ({"role": Role.MODERATOR}, "nicht selbst die Administrationsrolle"),
    ({"active": ""}, "eigenes Konto nicht deaktivieren"),
])
def test_admin_cannot_demote_or_deactivate_themselves(submit, login_as, db, change, message):
    admin = login_as(Role.ADMIN)
    data = {"role": Role.ADMIN, "organisation_id": str(admin.organisation_id), "active": "y",
            **change}
    response = submit(f"/verwaltung/nutzer/{admin.id}", data)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    db.session.refresh(admin)
    assert admin.role == Role.ADMIN and admin.active


def test_user_cannot_be_moved_into_an_inactive_organisation(submit, login_as, make_user,
                                                             make_organisation, db):
    login_as(Role.ADMIN)
    user = make_user()
    closed = make_organisation("Geschlossen", active=False)
    response = submit(f"/verwaltung/nutzer/{user.id}",
                      {"role": user.role, "organisation_id": str(closed.id), "active": "y"})
    assert response.status_code == 200
    db.session.refresh(user)
    assert user.organisation_id != closed.id


@pytest.mark.parametrize("url", ["/verwaltung/nutzer/999999", "/verwaltung/nutzer/abc",
                                 "/verwaltung/nutzer/-1", "/verwaltung/nutzer/99999999999999999999",
                                 "/verwaltung/organisationen/999999",
                                 "/verwaltung/organisationen/1e3",
                                 "/verwaltung/organisationen/4294967296"])
def test_unknown_ids_are_404(client, login_as, url):
    login_as(Role.ADMIN)
    assert client.get(url).status_code == 404


def test_revoking_an_unknown_invitation_is_404(client, submit, login_as):
    login_as(Role.ADMIN)
    assert submit("/verwaltung/einladungen/424242/widerrufen",
                  page="/verwaltung/nutzer").status_code == 404


def test_role_labels_are_german(client, login_as, make_user):
    login_as(Role.ADMIN)
    for role in (Role.COORDINATOR, Role.ORGANISER, Role.MODERATOR):
        make_user(role)
    page = client.get("/verwaltung/nutzer").get_data(as_text=True)
    for label in ("Koordinator*in", "Veranstalter*in", "Moderator*in", "Administrator*in"):
        assert label in page
