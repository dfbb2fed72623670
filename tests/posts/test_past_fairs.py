"""Job fairs and time: a fair that is over is "vergangen", hidden by default, archived later,
and never published."""

from __future__ import annotations

import html
from datetime import datetime, timedelta

import pytest

from jobnet.accounts.models import Role
from jobnet.clock import to_local, utcnow
from jobnet.fairs.rules import FairInputError
from jobnet.posts import services
from jobnet.posts.models import Kind, Post, Status
from tests.posts.conftest import NOW, field_errors, form_data, post_data

HOUR, DAY = timedelta(hours=1), timedelta(days=1)


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


@pytest.fixture()
def fairs(db, make_post):
    """A fair that ended three days ago (published before it), and one next week, by the real
    clock: the pages and JSON endpoints read the real clock."""
    now = utcnow()
    past = make_post(Kind.FAIR, title="Karrieretag im darmstadtium", now=now - 40 * DAY,
                     starts_at=now - 3 * DAY, ends_at=now - 3 * DAY + 6 * HOUR, valid_until=None)
    coming = make_post(Kind.FAIR, title="Jobbörse Wächtersbach", now=now - DAY,
                       starts_at=now + 7 * DAY, ends_at=now + 7 * DAY + 6 * HOUR)
    return past, coming


def test_a_past_fair_is_not_on_the_default_map_list_or_counts_but_shown_with_the_filter(
        client, fairs):
    past, coming = fairs
    assert client.get("/karte/daten.json").get_json()["id"] == [coming.id]
    assert sorted(client.get("/karte/daten.json?past=y").get_json()["id"]) == sorted(
        [past.id, coming.id])
    assert past.id in client.get("/karte/daten.json?past=1").get_json()["id"]  # any true value
    assert client.get("/karte/kreise.json").get_json()["06632"]["kinds"]["fair"] == 1
    assert client.get("/karte/kreise.json?past=y").get_json()["06632"]["kinds"]["fair"] == 2

    for url in ("/beitraege/", "/karte/liste", "/"):
        default, with_past = text(client.get(url)), text(client.get(f"{url}?past=y"))
        assert "Jobbörse Wächtersbach" in default and "Karrieretag" not in default, url
        assert "Karrieretag im darmstadtium" in with_past, url
        # The mark sits in the past fair's entry only.
        entry = with_past.split("Karrieretag im darmstadtium", 1)[1].split("</li>", 1)[0]
        assert '<span class="badge past">vergangen</span>' in entry, url
        assert with_past.count('class="badge past"') == 1, url
    # The filter panel offers it, and pagination keeps it.
    assert 'name="past"' in text(client.get("/beitraege/"))


def test_a_past_fair_says_so_on_its_page_and_in_its_popup(client, fairs):
    past, coming = fairs
    detail = text(client.get(f"/beitraege/{past.id}"))
    assert "vergangen" in detail and "hat bereits stattgefunden" in detail
    assert "hat bereits stattgefunden" not in text(client.get(f"/beitraege/{coming.id}"))

    popup = client.get(f"/karte/beitrag/{past.id}.json").get_json()
    assert popup["past"] is True
    assert popup["facts"][0] == {"name": "past", "label": "Status", "text": "vergangen"}
    assert client.get(f"/karte/beitrag/{coming.id}.json").get_json()["past"] is False


def test_fairs_are_archived_the_configured_time_after_their_end_with_or_without_valid_until(
        db, make_post):
    ended = NOW - 10 * DAY
    fair = make_post(Kind.FAIR, title="Ohne gültig bis", now=NOW - 60 * DAY, valid_until=None,
                     starts_at=ended - 5 * HOUR, ends_at=ended)
    running = make_post(Kind.FAIR, title="Läuft noch", now=NOW - 60 * DAY,
                        starts_at=NOW - HOUR, ends_at=NOW + 5 * HOUR)
    settlement = make_post(Kind.SETTLEMENT, valid_until=None, now=NOW - 400 * DAY)

    def archive(at, days=14):
        return services.archive_expired_posts(at, fair_archive_after=timedelta(days=days))

    assert archive(NOW) == 0  # over for ten days: "vergangen", still published
    assert fair.status == Status.PUBLISHED and services.is_past_fair(fair, NOW)
    assert archive(ended + 14 * DAY - timedelta(minutes=1)) == 0
    assert archive(ended + 14 * DAY + timedelta(minutes=1)) == 1
    assert fair.status == Status.ARCHIVED
    assert max(fair.changes, key=lambda c: c.id).action == "fair_ended"
    assert (running.status, settlement.status) == (Status.PUBLISHED, Status.PUBLISHED)
    assert archive(NOW + 400 * DAY, days=0) == 1  # the running one, once it is over too


def test_fair_archive_after_refuses_a_bad_setting():
    assert services.fair_archive_after({"FAIR_ARCHIVE_AFTER_DAYS": 30}) == timedelta(days=30)
    for bad in (-1, "30", 1.5, True, None):
        with pytest.raises(Exception, match="FAIR_ARCHIVE_AFTER_DAYS"):
            services.fair_archive_after({"FAIR_ARCHIVE_AFTER_DAYS": bad})


def test_services_never_publish_a_fair_that_is_over(db, make_user, make_post):
    author = make_user(Role.ORGANISER)
    over = post_data(Kind.FAIR, starts_at=NOW - 3 * DAY, ends_at=NOW - 3 * DAY + 5 * HOUR)
    with pytest.raises(FairInputError) as refused:
        services.create_post(Kind.FAIR, over, author=author, now=NOW, publish=True)
    [(field, message)] = refused.value.problems
    assert field == "ends_at" and "vergangen" in str(message).lower()
    assert db.session.scalar(db.select(db.func.count(Post.id))) == 0

    draft = services.create_post(Kind.FAIR, over, author=author, now=NOW)  # a draft may be
    assert draft.status == Status.DRAFT
    with pytest.raises(services.PostStateError):
        services.publish_post(draft, user=author, now=NOW)
    with pytest.raises(FairInputError):
        services.update_post(draft, {"title": "Neuer Titel"}, user=author, now=NOW, publish=True)
    assert draft.status == Status.DRAFT
    # A fair that is running is not over yet; moved into the future it may be published.
    services.update_post(draft, {"ends_at": NOW + HOUR}, user=author, now=NOW, publish=True)
    assert draft.status == Status.PUBLISHED

    archived = make_post(Kind.FAIR, status=Status.ARCHIVED, now=NOW - 30 * DAY,
                         starts_at=NOW - 20 * DAY, ends_at=NOW - 20 * DAY + HOUR)
    with pytest.raises(services.PostStateError):
        services.republish_post(archived, user=archived.author, now=NOW)
    assert archived.status == Status.ARCHIVED


def _local(instant: datetime) -> str:
    return to_local(instant).strftime("%Y-%m-%dT%H:%M")


def past_form(title: str = "Jobbörse von letztem Jahr") -> dict:
    start = utcnow() - 365 * DAY
    return form_data(Kind.FAIR, title=title, starts_at=_local(start),
                     ends_at=_local(start + 6 * HOUR), valid_until="",
                     registration_deadline=(to_local(start) - 7 * DAY).date().isoformat())


def test_publishing_a_past_fair_through_the_form_is_refused_with_the_input_kept(
        client, db, login_as, submit):
    login_as(Role.ORGANISER)
    response = submit("/beitraege/neu/fair", {**past_form(), "publish": "Veröffentlichen"})

    assert response.status_code == 422
    page = text(response)
    assert any("kann nicht veröffentlicht werden" in error for error in field_errors(page))
    assert 'value="Jobbörse von letztem Jahr"' in page and "Stadthalle Gelnhausen" in page
    assert db.session.scalar(db.select(db.func.count(Post.id))) == 0


def test_a_past_fair_saved_as_draft_is_kept_with_a_warning(client, db, login_as, submit):
    login_as(Role.ORGANISER)
    response = submit("/beitraege/neu/fair", {**past_form(), "save_draft": "1"},
                      follow_redirects=True)
    assert response.status_code == 200
    assert 'class="flash flash-warning"' in text(response)
    assert "in der Vergangenheit" in text(response)
    draft = db.session.scalars(db.select(Post)).one()
    assert draft.status == Status.DRAFT

    edit = f"/beitraege/{draft.id}/bearbeiten"
    refused = submit(edit, {**past_form("Neuer Titel"), "publish": "1"})
    assert refused.status_code == 422 and 'value="Neuer Titel"' in text(refused)
    db.session.expire_all()
    assert db.session.get(Post, draft.id).status == Status.DRAFT

    # The publish button on the page says why, without an error page.
    shown = submit(f"/beitraege/{draft.id}/veroeffentlichen", page=f"/beitraege/{draft.id}",
                   follow_redirects=True)
    assert shown.status_code == 200 and "schon vorbei" in text(shown)
    db.session.expire_all()
    assert db.session.get(Post, draft.id).status == Status.DRAFT


def test_a_fair_in_the_future_is_published_without_a_warning(client, db, login_as, submit):
    login_as(Role.ORGANISER)
    response = submit("/beitraege/neu/fair", {**form_data(Kind.FAIR), "publish": "1"},
                      follow_redirects=True)
    assert response.status_code == 200 and "flash-warning" not in text(response)
    assert db.session.scalars(db.select(Post)).one().status == Status.PUBLISHED


def test_the_demo_shows_the_behaviour_with_its_past_fairs(client, db, tmp_path):
    from jobnet.demo.loader import load_demo

    load_demo(now=utcnow(), instance_path=tmp_path)
    karrieretag = db.session.scalars(db.select(Post).where(
        Post.title == "Karrieretag im darmstadtium")).one()
    assert karrieretag.status == Status.PUBLISHED and services.is_past_fair(karrieretag, utcnow())
    assert karrieretag.id not in client.get("/karte/daten.json").get_json()["id"]
    assert karrieretag.id in client.get("/karte/daten.json?past=y").get_json()["id"]
    assert "Karrieretag im darmstadtium" not in text(client.get("/"))
    assert "vergangen" in text(client.get(f"/beitraege/{karrieretag.id}"))


def test_the_project_clock_decides_when_a_fair_is_over(client, db, make_user, monkeypatch):
    from jobnet import clock

    fair = services.create_post(Kind.FAIR, post_data(Kind.FAIR, title="Jobbörse am Mittag"),
                                author=make_user(Role.ORGANISER), now=NOW, publish=True)

    def ids_at(instant, query=""):
        monkeypatch.setattr(clock, "utcnow", lambda: instant)
        return client.get(f"/karte/daten.json{query}").get_json()["id"]

    assert ids_at(fair.ends_at - timedelta(minutes=1)) == [fair.id]
    assert 'class="badge past"' not in text(client.get("/beitraege/"))
    assert ids_at(fair.ends_at + timedelta(minutes=1)) == []  # same real minute, pinned clock
    assert ids_at(fair.ends_at + timedelta(minutes=1), "?past=y") == [fair.id]
    assert 'class="badge past"' in text(client.get("/beitraege/?past=y"))
