"""Issue 12's bad input over HTTP, beyond the form checks in test_views.py: dates decades away,
a co-organiser whose organisation is gone, a cancelled fair edited again, garbage in the URLs
of the calendar pages and a fair's own file. A clear 4xx, nothing lost, never a 500."""

from __future__ import annotations

import html

import pytest

from jobnet.accounts.models import Role
from jobnet.posts.models import JobFair, Kind, PostChange, Status
from tests.fairs.test_views import _fair_form, announced, partners  # noqa: F401  (fixtures)
from tests.posts.conftest import field_errors


@pytest.mark.parametrize("starts, message", [
    ("2090-05-05T10:00", "mehr als 5 Jahre"),
    ("9999-12-31T10:00", "Datum"),
    ("0001-01-01T10:00", "Datum"),
    ("1970-01-01T10:00", "vorbei"),
])
def test_dates_decades_away_are_refused(starts, message, client, db, login_as, submit):
    login_as(Role.ORGANISER)
    ends = starts[:11] + "16:00"
    response = submit("/beitraege/neu/fair", _fair_form(
        [], starts_at=starts, ends_at=ends, registration_deadline="",
        visitor_registration_deadline=""))
    assert response.status_code == 422
    errors = html.unescape(" ".join(field_errors(response.get_data(as_text=True))))
    assert message in errors, errors
    assert db.session.query(JobFair).count() == 0


def test_a_move_decades_away_is_refused(announced, client, partners, relogin, submit, db):  # noqa: F811
    relogin(partners[0])
    response = submit(f"/beitraege/{announced.id}/verschieben", {
        "starts_at": "2077-06-01T10:00", "ends_at": "2077-06-01T16:00", "note": ""})
    assert response.status_code == 422
    assert "mehr als 5 Jahre" in html.unescape(response.get_data(as_text=True))
    db.session.refresh(announced)
    assert announced.state == "scheduled" and announced.starts_at.year < 2077


def test_a_cancelled_fair_refuses_every_change_and_keeps_its_reason(
        announced, client, partners, relogin, submit, db):  # noqa: F811
    relogin(partners[0])
    base = f"/beitraege/{announced.id}"
    assert submit(f"{base}/absagen", {"reason": "Halle gesperrt"}).status_code == 302
    before = db.session.query(PostChange).count()
    form = {**_fair_form([p.organisation_id for p in partners]), "venue": "Anderswo",
            "save": "1"}
    token_page = f"{base}/verlauf"  # the edit page itself answers 409: take a token elsewhere
    for url, data in ((f"{base}/bearbeiten", form),
                      (f"{base}/verschieben", {"starts_at": "2027-01-01T10:00",
                                               "ends_at": "2027-01-01T16:00"}),
                      (f"{base}/absagen", {"reason": "Noch einmal"})):
        response = submit(url, data, page=token_page)
        assert response.status_code == 409, (url, response.status_code)
        assert "abgesagt" in html.unescape(response.get_data(as_text=True))
    db.session.refresh(announced)
    assert (announced.state, announced.cancel_reason) == ("cancelled", "Halle gesperrt")
    assert announced.venue != "Anderswo"
    assert db.session.query(PostChange).count() == before


def test_a_co_organiser_gone_leaves_the_fair_whole(announced, client, partners, relogin,  # noqa: F811
                                                  submit, db):
    gone = partners[1].organisation
    gone.active = False  # organisations are deactivated, never deleted (accounts/administration)
    db.session.commit()
    base = f"/beitraege/{announced.id}"
    page = html.unescape(client.get(base).get_data(as_text=True))
    assert gone.name in page  # still named where it was
    for url in ("/jobboersen/", f"/jobboersen/?organisation={gone.id}", "/jobboersen/archiv",
                "/jobboersen/kalender.ics", f"/jobboersen/kalender.ics?organisation={gone.id}",
                f"{base}/kalender.ics"):
        assert client.get(url).status_code == 200, url
    relogin(partners[0])  # the remaining co-organiser still edits, the gone one stays listed
    response = submit(f"{base}/bearbeiten",
                      {**_fair_form([p.organisation_id for p in partners]), "save": "1",
                       "audience": "Alle Interessierten"})
    assert response.status_code == 302, field_errors(response.get_data(as_text=True))
    db.session.refresh(announced)
    assert {row.organisation_id for row in announced.co_organiser_rows} == {
        p.organisation_id for p in partners}


@pytest.mark.parametrize("url", [
    "/jobboersen/?district=99999&organisation=abc&target_group=%00&ansicht=<script>",
    "/jobboersen/?page=-3", "/jobboersen/archiv?page=abc", "/jobboersen/archiv?page=-1",
    "/jobboersen/archiv?page=99999999999999999999", "/jobboersen/archiv?district=" + "9" * 3000,
])
def test_garbage_on_the_calendar_pages_is_dropped(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "<script>" not in response.get_data(as_text=True).split("<main", 1)[1]


@pytest.mark.parametrize("url, status", [
    ("/beitraege/999999/kalender.ics", 404), ("/beitraege/abc/kalender.ics", 404),
    ("/beitraege/99999999999999999999/kalender.ics", 404), ("/beitraege/-1/kalender.ics", 404),
])
def test_a_fairs_own_file_for_nothing_is_a_404(client, url, status):
    assert client.get(url).status_code == status


def test_a_draft_fairs_file_is_not_shown_to_visitors(client, make_post):
    draft = make_post(Kind.FAIR, status=Status.DRAFT)
    assert client.get(f"/beitraege/{draft.id}/kalender.ics").status_code == 404
