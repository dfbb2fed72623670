"""The page cache: visitors get stored pages, but never a stale one, someone else's secrets or a
signed-in person's page; signed-in people always get theirs fresh."""

from __future__ import annotations

import re

from sqlalchemy import event, text, update

from jobnet.accounts.models import Role
from jobnet.content_version import current_version
from jobnet.extensions import db as _db
from jobnet.posts.models import Post
from tests.conftest import csrf_token_from

NONCE_RE = re.compile(r"'nonce-([^']+)'")
PUBLIC_PAGES = ("/", "/beitraege/", "/beitraege/?q=Logistik", "/karte/daten.json",
                "/karte/kreise.json", "/karte/liste")



def test_a_visitor_gets_the_stored_page_with_one_query(client, make_post, statements, monkeypatch):
    from jobnet.web import page_cache

    # One minute for the whole test: a new minute rightly renders again (see the test below).
    minute = page_cache._minute()
    monkeypatch.setattr(page_cache, "_minute", lambda: minute)
    post = make_post(title="Rechenzentrum in Hanau")
    for url in (*PUBLIC_PAGES, f"/beitraege/{post.id}", f"/karte/beitrag/{post.id}.json"):
        first = client.get(url)
        statements.clear()
        second = client.get(url)
        assert second.status_code == first.status_code == 200, url
        # The content version at most (each process reads it at most every 0.2 s).
        assert all("content_version" in sql for sql in statements), (url, statements)
        if url.endswith(".json"):
            assert second.data == first.data, url


def test_every_change_a_visitor_could_see_shows_at_once(app, client, make_post, login_as):
    post = make_post(title="Rechenzentrum in Hanau")
    pages = (f"/beitraege/{post.id}", "/", "/beitraege/?q=Hanau")
    for url in pages:
        assert "Rechenzentrum in Hanau" in client.get(url).get_data(as_text=True)
    # A write through another connection, as the scheduler or a second worker makes it.
    with app.app_context(), _db.engine.begin() as connection:
        connection.execute(update(Post).where(Post.id == post.id).values(title="Serverpark Hanau"))
    for url in pages:
        page = client.get(url).get_data(as_text=True)
        assert "Serverpark Hanau" in page and "Rechenzentrum in Hanau" not in page, url


def test_while_people_edit_visitors_see_a_change_at_most_the_grace_late(
        app, client, make_post, monkeypatch):
    from jobnet.web import page_cache

    monkeypatch.setitem(app.config, "PAGE_CACHE_GRACE_SECONDS", 5)
    app.extensions["jobnet_page_cache"].clear()  # pages of earlier tests, stored moments ago
    clock = [page_cache._now()]
    monkeypatch.setattr(page_cache, "_now", lambda: clock[0])
    post = make_post(title="Rechenzentrum in Hanau")
    pages = (f"/beitraege/{post.id}", "/", "/karte/daten.json")
    for url in pages:
        assert "Rechenzentrum in Hanau" in client.get(url).get_data(as_text=True)
    with app.app_context(), _db.engine.begin() as connection:
        connection.execute(update(Post).where(Post.id == post.id).values(title="Serverpark Hanau"))
    clock[0] += 4.9  # within the grace: the stored page, rendered before the change
    for url in pages:
        assert "Rechenzentrum in Hanau" in client.get(url).get_data(as_text=True), url
    clock[0] += 0.2  # the grace is over: every page shows the change
    for url in pages:
        page = client.get(url).get_data(as_text=True)
        assert "Serverpark Hanau" in page and "Rechenzentrum in Hanau" not in page, url


def test_writes_nobody_sees_on_public_pages_keep_the_cache(app, db, client, make_post, login_as,
                                                           submit):
    make_post()
    login_as(Role.COORDINATOR)  # the login itself counts: it stamps the account's last login
    before = current_version()
    stranger = app.test_client()
    page = stranger.get("/konto/anmelden").get_data(as_text=True)
    stranger.post("/konto/anmelden", data={"csrf_token": csrf_token_from(page),
                                           "email": "niemand@example.org", "password": "falsch"})
    submit("/konto/abmelden", page="/konto/")  # ends the user_session row
    db.session.rollback()
    assert db.session.execute(text("SELECT count(*) FROM auth_throttle")).scalar() >= 1
    assert db.session.execute(text("SELECT count(*) FROM user_session")).scalar() == 0
    assert current_version() == before


def test_a_write_that_is_rolled_back_does_not_move_the_version(app, db, make_post):
    make_post()
    before = current_version()
    db.session.execute(update(Post).values(title="Nie gespeichert"))
    db.session.rollback()
    assert current_version() == before
    db.session.execute(update(Post).values(title="Gespeichert"))
    db.session.commit()
    assert current_version() != before


def test_each_stored_page_carries_its_own_nonce_and_working_csrf_tokens(client, make_post):
    make_post()
    answers = [client.get("/") for _ in range(3)]
    nonces = [NONCE_RE.search(a.headers["Content-Security-Policy"]).group(1) for a in answers]
    assert len(set(nonces)) == 3
    tokens = set()
    for answer, nonce in zip(answers, nonces, strict=True):
        html = answer.get_data(as_text=True)
        assert set(re.findall(r'nonce="([^"]+)"', html)) == {nonce}
        tokens.add(csrf_token_from(html))
    assert len(tokens) == 3
    # A token from a stored page works for this visitor's own session.
    switched = client.post("/language", data={"locale": "en", "next": "/",
                                              "csrf_token": tokens.pop()})
    assert switched.status_code == 302
    assert 'lang="en"' in client.get("/").get_data(as_text=True)


def test_languages_are_stored_apart(client, make_post):
    make_post()
    german = client.get("/", headers={"Accept-Language": "de"}).get_data(as_text=True)
    english = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Karte der Beiträge" in german and "Karte der Beiträge" not in english
    assert 'lang="en"' in english


def test_signed_in_people_never_get_or_leave_a_stored_page(client, make_post, login_as, app):
    make_post()
    visitor = client.get("/").get_data(as_text=True)
    user = login_as(Role.COORDINATOR)
    member = client.get("/").get_data(as_text=True)
    assert user.name in member and user.name not in visitor
    other = app.test_client()
    assert user.name not in other.get("/").get_data(as_text=True)


def test_a_flash_message_is_shown_once_and_never_stored(client, make_post):
    make_post()
    client.get("/")
    with client.session_transaction() as session:
        session["_flashes"] = [("success", "Danke, Ihre Anmeldung ist eingegangen.")]
    assert "Danke, Ihre Anmeldung" in client.get("/").get_data(as_text=True)
    assert "Danke, Ihre Anmeldung" not in client.get("/").get_data(as_text=True)


def test_the_version_survives_an_emptied_table_without_reusing_old_pages(app, db, make_post):
    make_post()
    first = current_version()
    db.session.execute(text("DELETE FROM content_version"))
    db.session.commit()
    assert current_version() == "empty"
    make_post()
    assert current_version() not in (first, "empty")



def test_a_page_one_worker_rendered_is_served_by_the_others(app, make_post):
    from jobnet import create_app

    post = make_post(title="Rechenzentrum in Hanau")
    # A second app on the same database and cache directory, as a second gunicorn worker has.
    other_worker = create_app({**{key: app.config[key] for key in (
        "TESTING", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "MAIL_TRANSPORT", "MAP_TILE_URL",
        "PAGE_CACHE_DIR", "PAGE_CACHE_GRACE_SECONDS")}})
    other_worker.test_client_class = app.test_client_class
    url = f"/beitraege/{post.id}"
    first = app.test_client().get(url)
    sent: list[str] = []
    with other_worker.app_context():
        engine = _db.engine
    event.listen(engine, "before_cursor_execute", lambda _c, _cur, sql, *_a: sent.append(sql))
    try:
        second = other_worker.test_client().get(url)
    finally:
        with other_worker.app_context():
            _db.engine.dispose()
    assert second.status_code == first.status_code == 200
    assert "Rechenzentrum in Hanau" in second.get_data(as_text=True)
    assert all("content_version" in sql for sql in sent), sent  # not rendered again


def test_pages_of_minutes_long_past_are_deleted(app, client, make_post, monkeypatch):
    import os

    from jobnet.web import page_cache

    directory = app.extensions["jobnet_page_cache_dir"]
    client.get("/")
    old = set(os.listdir(directory))
    assert old
    for name in old:
        os.utime(os.path.join(directory, name), (0, page_cache._now() - 200))
    monkeypatch.setattr(page_cache, "_swept", [0.0])
    client.get("/beitraege/")  # storing a page sweeps (at most once a minute per process)
    left = set(os.listdir(directory))
    assert not old & left and left


def test_a_page_is_rendered_again_in_the_next_minute(app, client, make_post, statements,
                                                     monkeypatch):
    from datetime import timedelta

    from jobnet import clock

    now = clock.utcnow()
    monkeypatch.setattr(clock, "utcnow", lambda: now)
    make_post(title="Rechenzentrum in Hanau")
    client.get("/beitraege/")
    statements.clear()
    client.get("/beitraege/")
    assert all("content_version" in sql for sql in statements)  # the stored page
    now += timedelta(minutes=1)  # what the page shows may depend on the minute (a fair is over)
    statements.clear()
    client.get("/beitraege/")
    assert any("content_version" not in sql for sql in statements)  # rendered again


def test_stored_data_is_sent_gzipped_as_stored_and_revalidates_with_a_304(
        app, db, client, make_post):
    import gzip

    post = make_post(title="Rechenzentrum in Hanau")
    for number in range(8):  # enough data to be worth gzip
        make_post(title=f"Logistikzentrum {number} in Kassel")
    gzip_accepted = {"Accept-Encoding": "gzip"}
    first = client.get("/karte/daten.json", headers=gzip_accepted)
    second = client.get("/karte/daten.json", headers=gzip_accepted)
    assert second.headers["Content-Encoding"] == "gzip"
    assert second.data == first.data  # the same bytes: not compressed again per answer
    assert gzip.decompress(second.data).decode() == client.get("/karte/daten.json").get_data(
        as_text=True)
    etag = second.headers["ETag"]
    assert etag.startswith('W/"') and etag == first.headers["ETag"]
    unchanged = client.get("/karte/daten.json", headers={**gzip_accepted, "If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged.data == b""
    # A change a visitor could see gives new data under a new tag.
    db.session.get(Post, post.id).title = "Serverpark Hanau"
    db.session.commit()
    changed = client.get("/karte/daten.json", headers={**gzip_accepted, "If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert "Serverpark Hanau" in gzip.decompress(changed.data).decode()
