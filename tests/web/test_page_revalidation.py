"""Stale pages of posts revalidate on what they show: a change to one post renders again only the
pages that show it, and everything a visitor could see still shows at once (grace 0 in tests)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import text

from jobnet.clock import utcnow
from jobnet.extensions import db as _db
from jobnet.posts.models import Kind, Post, TargetGroup
from jobnet.posts.services import unpublish_post, update_post
from jobnet.web import page_cache

# Pages of the posts in Main-Kinzig (06435); the other post lies in Kassel (06611).
KINZIG_PAGES = ("/?district=06435", "/beitraege/?district=06435", "/beitraege/?q=Hanau",
                "/karte/daten.json?district=06435", "/karte/kreise.json?district=06435",
                "/karte/liste?district=06435")



@pytest.fixture(autouse=True)
def one_minute(monkeypatch):
    # Revalidation stays within the minute a page was rendered (test_page_cache.py covers the
    # next minute); hold it, so two requests never straddle a minute boundary.
    minute = page_cache._minute()
    monkeypatch.setattr(page_cache, "_minute", lambda: minute)


def served_stored(statements: list[str]) -> bool:
    """Only the content version and the page's fingerprint (with the filter panel's
    organisations) were read: nothing was rendered."""
    return all("content_version" in sql or "max(post.content_seq)" in sql
               or "ORDER BY organisation.name" in sql for sql in statements)


def results(html: str) -> str:
    """The list of posts on a list page (the filter panel names every target group)."""
    return re.search(r'<ul class="post-list">.*?</ul>', html, re.DOTALL).group(0)


def version() -> int:
    return _db.session.execute(text("SELECT number FROM content_version")).scalar()


def test_a_change_to_another_post_keeps_the_pages_that_do_not_show_it(
        db, client, make_post, statements):
    hanau = make_post(title="Rechenzentrum in Hanau", district_ags="06435")
    kassel = make_post(title="Logistikzentrum in Kassel", district_ags="06611")
    pages = {url: client.get(url).data for url in (*KINZIG_PAGES, f"/beitraege/{hanau.id}",
                                                   f"/karte/beitrag/{hanau.id}.json")}
    before = version()
    db.session.get(Post, kassel.id).title = "Logistikpark in Kassel"
    db.session.commit()
    assert version() > before  # the content did change
    for url, first in pages.items():
        statements.clear()
        answer = client.get(url)
        assert answer.status_code == 200, url
        if url.endswith(".json"):
            assert answer.data == first, url  # the same bytes: the same ETag, a 304 for browsers
        if url.startswith("/karte/daten.json"):
            continue  # built again from the points the process keeps (map/points.py): no fingerprint
        assert served_stored(statements), (url, statements)
    # The page that shows the changed post is rendered again at once.
    assert "Logistikpark in Kassel" in client.get("/beitraege/").get_data(as_text=True)


def test_a_change_to_a_post_a_page_shows_appears_at_once(db, client, make_post):
    hanau = make_post(title="Rechenzentrum in Hanau", district_ags="06435")
    for url in (*KINZIG_PAGES, f"/beitraege/{hanau.id}", f"/karte/beitrag/{hanau.id}.json"):
        assert "Hanau" in client.get(url).get_data(as_text=True) or "kreise" in url
    db.session.get(Post, hanau.id).title = "Serverpark Hanau"
    db.session.commit()
    for url in ("/?district=06435", "/beitraege/?district=06435", "/beitraege/?q=Hanau",
                "/karte/liste?district=06435", f"/beitraege/{hanau.id}",
                f"/karte/beitrag/{hanau.id}.json"):
        page = client.get(url).get_data(as_text=True)
        assert "Serverpark Hanau" in page and "Rechenzentrum" not in page, url


def test_posts_that_enter_or_leave_a_page_show_at_once(db, client, make_post, make_user):
    from jobnet.accounts.models import Role
    from jobnet.clock import utcnow

    make_post(title="Rechenzentrum in Hanau", district_ags="06435")
    counts = client.get("/karte/kreise.json?district=06435").get_json()
    listing = client.get("/beitraege/?district=06435").get_data(as_text=True)
    assert "Jobbörse in Gelnhausen" not in listing
    fair = make_post(Kind.FAIR, title="Jobbörse in Gelnhausen", district_ags="06435")
    assert "Jobbörse in Gelnhausen" in client.get(
        "/beitraege/?district=06435").get_data(as_text=True)
    assert client.get("/karte/kreise.json?district=06435").get_json() != counts
    unpublish_post(fair, moderator=make_user(Role.MODERATOR), reason="Bitte Quelle ergänzen.",
                   now=utcnow())
    assert "Jobbörse in Gelnhausen" not in client.get(
        "/beitraege/?district=06435").get_data(as_text=True)
    assert client.get("/karte/kreise.json?district=06435").get_json() == counts


def test_an_organisations_first_post_elsewhere_joins_the_filter_panel_at_once(
        db, client, make_post, make_organisation, make_user):
    from jobnet.accounts.models import Role

    make_post(title="Rechenzentrum in Hanau", district_ags="06435")
    newcomer = make_organisation("Jobcenter Kassel Stadt", district_ags="06611")
    author = make_user(Role.COORDINATOR, organisation=newcomer)  # before: accounts move `general`
    for url in ("/?district=06435", "/beitraege/?district=06435"):
        assert "Jobcenter Kassel Stadt" not in client.get(url).get_data(as_text=True)
    make_post(title="Logistikzentrum in Kassel", district_ags="06611", author=author)
    for url in ("/?district=06435", "/beitraege/?district=06435"):
        page = client.get(url).get_data(as_text=True)
        assert f'<option value="{newcomer.id}">Jobcenter Kassel Stadt</option>' in page, url
        assert "Logistikzentrum in Kassel" not in page, url  # the list itself did not change


def test_a_change_to_only_a_part_of_a_post_stamps_the_post(db, client, make_post):
    project = make_post(Kind.PROJECT, title="Ausbildung für Geflüchtete in Hanau",
                        district_ags="06435", target_groups=[TargetGroup.YOUTH_U25])
    url = "/beitraege/?target_group=youth_u25"
    assert "Geflüchtete und Zugewanderte" not in results(client.get(url).get_data(as_text=True))
    post = db.session.get(Post, project.id)
    seq = post.content_seq
    post.target_groups = [TargetGroup.YOUTH_U25, TargetGroup.REFUGEES]  # rows of another table
    db.session.commit()
    assert db.session.get(Post, project.id).content_seq > seq
    assert "Geflüchtete und Zugewanderte" in results(client.get(url).get_data(as_text=True))


def test_target_groups_saved_through_the_service_stamp_the_post_and_keep_other_pages(
        db, client, make_post, statements):
    # The service writes target groups with plain statements (posts/target_groups.py), which
    # would otherwise count as a change to everything.
    hanau = make_post(Kind.PROJECT, title="Ausbildung in Hanau", district_ags="06435",
                      target_groups=[TargetGroup.YOUTH_U25])
    make_post(title="Logistikzentrum in Kassel", district_ags="06611")
    kassel_pages = ("/?district=06611", "/beitraege/?district=06611",
                    "/karte/kreise.json?district=06611")
    for url in kassel_pages:
        client.get(url)
    refugees = "/beitraege/?target_group=refugees"
    assert "Ausbildung in Hanau" not in client.get(refugees).get_data(as_text=True)
    update_post(db.session.get(Post, hanau.id),
                {"target_groups": [TargetGroup.YOUTH_U25, TargetGroup.REFUGEES]},
                user=hanau.author, now=utcnow())
    for url in kassel_pages:
        statements.clear()
        assert client.get(url).status_code == 200, url
        assert served_stored(statements), (url, statements)
    assert "Ausbildung in Hanau" in results(client.get(refugees).get_data(as_text=True))


def test_a_change_to_an_organisation_shows_on_every_page_at_once(db, client, make_post,
                                                                 statements):
    hanau = make_post(title="Rechenzentrum in Hanau", district_ags="06435")
    for url in (f"/beitraege/{hanau.id}", "/beitraege/?q=Hanau"):
        client.get(url)
    hanau.organisation.name = "Kommunales Center für Arbeit Main-Kinzig"
    db.session.commit()
    for url in (f"/beitraege/{hanau.id}", "/beitraege/?q=Hanau"):
        statements.clear()
        page = client.get(url).get_data(as_text=True)
        assert "Kommunales Center für Arbeit Main-Kinzig" in page, url
        assert not served_stored(statements), url


def test_stamps_follow_the_commits(db, make_post):
    first = make_post(title="Rechenzentrum in Hanau", district_ags="06435")
    second = make_post(title="Logistikzentrum in Kassel", district_ags="06611")
    assert 0 < first.content_seq < second.content_seq == version()
    # One commit changing both stamps both with its number.
    for post_id in (first.id, second.id):
        db.session.get(Post, post_id).summary = "Gemeinsam geändert"
    db.session.commit()
    stamps = {db.session.get(Post, post_id).content_seq for post_id in (first.id, second.id)}
    assert stamps == {version()}
