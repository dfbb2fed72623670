"""The post pages through HTTP: forms per kind, permissions as 403/404, moderation, history."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from jobnet.accounts.models import Role
from jobnet.posts.models import Kind, Post, Status
from tests.posts.conftest import KINDS, field_errors, form_data

BERLIN = ZoneInfo("Europe/Berlin")


def page(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def only_post(db) -> Post:
    return db.session.scalars(db.select(Post)).one()


@pytest.fixture()
def coordinator_of(make_organisation, make_user):
    """A coordinator and an organiser in one organisation, for tests that switch between them."""
    organisation = make_organisation("Kommunales Center für Arbeit", "06435")
    return {role: make_user(role, organisation=organisation)
            for role in (Role.COORDINATOR, Role.ORGANISER)}


@pytest.mark.parametrize("kind", KINDS)
def test_coordinator_creates_each_kind_through_the_form(kind, client, db, login_as, submit):
    user = login_as(Role.COORDINATOR)
    response = submit(f"/beitraege/neu/{kind}", {**form_data(kind), "publish": "Veröffentlichen"})

    assert response.status_code == 302, field_errors(response.get_data(as_text=True))
    post = only_post(db)
    assert response.location.endswith(f"/beitraege/{post.id}")
    assert (post.kind, post.status, post.organisation_id, post.author_id) == (
        kind, Status.PUBLISHED, user.organisation_id, user.id)
    assert (post.latitude, post.longitude) == (50.2019, 9.1866)
    assert post.links == ["https://example.org/a", "https://example.org/b"]

    detail = client.get(response.location).get_data(as_text=True)
    assert "Jobbörse im Main-Kinzig-Kreis" in detail
    assert "<strong>vielen</strong>" in detail  # Markdown rendered
    assert "Main-Kinzig-Kreis" in detail and user.organisation.name in detail
    assert user.name in detail and "erika.muster@example.org" in detail
    assert '<a href="https://example.org/a" rel="noopener noreferrer">' in detail
    expected = {"settlement": "Rechenzentrum Hanau GmbH", "programme": "Neues Berufsbild",
                "project": "Alleinerziehende", "fair": "Stadthalle Gelnhausen"}[kind]
    assert expected in detail


def test_fair_times_are_entered_in_german_time_and_stored_in_utc(client, db, login_as, submit):
    login_as(Role.ORGANISER)
    data = form_data(Kind.FAIR, starts_at="2026-12-10T10:00", ends_at="2026-12-10T16:30",
                     registration_deadline="01.12.2026", valid_until="")
    assert submit("/beitraege/neu/fair", data).status_code == 302
    fair = only_post(db)
    assert fair.starts_at == datetime(2026, 12, 10, 9, 0, tzinfo=UTC)  # CET = UTC+1
    assert fair.ends_at == datetime(2026, 12, 10, 15, 30, tzinfo=UTC)
    assert fair.registration_deadline == date(2026, 12, 1)
    assert fair.status == Status.DRAFT  # saved without pressing "publish"
    edit_page = client.get(f"/beitraege/{fair.id}/bearbeiten").get_data(as_text=True)
    assert 'value="2026-12-10T10:00"' in edit_page


def test_a_draft_is_only_seen_by_its_organisation_and_moderators(
        anonymous_get, client, db, login_as, relogin, submit, coordinator_of):
    login_as(coordinator_of[Role.COORDINATOR])
    submit("/beitraege/neu/settlement", {**form_data(Kind.SETTLEMENT), "save_draft": "1"})
    post = only_post(db)
    assert post.status == Status.DRAFT
    my_page = page(client.get("/beitraege/meine-organisation"))
    assert "Entwürfe (1)" in my_page and post.title in my_page
    assert post.title not in page(client.get("/beitraege/"))

    relogin(coordinator_of[Role.ORGANISER])
    assert client.get(f"/beitraege/{post.id}").status_code == 200
    assert client.get(f"/beitraege/{post.id}/bearbeiten").status_code == 403  # not a fair
    relogin(Role.MODERATOR)
    assert client.get(f"/beitraege/{post.id}").status_code == 200
    relogin(Role.COORDINATOR)  # another organisation
    for url in (f"/beitraege/{post.id}", f"/beitraege/{post.id}/bearbeiten",
                f"/beitraege/{post.id}/verlauf"):
        assert client.get(url).status_code == 404
    assert anonymous_get(f"/beitraege/{post.id}").status_code == 404


def test_organiser_may_only_post_job_fairs(client, db, login_as, submit):
    login_as(Role.ORGANISER)
    choose = page(client.get("/beitraege/neu")).split("<main", 1)[1]  # the offer, not the <head>
    assert "Jobbörse" in choose and "Firmenansiedlung" not in choose
    assert client.get("/beitraege/neu/fair").status_code == 200
    for kind in ("settlement", "programme", "project"):
        assert client.get(f"/beitraege/neu/{kind}").status_code == 403
        response = submit(f"/beitraege/neu/{kind}", form_data(kind), page="/beitraege/neu/fair")
        assert response.status_code == 403
    assert db.session.query(Post).count() == 0


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.ADMIN])
def test_moderators_and_admins_do_not_post(role, client, login_as):
    login_as(role)
    assert client.get("/beitraege/neu").status_code == 403
    assert client.get("/beitraege/neu/fair").status_code == 403
    assert client.get("/beitraege/meine-organisation").status_code == 403


def test_anonymous_visitors_are_sent_to_the_login(client, db, make_post):
    post = make_post(Kind.SETTLEMENT)
    for url in ("/beitraege/neu", "/beitraege/neu/fair", "/beitraege/meine-organisation",
                f"/beitraege/{post.id}/bearbeiten", f"/beitraege/{post.id}/verlauf",
                "/moderation/", f"/moderation/{post.id}/zurueckziehen"):
        response = client.get(url)
        assert response.status_code == 302 and "/konto/anmelden" in response.location, url
    assert client.post(f"/beitraege/{post.id}/archivieren").status_code in (302, 400)
    assert client.get(f"/beitraege/{post.id}").status_code == 200  # published posts are public
    assert db.session.get(Post, post.id).status == Status.PUBLISHED


def test_unknown_kinds_and_ids_give_404(client, login_as, relogin, submit):
    login_as(Role.COORDINATOR)
    assert client.get("/beitraege/neu/bakery").status_code == 404
    for url in ("/beitraege/999", "/beitraege/999/bearbeiten", "/beitraege/999/verlauf",
                "/beitraege/99999999999999999999", "/beitraege/abc", "/beitraege/-1"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Nicht gefunden" in page(response)
    for action in ("veroeffentlichen", "archivieren", "wieder-veroeffentlichen"):
        assert submit(f"/beitraege/999/{action}", page="/beitraege/").status_code == 404
    relogin(Role.MODERATOR)
    assert client.get("/moderation/999/zurueckziehen").status_code == 404


def test_another_organisation_may_not_edit_or_archive(client, db, login_as, submit, make_post):
    post = make_post(Kind.SETTLEMENT)
    login_as(Role.COORDINATOR)
    assert client.get(f"/beitraege/{post.id}/bearbeiten").status_code == 403
    response = submit(f"/beitraege/{post.id}/bearbeiten", form_data(Kind.SETTLEMENT),
                      page=f"/beitraege/{post.id}")
    assert response.status_code == 403 and "Keine Berechtigung" in page(response)
    archive = submit(f"/beitraege/{post.id}/archivieren", page=f"/beitraege/{post.id}")
    assert archive.status_code == 403
    assert client.get(f"/beitraege/{post.id}/verlauf").status_code == 403
    db.session.expire_all()
    post = db.session.get(Post, post.id)
    assert post.status == Status.PUBLISHED and post.title == "Logistikzentrum in Bad Hersfeld"
    assert "Bearbeiten" not in page(client.get(f"/beitraege/{post.id}"))


def test_edit_records_the_change_and_the_history_page_shows_it(client, db, login_as, submit,
                                                              make_post):
    post = make_post(Kind.SETTLEMENT)
    login_as(post.author)
    edit_page = page(client.get(f"/beitraege/{post.id}/bearbeiten"))
    assert 'value="Beispiel Logistik GmbH"' in edit_page and "Änderungen speichern" in edit_page
    data = form_data(Kind.SETTLEMENT, title=post.title, company="Beispiel Logistik SE",
                     jobs_expected="1200")
    response = submit(f"/beitraege/{post.id}/bearbeiten", {**data, "save": "1"})
    assert response.status_code == 302

    history = page(client.get(f"/beitraege/{post.id}/verlauf"))
    assert "bearbeitet" in history and "angelegt" in history and "veröffentlicht" in history
    assert "<th scope=\"row\">Unternehmen</th>" in history
    assert "<del>Beispiel Logistik GmbH</del>" in history
    assert "<ins>Beispiel Logistik SE</ins>" in history
    assert "<del>800</del>" in history and "<ins>1200</ins>" in history
    assert post.author.name in history


def test_publish_archive_and_republish_buttons(anonymous_get, client, db, login_as, submit,
                                               make_post):
    post = make_post(Kind.PROGRAMME, status=Status.DRAFT)
    login_as(post.author)
    detail_url = f"/beitraege/{post.id}"
    assert "Veröffentlichen" in page(client.get(detail_url))
    assert submit(f"{detail_url}/veroeffentlichen", page=detail_url).status_code == 302
    assert submit(f"{detail_url}/archivieren", page=detail_url).status_code == 302
    # Archiving twice is refused with a message, not an error page.
    response = submit(f"{detail_url}/archivieren", page=detail_url, follow_redirects=True)
    assert response.status_code == 200 and "nicht möglich" in page(response)

    archived = page(anonymous_get(detail_url))
    assert "Dieser Beitrag ist archiviert" in archived and "Bearbeiten" not in archived

    assert submit(f"{detail_url}/wieder-veroeffentlichen", page=detail_url).status_code == 302
    db.session.expire_all()
    assert db.session.get(Post, post.id).status == Status.PUBLISHED


def test_status_changes_need_the_csrf_token(client, db, login_as, make_post):
    post = make_post(Kind.SETTLEMENT)
    login_as(post.author)
    assert client.post(f"/beitraege/{post.id}/archivieren").status_code == 400
    assert client.get(f"/beitraege/{post.id}/archivieren").status_code == 405
    assert db.session.get(Post, post.id).status == Status.PUBLISHED


def test_moderator_unpublishes_with_a_reason_the_author_sees(client, db, login_as, relogin,
                                                            submit, make_post):
    post = make_post(Kind.FAIR, title="Jobbörse mit Fehlern")
    login_as(Role.MODERATOR)
    overview = page(client.get("/moderation/"))
    assert "Jobbörse mit Fehlern" in overview and "Zurückziehen" in overview
    url = f"/moderation/{post.id}/zurueckziehen"
    short = submit(url, {"reason": "Falsch"})
    assert short.status_code == 200 and field_errors(short.get_data(as_text=True))
    reason = "Die Telefonnummer gehört einer Privatperson. Bitte korrigieren."
    assert submit(url, {"reason": reason}).status_code == 302
    assert reason in page(client.get("/moderation/"))

    relogin(post.author)
    mine = page(client.get("/beitraege/meine-organisation"))
    assert "Von der Moderation zurückgezogen (1)" in mine and reason in mine
    assert reason in page(client.get(f"/beitraege/{post.id}"))
    assert reason in page(client.get(f"/beitraege/{post.id}/verlauf"))

    relogin(Role.COORDINATOR)  # other organisation: the post is gone for them
    assert client.get(f"/beitraege/{post.id}").status_code == 404
    assert post.title not in page(client.get("/beitraege/"))


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.ORGANISER])
def test_only_moderators_reach_the_moderation_pages(role, client, login_as, make_post):
    post = make_post(Kind.FAIR)
    login_as(role)
    assert client.get("/moderation/").status_code == 403
    assert client.get(f"/moderation/{post.id}/zurueckziehen").status_code == 403


def test_admin_moderates_too_but_not_a_draft(client, login_as, make_post):
    draft = make_post(Kind.FAIR, status=Status.DRAFT)
    login_as(Role.ADMIN)
    assert client.get("/moderation/").status_code == 200
    response = client.get(f"/moderation/{draft.id}/zurueckziehen", follow_redirects=True)
    assert response.status_code == 200 and "nicht möglich" in page(response)


def test_list_page_with_filters_counts_and_pagination(app, client, db, make_post, make_user,
                                                      monkeypatch):
    monkeypatch.setitem(app.config, "POSTS_PER_PAGE", 2)
    author = make_user(Role.COORDINATOR)
    for number in range(5):
        make_post(Kind.FAIR, author=author, title=f"Jobbörse Nummer {number}", is_example=True,
                  starts_at=datetime.now(UTC) + timedelta(days=number + 1),
                  ends_at=datetime.now(UTC) + timedelta(days=number + 1, hours=4))
    make_post(Kind.SETTLEMENT, author=author, title="Rechenzentrum")

    listing = page(client.get("/beitraege/?kind=fair&q=jobb%C3%B6rse"))
    assert "5 Beiträge gefunden" in listing and "Rechenzentrum" not in listing
    assert "layout-sidebar" in listing and "Beispiel" in listing
    # Page links keep the filters.
    links = re.findall(r'href="(/beitraege/\?page=[^"]+)"', listing)
    assert links and all("kind=fair" in link and "q=jobb%C3%B6rse" in link for link in links)
    upcoming = page(client.get("/beitraege/?upcoming=y&page=3"))
    assert "Jobbörse Nummer 4" in upcoming and "Jobbörse Nummer 0" not in upcoming

    invalid = page(client.get("/beitraege/?kind=bakery&date_from=2026-13-45&district=99999"))
    assert "wurden nicht berücksichtigt" in invalid and "6 Beiträge gefunden" in invalid


def test_markdown_and_text_are_sanitised_on_detail_and_list(client, db, make_post):
    post = make_post(Kind.SETTLEMENT, title="<script>alert(1)</script>",
                     summary="<img src=x onerror=alert(1)> Zusammenfassung",
                     body="Text <script>alert(2)</script> [klick](javascript:alert(3)) "
                          "<img src=x onerror=alert(4)> <a href=\"javascript:alert(5)\">x</a>",
                     links=["javascript:alert(6)"])
    for url in (f"/beitraege/{post.id}", "/beitraege/"):
        body = client.get(url).get_data(as_text=True)
        assert "<script>alert" not in body and "<img" not in body, url
        assert "javascript:" not in body.replace("javascript:alert(6)</li>", ""), url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
