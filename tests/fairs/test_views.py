"""Fairs over HTTP: announcing with co-organisers and exhibitor rows, moving, cancelling, refusals."""

from __future__ import annotations

import html
from datetime import date, timedelta

import pytest

from jobnet.accounts.models import Role
from jobnet.posts.models import JobFair, Kind, PostChange
from tests.posts.conftest import field_errors, form_data


def _fair_form(partner_ids, **overrides):
    return {**form_data(Kind.FAIR), "co_organiser_ids": [str(i) for i in partner_ids],
            "exhibitors-0-name": "Fraport AG", "exhibitors-0-sector": "Luftverkehr",
            "exhibitors-0-open_positions": "40 Stellen", "exhibitors-1-name": "",
            "exhibitors-2-name": "DB Cargo", "exhibitors-2-sector": "Logistik",
            "accessibility": ["step_free", "induction_loop"],
            "directions": "S-Bahn S8/S9 bis Frankfurt Flughafen Regionalbahnhof",
            "publish": "1", **overrides}


@pytest.fixture()
def partners(make_organisation, make_user):
    return [make_user(Role.ORGANISER, organisation=make_organisation(name))
            for name in ("IHK Frankfurt", "Agentur für Arbeit Frankfurt")]


@pytest.fixture()
def announced(client, db, login_as, submit, partners):
    login_as(Role.ORGANISER)
    ids = [p.organisation_id for p in partners]
    response = submit("/beitraege/neu/fair", _fair_form(ids))
    assert response.status_code == 302, field_errors(response.get_data(as_text=True))
    return db.session.query(JobFair).one()


def test_an_announced_fair_shows_co_organisers_exhibitors_access_and_directions(announced,
                                                                                client):
    page = html.unescape(client.get(f"/beitraege/{announced.id}").get_data(as_text=True))
    for text in ("Gemeinsam veranstaltet von", "IHK Frankfurt", "Agentur für Arbeit Frankfurt",
                 "Fraport AG", "40 Stellen", "DB Cargo", "Stufenloser Zugang",
                 "Induktive Höranlage", "S-Bahn S8/S9"):
        assert text in page, text
    assert [e.name for e in announced.exhibitors] == ["Fraport AG", "DB Cargo"]


def test_a_co_organiser_edits_a_stranger_gets_403(announced, client, partners, relogin, submit):
    relogin(partners[1])
    url = f"/beitraege/{announced.id}/bearbeiten"
    assert client.get(url).status_code == 200
    response = submit(url, {**_fair_form([p.organisation_id for p in partners]),
                            "venue": "Terminal 2", "save": "1"})
    assert response.status_code == 302
    assert client.get(f"/beitraege/{announced.id}/verlauf").status_code == 200
    relogin(Role.ORGANISER)
    assert client.get(url).status_code == 403
    assert client.get(f"/beitraege/{announced.id}/verschieben").status_code == 403
    assert client.get(f"/beitraege/{announced.id}/verlauf").status_code == 403


def test_more_exhibitor_rows_without_javascript(client, login_as, submit, partners, db):
    login_as(Role.ORGANISER)
    response = submit("/beitraege/neu/fair", _fair_form([], more_exhibitors="1", publish=""))
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'name="exhibitors-5-name"' in page
    assert 'value="Fraport AG"' in page and db.session.query(JobFair).count() == 0


def test_move_then_cancel_over_http(announced, client, partners, relogin, submit, db):
    relogin(partners[0])
    new_day = (date.today() + timedelta(days=37)).isoformat()
    response = submit(f"/beitraege/{announced.id}/verschieben", {
        "starts_at": f"{new_day}T10:00", "ends_at": f"{new_day}T16:00", "note": "Messehalle belegt"})
    assert response.status_code == 302
    page = html.unescape(client.get(f"/beitraege/{announced.id}").get_data(as_text=True))
    assert "Verschoben" in page and "Messehalle belegt" in page
    response = submit(f"/beitraege/{announced.id}/absagen", {"reason": ""})
    assert response.status_code == 422 and "Bitte füllen Sie" in response.get_data(as_text=True)
    response = submit(f"/beitraege/{announced.id}/absagen", {"reason": "Zu wenige Aussteller"})
    assert response.status_code == 302
    page = html.unescape(client.get(f"/beitraege/{announced.id}").get_data(as_text=True))
    assert "Abgesagt" in page and "Zu wenige Aussteller" in page
    # Edited again: a clear refusal, nothing changed.
    before = db.session.query(PostChange).count()
    refused = client.get(f"/beitraege/{announced.id}/bearbeiten")
    assert refused.status_code == 409
    assert "abgesagt und kann nicht mehr geändert werden" in html.unescape(refused.get_data(as_text=True))
    assert client.get(f"/beitraege/{announced.id}/verschieben").status_code == 409
    assert db.session.query(PostChange).count() == before


@pytest.mark.parametrize("changes, field, message", [
    ({"ends_at": "{soon}T09:00"}, "ends_at", "Ende muss nach dem Beginn"),
    ({"registration_deadline": "{after}"}, "registration_deadline", "nicht nach dem Beginn"),
    ({"visitor_registration_deadline": "{after}"}, "visitor_registration_deadline",
     "nicht nach dem letzten Tag"),
    ({"starts_at": "2040-05-05T10:00", "ends_at": "2040-05-05T16:00"}, "starts_at",
     "mehr als 5 Jahre"),
    ({"registration_url": "htp:/kaputt"}, "registration_url", "http://"),
    ({"visitor_registration_url": "javascript:alert(1)"}, "visitor_registration_url", "http://"),
    ({"exhibitors-1-sector": "Handel"}, "exhibitors", "Namen des Ausstellers"),
    ({"co_organiser_ids": ["999999"]}, "co_organiser_ids", "Einträge aus der Liste"),
    ({"all_day": "y", "ends_at": "{before}T18:00"}, "ends_at", "letzte Tag darf nicht vor"),
])
def test_bad_fair_input_is_refused_with_a_german_message(changes, field, message, client, db,
                                                         login_as, submit):
    login_as(Role.ORGANISER)
    soon = date.fromisoformat(form_data(Kind.FAIR)["starts_at"][:10])
    fill = {"soon": soon, "after": soon + timedelta(days=2), "before": soon - timedelta(days=1)}
    changes = {k: [v.format(**fill) for v in val] if isinstance(val, list) else val.format(**fill)
               for k, val in changes.items()}
    response = submit("/beitraege/neu/fair", _fair_form([], **changes))
    assert response.status_code == 422
    assert message in html.unescape(" ".join(field_errors(response.get_data(as_text=True))))
    assert db.session.query(JobFair).count() == 0


def test_the_fair_page_shows_registration_audience_and_fees(client, db, login_as, submit):
    login_as(Role.ORGANISER)
    soon = date.fromisoformat(form_data(Kind.FAIR)["starts_at"][:10])
    response = submit("/beitraege/neu/fair", _fair_form(
        [], visitor_registration_url="https://example.org/besucher",
        visitor_registration_deadline=soon.isoformat(), is_free="",
        fee_note="5 Euro, ermäßigt 2 Euro", exhibitors_expected="45"))
    assert response.status_code == 302, field_errors(response.get_data(as_text=True))
    fair = db.session.query(JobFair).one()
    page = html.unescape(client.get(f"/beitraege/{fair.id}").get_data(as_text=True))
    for text in ("Anmeldung für Aussteller", "https://example.org/anmeldung",
                 "Anmeldung für Besucher", "https://example.org/besucher",
                 "Anmeldeschluss für Aussteller", "Anmeldeschluss für Besucher",
                 "Alle Interessierten", "Geflüchtete", "kostenpflichtig", "5 Euro, ermäßigt",
                 "45"):
        assert text in page, text
