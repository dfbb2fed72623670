"""Posts under concurrent use: no 500s, no lost updates, a true history, no duplicate posts.

The races run for real: editors in threads post to the app over a real HTTP server
(werkzeug) against the suite's file-based SQLite or PostgreSQL, released together by a barrier.
See docs/architecture.md, "Concurrent edits".
"""

from __future__ import annotations

import html
import threading
from collections import Counter
from html.parser import HTMLParser

import pytest
import requests
from sqlalchemy import select
from werkzeug.serving import make_server

from jobnet.accounts.models import Role
from jobnet.posts import services
from jobnet.posts.models import Kind, Post, PostChange
from tests.conftest import TEST_PASSWORD
from tests.posts.conftest import NOW, form_data, hidden_fields

EDIT = "/beitraege/{}/bearbeiten"
CONFLICT = "Der Beitrag wurde inzwischen geändert"
# Five coordinators of one organisation, each owning one field on each post of the race.
OWNED = ["title", "contact_name", "contact_phone", "contact_email", "funding"]
NEW_GROUPS = ["refugees", "over_50", "youth_u25"]


class FormReader(HTMLParser):
    """What a browser would send for the page's post form: inputs, checked boxes, textareas."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs) -> None:
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "checkbox", "radio"):
            self.values[name] = [a.get("value") or ""]
        elif tag == "input" and name and "checked" in a:
            self.values.setdefault(name, []).append(a.get("value") or "y")
        elif tag == "textarea":
            self._textarea = name
            self.values[name] = [""]
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.values[self._select] = [a.get("value") or ""]

    def handle_endtag(self, tag) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data) -> None:
        if self._textarea:
            # Browsers drop the first newline after <textarea>.
            text = self.values[self._textarea][0] + data
            self.values[self._textarea] = [text.removeprefix("\n")]


def form_values(page: str) -> dict[str, list[str]]:
    reader = FormReader()
    reader.feed(page)
    return reader.values


class LiveServer:
    """The app served over HTTP on 127.0.0.1 by werkzeug, one thread per request."""

    def __init__(self, app) -> None:
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def browser(self, user) -> Browser:
        return Browser(self.url, user)

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(5)


class Browser:
    """One person's browser: a cookie jar, signed in through the login form."""

    def __init__(self, url: str, user) -> None:
        self.url, self.user, self.session = url, user, requests.Session()
        page = self.session.get(f"{url}/konto/anmelden").text
        response = self.session.post(f"{url}/konto/anmelden", allow_redirects=False, data={
            **hidden_fields(page), "email": user.email, "password": TEST_PASSWORD})
        assert response.status_code == 302, response.text[:300]

    def load(self, path: str) -> dict[str, list[str]]:
        response = self.session.get(self.url + path)
        assert response.status_code == 200, response.status_code
        return form_values(response.text)

    def post(self, path: str, values: dict) -> requests.Response:
        return self.session.post(self.url + path, data=values, allow_redirects=False)


@pytest.fixture()
def live_server(app, db):
    server = LiveServer(app)
    yield server
    server.stop()


class InFlight:
    """Counts saves running at once: 2 or more means they really overlapped."""

    def __init__(self) -> None:
        self.lock, self.now, self.most = threading.Lock(), 0, 0

    def wrap(self, function):
        def counted(*args, **kwargs):
            with self.lock:
                self.now += 1
                self.most = max(self.most, self.now)
            try:
                return function(*args, **kwargs)
            finally:
                with self.lock:
                    self.now -= 1
        return counted


@pytest.fixture()
def in_flight(monkeypatch) -> InFlight:
    counter = InFlight()
    monkeypatch.setattr(services, "update_post", counter.wrap(services.update_post))
    return counter


def new_value(field: str, editor: int, round_: int) -> str:
    if field == "contact_phone":
        return f"+49 6051 {editor}{round_}{editor}"
    if field == "contact_email":
        return f"editor{editor}.round{round_}@example.org"
    return f"{field} von Person {editor} in Runde {round_}"


def test_many_editors_saving_at_once_lose_nothing_and_never_fail(
        live_server, db, make_organisation, make_user, make_post, in_flight):
    organisation = make_organisation()
    editors = [make_user(Role.COORDINATOR, organisation=organisation) for _ in OWNED]
    posts = [make_post(Kind.PROJECT, author=editors[0], target_groups=["youth_u25"]).id
             for _ in range(2)]
    browsers = [live_server.browser(user) for user in editors]
    rounds, barrier = 1, threading.Barrier(len(editors))
    statuses: Counter = Counter()
    acknowledged: dict[tuple[int, str], str] = {}
    acks_by_user: Counter = Counter()
    lock = threading.Lock()

    def save(browser: Browser, number: int, post_id: int, round_: int) -> None:
        field, value = OWNED[number], new_value(OWNED[number], number, round_)
        values = browser.load(EDIT.format(post_id))
        barrier.wait(timeout=30)  # every editor has loaded the form before anyone saves
        for _attempt in range(len(editors) + 5):
            changes = {field: [value], "save": ["1"]}
            if round_ == 0:  # everybody also ticks the same target groups (issue 10, defect 1)
                changes["target_groups"] = NEW_GROUPS
            response = browser.post(EDIT.format(post_id), {**values, **changes})
            with lock:
                statuses[response.status_code] += 1
            if response.status_code == 302:
                with lock:
                    acknowledged[(post_id, field)] = value
                    acks_by_user[(browser.user.id, post_id)] += 1
                return
            if response.status_code != 409:
                return
            assert CONFLICT in html.unescape(response.text)
            values = browser.load(EDIT.format(post_id))  # take the other version, then redo

    def work(number: int) -> None:
        for round_ in range(rounds):
            for post_id in posts:
                save(browsers[number], number, post_id, round_)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(len(editors))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    db.session.expire_all()
    lost = [(post_id, field) for post_id in posts for field in OWNED
            if getattr(db.session.get(Post, post_id), field) != acknowledged.get((post_id, field))]
    figures = (f"responses {dict(statuses)}, {len(lost)} of {len(posts) * len(OWNED)} "
               f"(post, field) pairs lost, at most {in_flight.most} saves at once")
    assert statuses[500] == 0 and lost == [], figures
    assert set(statuses) <= {302, 409}, figures
    assert in_flight.most >= 2 and statuses[409] > 0, f"the saves did not overlap: {figures}"
    for post_id in posts:
        assert db.session.get(Post, post_id).target_groups == sorted(NEW_GROUPS)
    # Each acknowledged save has its own history entry, credited to the person who saved.
    entries = Counter((change.user_id, change.post_id) for change in db.session.scalars(
        select(PostChange).where(PostChange.action == "updated")))
    assert entries == acks_by_user


def test_the_service_refuses_a_save_based_on_an_older_version_and_writes_nothing(db, make_post):
    from jobnet.posts.conflicts import EditConflict

    post = make_post(Kind.SETTLEMENT, contact_name="Erika Alt")
    loaded = post.version
    services.update_post(post, {"contact_name": "Max Neu"}, user=post.author, now=NOW)
    with pytest.raises(EditConflict) as refused:
        services.update_post(post, {"contact_name": "Erika Alt", "contact_phone": "06051 2"},
                             user=post.author, now=NOW, expected_version=loaded)
    assert [(row.label, row.theirs, row.yours) for row in refused.value.rows] == [
        ("Ansprechperson", "Max Neu", "Erika Alt")]
    db.session.expire_all()
    assert (post.contact_name, post.contact_phone, post.version) == ("Max Neu", None, loaded + 1)


def test_a_status_change_meanwhile_needs_no_decision(db, make_post):
    post = make_post(Kind.SETTLEMENT)
    loaded = post.version
    services.archive_post(post, user=post.author, now=NOW)
    services.update_post(post, {"contact_phone": "06051 2"}, user=post.author, now=NOW,
                         expected_version=loaded)
    db.session.expire_all()
    assert (post.status, post.contact_phone) == ("archived", "06051 2")
    assert [change.version for change in post.changes] == [loaded + 2, loaded + 1, loaded,
                                                           loaded - 1]


def people(make_organisation, make_user, *names: str) -> list:
    organisation = make_organisation()
    users = [make_user(Role.COORDINATOR, organisation=organisation) for _ in names]
    for user, name in zip(users, names, strict=True):
        user.name = name
    return users


def updates(db, post_id: int) -> list[tuple[str, dict]]:
    """(author, fields) of the post's "updated" history entries, oldest first."""
    db.session.expire_all()
    changes = db.session.scalars(select(PostChange).where(
        PostChange.post_id == post_id, PostChange.action == "updated").order_by(PostChange.id))
    return [(change.user.name, change.fields) for change in changes]


@pytest.fixture()
def two_editors(live_server, db, make_organisation, make_user, make_post):
    """Anna and Ben of one organisation have the same settlement open in their browsers."""
    anna, ben = people(make_organisation, make_user, "Anna Eins", "Ben Zwei")
    post = make_post(Kind.SETTLEMENT, author=anna, contact_name="Erika Alt",
                     contact_phone="06051 1000")
    url = EDIT.format(post.id)
    browsers = live_server.browser(anna), live_server.browser(ben)
    return post.id, url, browsers, [browser.load(url) for browser in browsers]


def test_the_second_saver_sees_what_changed_keeps_the_input_and_may_save_over_it(
        db, two_editors):
    post_id, url, (anna, ben), (anna_form, ben_form) = two_editors
    saved = anna.post(url, {**anna_form, "contact_name": "Max Neu", "save": "1"})
    assert saved.status_code == 302

    refused = ben.post(url, {**ben_form, "contact_phone": "06051 2222", "save": "1"})
    page = html.unescape(refused.text)
    assert refused.status_code == 409
    assert CONFLICT in page and "Anna Eins" in page
    assert "<th scope=\"row\">Ansprechperson</th><td>Max Neu</td><td>Erika Alt</td>" in page
    assert "Telefon der Ansprechperson</th>" not in page  # only Anna's field changed meanwhile
    assert form_values(refused.text)["contact_phone"] == ["06051 2222"]  # Ben's input is kept
    assert db.session.get(Post, post_id).contact_phone == "06051 1000"  # nothing saved yet

    # Ben decides to save his version over Anna's.
    confirmed = ben.post(url, {**form_values(refused.text), "save": "1"})
    assert confirmed.status_code == 302
    assert updates(db, post_id) == [
        ("Anna Eins", {"contact_name": ["Erika Alt", "Max Neu"]}),
        ("Ben Zwei", {"contact_name": ["Max Neu", "Erika Alt"],
                      "contact_phone": ["06051 1000", "06051 2222"]}),
    ]


def test_the_second_saver_may_take_the_other_version_and_redo_the_change(db, two_editors):
    post_id, url, (anna, ben), (anna_form, ben_form) = two_editors
    assert anna.post(url, {**anna_form, "contact_name": "Max Neu", "save": "1"}).status_code == 302
    refused = ben.post(url, {**ben_form, "contact_phone": "06051 2222", "save": "1"})
    assert refused.status_code == 409
    assert f'href="{url}">Gespeicherte Fassung übernehmen' in html.unescape(refused.text)

    fresh = ben.load(url)
    assert fresh["contact_name"] == ["Max Neu"]
    assert ben.post(url, {**fresh, "contact_phone": "06051 2222", "save": "1"}).status_code == 302
    post = db.session.get(Post, post_id)
    assert (post.contact_name, post.contact_phone) == ("Max Neu", "06051 2222")
    assert updates(db, post_id) == [
        ("Anna Eins", {"contact_name": ["Erika Alt", "Max Neu"]}),
        ("Ben Zwei", {"contact_phone": ["06051 1000", "06051 2222"]}),
    ]


def barrier_on_first_call(monkeypatch, owner, name: str, parties: int = 2) -> Counter:
    """Hold each request thread at its first call of owner.name until `parties` threads got there."""
    barrier, first, calls = threading.Barrier(parties), threading.local(), Counter()
    original = getattr(owner, name, None)

    def held(*args, **kwargs):
        calls["all"] += 1
        result = original(*args, **kwargs)
        if not getattr(first, "done", False):
            first.done = True
            barrier.wait(timeout=10)
        return result

    monkeypatch.setattr(owner, name, held, raising=False)
    return calls


def run_together(*jobs) -> list:
    results = [None] * len(jobs)

    def run(index: int) -> None:
        results[index] = jobs[index]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def test_a_save_racing_past_the_form_check_is_caught_by_the_version_in_the_database(
        db, two_editors, monkeypatch):
    post_id, url, (anna, ben), (anna_form, ben_form) = two_editors
    # Both saves pass the form's version check before either writes.
    calls = barrier_on_first_call(monkeypatch, services, "check_version")
    responses = run_together(
        lambda: anna.post(url, {**anna_form, "contact_name": "Max Neu", "save": "1"}),
        lambda: ben.post(url, {**ben_form, "contact_phone": "06051 2222", "save": "1"}))

    assert sorted(response.status_code for response in responses) == [302, 409]
    assert calls["all"] == 3  # two checks passed together, the loser checked again
    loser = next(response for response in responses if response.status_code == 409)
    assert CONFLICT in html.unescape(loser.text)
    assert len(updates(db, post_id)) == 1


@pytest.fixture()
def new_project_form(live_server, db, make_user):
    browser = live_server.browser(make_user(Role.COORDINATOR))
    values = browser.load("/beitraege/neu/project")  # with its one-time key
    return browser, {**values, **form_data(Kind.PROJECT), "publish": "1"}


def test_a_create_form_sent_twice_makes_one_post(db, new_project_form):
    browser, values = new_project_form
    first = browser.post("/beitraege/neu/project", values)
    again = browser.post("/beitraege/neu/project", values)

    assert db.session.scalar(select(db.func.count()).select_from(Post)) == 1
    assert first.status_code == again.status_code == 302
    assert again.headers["Location"] == first.headers["Location"]
    shown = html.unescape(browser.session.get(browser.url + again.headers["Location"]).text)
    assert "Dieser Beitrag war bereits gespeichert" in shown


def test_a_create_form_sent_twice_at_once_makes_one_post(db, new_project_form, monkeypatch):
    browser, values = new_project_form
    # Both submissions pass the look-up of their key before either stores the post.
    barrier_on_first_call(monkeypatch, services, "created_with_key")
    twin = requests.Session()
    twin.cookies.update(browser.session.cookies)
    responses = run_together(
        lambda: browser.post("/beitraege/neu/project", values),
        lambda: twin.post(browser.url + "/beitraege/neu/project", data=values,
                          allow_redirects=False))

    assert db.session.scalar(select(db.func.count()).select_from(Post)) == 1
    assert [response.status_code for response in responses] == [302, 302]
    assert responses[0].headers["Location"] == responses[1].headers["Location"]


def test_target_groups_replaced_at_once_in_two_transactions_do_not_collide(app, db, make_post):
    # Even without the version check, two transactions adding the same group both succeed.
    from jobnet.posts.target_groups import replace_target_groups

    post_id = make_post(Kind.PROJECT, target_groups=["youth_u25"]).id
    barrier = threading.Barrier(2)

    def replace(codes: list[str]):
        def job():
            with app.app_context():
                post = db.session.get(Post, post_id)
                assert post.target_groups == ["youth_u25"]  # both loaded the same rows
                barrier.wait(timeout=10)
                replace_target_groups(post, codes)
                db.session.commit()
                return True
        return job

    assert run_together(replace(["refugees", "over_50"]), replace(["refugees"])) == [True, True]
    db.session.expire_all()
    assert db.session.get(Post, post_id).target_groups in (["over_50", "refugees"], ["refugees"])


@pytest.mark.parametrize(("url", "hidden"), [
    ("edit", {"version": ""}), ("edit", {"version": "abc"}), ("edit", {"version": "9" * 40}),
    ("new", {"submission_key": "<script>alert(1)</script>"}), ("new", {"submission_key": "kurz"}),
])
def test_a_missing_or_garbled_hidden_field_asks_to_reload_and_saves_nothing(
        url, hidden, client, db, login_as, submit, make_post):
    user = login_as(Role.COORDINATOR)
    post = make_post(Kind.PROJECT, author=user)
    path = EDIT.format(post.id) if url == "edit" else "/beitraege/neu/project"
    before = db.session.scalar(select(db.func.count()).select_from(PostChange))
    response = submit(path, {**form_data(Kind.PROJECT), "save": "1", "publish": "1", **hidden})

    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 422
    assert "Das Formular ist unvollständig oder veraltet. Bitte laden Sie die Seite neu" in page
    assert "<script>alert(1)</script>" not in response.get_data(as_text=True)  # escaped
    assert db.session.scalar(select(db.func.count()).select_from(PostChange)) == before
