"""Ugly input into every accounts and admin form: a 4xx or the form again with a message, no 500."""

from __future__ import annotations

import pytest
from flask import current_app

from jobnet.accounts import invitations, services
from jobnet.accounts.models import Role
from jobnet.clock import utcnow
from tests.conftest import TEST_PASSWORD, csrf_token_from

MISSING = object()  # the field is left out of the request altogether
SCRIPT = "<script>alert(1)</script>"
UGLY = [MISSING, "", "   ", "x" * 10_000, SCRIPT, "${7*7}", "{{7*7}}", "`id`",
        "a@b.de\r\nBcc: x@y.de", "abc", "-1", "0", "99999999999999999999", "1.5", "\x00",
        "ä" * 300, "🙂", "' OR 1=1 --", "http://[::1", "javascript:alert(1)"]
GOOD_PASSWORD = "Ein-gutes-Passwort-2026"

# form -> (URL pattern, a valid-looking submission the ugly value is put into)
FORMS = {
    "login": ("/konto/anmelden", {"email": "{user_email}", "password": "falsch-falsch-12",
                                  "next": "/konto/"}),
    "request_reset": ("/konto/passwort-vergessen", {"email": "{user_email}"}),
    "accept_invitation": ("/konto/einladung/{invitation_token}",
                          {"password": GOOD_PASSWORD, "confirm": "Anders-als-das-erste-1"}),
    "reset_password": ("/konto/passwort-neu/{reset_token}",
                       {"password": GOOD_PASSWORD, "confirm": "Anders-als-das-erste-1"}),
    "profile": ("/konto/", {"current_password": "falsch-falsch-12", "password": GOOD_PASSWORD,
                            "confirm": GOOD_PASSWORD}),
    "invite": ("/verwaltung/einladen", {"email": "neu@example.org", "name": "Neu",
                                        "role": "coordinator", "organisation_id": "{org_id}"}),
    "organisation_new": ("/verwaltung/organisationen/neu",
                         {"name": "Neue Organisation", "kind": "partner", "district_ags": "",
                          "email": "", "website": "", "active": "y"}),
    "organisation_edit": ("/verwaltung/organisationen/{org_id}",
                          {"name": "Jobcenter Vogelsberg", "kind": "job_centre",
                           "district_ags": "06535", "email": "", "website": "", "active": "y"}),
    "user_edit": ("/verwaltung/nutzer/{user_id}",
                  {"role": "organiser", "organisation_id": "{org_id}", "active": "y"}),
}
CASES = [(form, field) for form, (_, data) in FORMS.items() for field in data]


@pytest.fixture()
def scene(app, login_as, make_user, make_organisation) -> dict:
    """A signed-in admin, another user, an organisation and live invitation and reset links."""
    admin = login_as(Role.ADMIN)
    organisation = make_organisation("Jobcenter Vogelsberg", district_ags="06535")
    user = make_user(Role.COORDINATOR, organisation=organisation, email="nutzer@example.org")
    tokens = []
    with current_app.test_request_context():
        invitations.invite(admin, email="eingeladen@example.org", name="Eingeladen",
                           role=Role.COORDINATOR, organisation_id=organisation.id, now=utcnow(),
                           link_for=tokens.append)
        services.request_password_reset(user.email, client="192.0.2.1", now=utcnow(),
                                        link_for=tokens.append)
    return {"user_email": user.email, "user_id": user.id, "org_id": organisation.id,
            "invitation_token": tokens[0], "reset_token": tokens[1]}


def _fill(template: str, scene: dict) -> str:
    return template.format(**scene)


@pytest.mark.parametrize("form, field", CASES, ids=[f"{f}-{n}" for f, n in CASES])
def test_ugly_values_never_crash_and_come_back_escaped(client, scene, form, field):
    url_pattern, baseline = FORMS[form]
    url = _fill(url_pattern, scene)
    if form == "login":  # a signed-in admin would be sent on from the login page
        client.post("/konto/abmelden", data={
            "csrf_token": csrf_token_from(client.get("/konto/").get_data(as_text=True))})
    for value in UGLY:
        data = {name: _fill(v, scene) for name, v in baseline.items()}
        if value is MISSING:
            del data[field]
        else:
            data[field] = value
        data["csrf_token"] = csrf_token_from(client.get(url).get_data(as_text=True))
        response = client.post(url, data=data)
        label = f"{form}.{field}={value if value is MISSING else value[:40]!r}"
        assert response.status_code in (200, 302, 400, 404, 410, 429), label
        pages = [response.get_data(as_text=True)]
        if response.status_code == 302:
            pages.append(client.get(response.headers["Location"]).get_data(as_text=True))
        elif response.status_code == 200:
            assert 'class="error"' in pages[0] or "flash-error" in pages[0], label
        for page in pages:
            assert SCRIPT not in page, label


def test_script_in_a_name_is_shown_escaped(client, scene, submit, db):
    submit("/verwaltung/einladen", {"email": "skript@example.org", "name": SCRIPT,
                                    "role": "coordinator", "organisation_id": scene["org_id"]})
    page = client.get("/verwaltung/nutzer").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and SCRIPT not in page


@pytest.mark.parametrize("path", ["/konto/einladung/%00", "/konto/einladung/..%2F..",
                                  "/konto/einladung/" + "A" * 5000, "/konto/passwort-neu/%0d%0a",
                                  "/konto/passwort-neu/eyJhbGciOiJub25lIn0", "/konto/einladung/🙂"])
def test_garbage_links_are_4xx(client, path):
    response = client.get(path)
    assert 400 <= response.status_code < 500


@pytest.mark.parametrize("path", ["/verwaltung/einladungen/abc/widerrufen",
                                  "/verwaltung/einladungen/-5/widerrufen",
                                  "/verwaltung/einladungen/99999999999999999999/widerrufen",
                                  "/verwaltung/einladungen/0/widerrufen"])
def test_revoke_with_ugly_ids_is_404(client, scene, path):
    token = csrf_token_from(client.get("/verwaltung/nutzer").get_data(as_text=True))
    assert client.post(path, data={"csrf_token": token}).status_code == 404


def test_login_still_works_after_all_that(client, submit, make_user):
    user = make_user()
    assert submit("/konto/anmelden", {"email": user.email, "password": TEST_PASSWORD}
                  ).status_code == 302
