"""Ugly input against every post form, the moderation form, the list's query string and the routes.

Whatever is sent, the answer is a re-rendered form with a German message next to a field (and
nothing saved), an accepted post whose text is shown escaped, or a 4xx page: never a 500.
In TESTING mode an unhandled exception propagates, so a would-be 500 fails the test directly.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from jobnet.accounts.models import Role
from jobnet.posts.models import Kind, Post, PostChange, Status
from tests.conftest import csrf_token_from
from tests.posts.conftest import KINDS, field_errors, form_data

# Every value goes into every field at once (each field parses and validates it), and alone into
# each field of the type it targets, so that accepted values are saved and rendered too.
TEXTISH: list[str | bytes] = [
    "</script><script>alert(1)</script>",
    "${alert(1)}",
    "`alert(1)`",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    b"\xff\xfe\xc3\x28 kaputt",
    "a\x00b\x1bc",
]
NUMERIC: list[str | bytes] = ["NaN", "inf", "1e400", "-91", "9" * 30, "-1", "0", "1,5", "0x10"]
DATES: list[str | bytes] = ["2026-13-45", "0001-01-01", "9999-12-31", "31.02.2026", "2026-02-29"]
ANY: list[str | bytes] = ["", "   ", "x" * 10_000]
UGLY = ANY + TEXTISH + NUMERIC + DATES

NUMBER_FIELDS = {"latitude", "longitude", "jobs_expected", "commute_radius_km", "duration_months",
                 "participants", "integrations", "exhibitors_expected"}
DATE_FIELDS = {"valid_until", "hiring_start", "period_start", "period_end",
               "registration_deadline", "starts_at", "ends_at"}


def values_for(name: str) -> list[str | bytes]:
    """The ugly values aimed at a field of this type."""
    if name in NUMBER_FIELDS:
        return ANY + NUMERIC + TEXTISH[:2]
    if name in DATE_FIELDS:
        return ANY + DATES + NUMERIC[:2] + TEXTISH[:1]
    return ANY + TEXTISH + NUMERIC[:1]


UNSAFE = ("<script>alert", "<img src=x", 'href="javascript:')


def _post(client, url: str, data: dict, token: str):
    body = urlencode({**data, "csrf_token": token}, doseq=True)
    return client.post(url, data=body, content_type="application/x-www-form-urlencoded")


def _unsafe_in(html: str) -> list[str]:
    return [marker for marker in UNSAFE if marker in html]


def _check(client, db, response, count_before: int, what: str) -> list[str]:
    """Problems with one answer (an empty list when it is one of the acceptable outcomes)."""
    html = response.get_data(as_text=True)
    count = db.session.query(Post).count()
    if response.status_code == 422:  # the form again, with the messages beside the fields
        problems = [] if field_errors(html) else [f"{what}: 422 without a field message"]
        if count != count_before:
            problems.append(f"{what}: saved although the form was refused")
        return problems + [f"{what}: unescaped {m}" for m in _unsafe_in(html)]
    if response.status_code == 302:
        detail = client.get(response.location)
        problems = [] if detail.status_code == 200 else [f"{what}: detail {detail.status_code}"]
        return problems + [f"{what}: unescaped {m} on the detail page"
                           for m in _unsafe_in(detail.get_data(as_text=True))]
    if 400 <= response.status_code < 500:
        return []
    return [f"{what}: status {response.status_code}"]


@pytest.mark.parametrize("kind", KINDS)
def test_ugly_values_in_all_fields_at_once_are_refused(kind, client, db, login_as):
    login_as(Role.COORDINATOR)
    url = f"/beitraege/neu/{kind}"
    token = csrf_token_from(client.get(url).get_data(as_text=True))
    problems = []
    for value in UGLY:
        data = {name: value for name in form_data(kind)} | {"publish": "1"}
        response = _post(client, url, data, token)
        problems += _check(client, db, response, 0, f"all={value!r:.30}")
        if response.status_code != 422:
            problems.append(f"all={value!r:.30}: {response.status_code}, expected the form again")
    assert not problems, problems


@pytest.mark.parametrize("kind", KINDS)
def test_ugly_values_in_each_field_of_the_new_post_forms(kind, client, db, login_as):
    login_as(Role.COORDINATOR)
    url = f"/beitraege/neu/{kind}"
    token = csrf_token_from(client.get(url).get_data(as_text=True))
    problems = []
    for name in form_data(kind):
        for value in values_for(name):
            before = db.session.query(Post).count()
            data = {**form_data(kind), name: value, "publish": "1"}
            problems += _check(client, db, _post(client, url, data, token), before,
                               f"{name}={value!r:.30}")
    listing = client.get("/beitraege/?q=").get_data(as_text=True)
    assert not problems + _unsafe_in(listing), problems
    assert db.session.query(Post).count() > 0  # the accepted values were saved and shown


@pytest.mark.parametrize("kind", KINDS)
def test_missing_fields_and_unknown_choices(kind, client, db, login_as):
    login_as(Role.COORDINATOR)
    url = f"/beitraege/neu/{kind}"
    token = csrf_token_from(client.get(url).get_data(as_text=True))
    problems = []
    for name in form_data(kind):
        data = {key: value for key, value in form_data(kind).items() if key != name}
        problems += _check(client, db, _post(client, url, data, token),
                           db.session.query(Post).count(), f"without {name}")
    for name, value in [("target_groups", ["youth_u25", "<b>nope</b>"]),
                        ("district_ags", "99999"), ("programme_type", "bakery"),
                        ("title", ["Erster Titel", "Zweiter Titel"])]:
        before = db.session.query(Post).count()
        response = _post(client, url, {**form_data(kind), name: value}, token)
        problems += _check(client, db, response, before, f"{name}={value!r}")
    assert not problems, problems


@pytest.mark.parametrize("kind, changes, field", [
    ("settlement", {"jobs_expected": "100001"}, "100000"),
    ("settlement", {"commute_radius_km": "4"}, "5 bis 100"),
    ("settlement", {"commute_radius_km": ""}, "Bitte füllen Sie dieses Feld aus."),
    ("programme", {"duration_months": "121"}, "1 bis 120"),
    ("project", {"period_start": "2026-05-01", "period_end": "2026-04-30"}, "vor dem Beginn"),
    ("project", {"participants": "10", "integrations": "11"}, "mehr Integrationen"),
    ("project", {"participants": "", "integrations": "3"}, "Teilnehmenden an"),
    ("project", {"target_groups": []}, "mindestens eine Zielgruppe"),
    ("fair", {"ends_at": "2026-12-01T09:00", "starts_at": "2026-12-01T10:00"}, "nach dem Beginn"),
    ("fair", {"starts_at": "2026-12-01T10:00", "ends_at": "2026-12-01T12:00",
              "registration_deadline": "2026-12-02"}, "Anmeldeschluss"),
    ("fair", {"is_free": "", "fee_note": ""}, "Kosten"),
    ("fair", {"registration_url": "javascript:alert(1)"}, "http://"),
    ("fair", {"exhibitors_expected": "10001"}, "0 bis 10000"),
    ("fair", {"starts_at": "morgen"}, "Datum und Uhrzeit"),
    ("settlement", {"latitude": "50,1", "longitude": ""}, "zusammen"),
    ("settlement", {"latitude": "-91"}, "-90 bis 90"),
    ("settlement", {"longitude": "1e400"}, "Dezimalzahl"),
    ("settlement", {"valid_until": "2000-01-01"}, "Vergangenheit"),
    ("settlement", {"valid_until": "2026-13-45"}, "gültiges Datum"),
    ("settlement", {"title": "ab"}, "zwischen 3 und 200 Zeichen"),
    ("settlement", {"summary": "x" * 501}, "zwischen 10 und 500 Zeichen"),
    ("settlement", {"contact_email": "nicht-mail"}, "E-Mail-Adresse"),
    ("settlement", {"contact_phone": "0611 <b>"}, "Ziffern"),
    ("settlement", {"links": "https://a.example\nftp://b.example"}, "http://"),
    ("settlement", {"links": "\n".join(f"https://e.example/{n}" for n in range(11))}, "10 Links"),
])
def test_clear_german_messages(kind, changes, field, client, db, login_as, submit):
    login_as(Role.COORDINATOR)
    response = submit(f"/beitraege/neu/{kind}", {**form_data(kind), **changes, "publish": "1"})
    assert response.status_code == 422
    messages = " ".join(field_errors(response.get_data(as_text=True)))
    assert field in messages, messages
    assert db.session.query(Post).count() == 0


@pytest.mark.parametrize("kind", KINDS)
def test_ugly_values_in_the_edit_forms_change_nothing(kind, client, db, login_as, make_post):
    post = make_post(kind, author=login_as(Role.COORDINATOR))
    url = f"/beitraege/{post.id}/bearbeiten"
    token = csrf_token_from(client.get(url).get_data(as_text=True))
    everything = [{name: value for name in form_data(kind)} for value in UGLY]
    one_field = [{name: value} for name in form_data(kind) for value in ANY[::2]]
    problems = []
    for changes in everything + one_field:
        before = db.session.query(PostChange).count()
        # The version of the post as the edit page would show it now (every save is a new one).
        response = _post(client, url, {**form_data(kind), **changes, "save": "1",
                                       "version": str(post.version)}, token)
        what = f"{sorted(changes)[:2]}={next(iter(changes.values()))!r:.20}"
        refused = response.status_code == 422
        if changes in everything and not refused:
            problems.append(f"{what}: {response.status_code}, expected the form again")
        if refused and not field_errors(response.get_data(as_text=True)):
            problems.append(f"{what}: refused without a field message")
        if refused and db.session.query(PostChange).count() != before:
            problems.append(f"{what}: changed the post although refused")
        if response.status_code not in (422, 302):
            problems.append(f"{what}: status {response.status_code}")
    assert not problems, problems
    assert client.get(f"/beitraege/{post.id}").status_code == 200


def test_ugly_moderation_reasons(client, db, login_as, make_post):
    post = make_post(Kind.SETTLEMENT)
    login_as(Role.MODERATOR)
    url = f"/moderation/{post.id}/zurueckziehen"
    token = csrf_token_from(client.get(url).get_data(as_text=True))
    for value in UGLY:
        response = _post(client, url, {"reason": value}, token)
        db.session.expire_all()
        if response.status_code == 302:
            break
        assert response.status_code == 200 and field_errors(response.get_data(as_text=True))
        assert db.session.get(Post, post.id).status == Status.PUBLISHED
    # The first acceptable reason was the script text: shown escaped to the organisation.
    assert db.session.get(Post, post.id).moderation_reason == "</script><script>alert(1)</script>"
    assert not _unsafe_in(client.get(f"/beitraege/{post.id}").get_data(as_text=True))
    assert not _unsafe_in(client.get("/moderation/").get_data(as_text=True))


@pytest.mark.parametrize("param", ["q", "kind", "district", "target_group", "date_from",
                                   "date_to", "upcoming", "page"])
def test_ugly_query_strings_on_the_list(param, client, db, make_post):
    make_post(Kind.FAIR)
    for value in [*UGLY, "%", "_", "\\", "%%%%", "' OR 1=1 --"]:
        response = client.get("/beitraege/?" + urlencode({param: value, "kind": "fair"}
                                                         if param != "kind" else {param: value}))
        # Text that is not UTF-8 is refused as a whole (400); everything else is listed.
        expected = 400 if isinstance(value, bytes) and not _is_utf8(value) else 200
        assert response.status_code == expected, (param, value)
        assert not _unsafe_in(response.get_data(as_text=True)), (param, value)
    assert client.get("/beitraege/?q=" + "%FF%FE%00").status_code == 400


def _is_utf8(value: bytes) -> bool:
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@pytest.mark.parametrize("path", [
    "/beitraege/0", "/beitraege/-1", "/beitraege/1.5", "/beitraege/%00",
    "/beitraege/99999999999999",
    "/beitraege/neu/%3Cscript%3E", "/beitraege/neu/..%2F..%2Fetc", "/beitraege/1/verlauf/x",
    "/moderation/abc/zurueckziehen", "/moderation/99999999999999999/zurueckziehen",
])
def test_malformed_paths_are_404_for_everyone(path, client, login_as):
    assert client.get(path).status_code in (302, 404)
    login_as(Role.MODERATOR)
    assert client.get(path).status_code in (403, 404)


def test_wrong_methods_and_missing_tokens(client, db, login_as, make_post):
    post = make_post(Kind.SETTLEMENT)
    login_as(post.author)
    assert client.post("/beitraege/").status_code == 405
    assert client.get(f"/beitraege/{post.id}/veroeffentlichen").status_code == 405
    assert client.post("/beitraege/neu/fair", data=form_data(Kind.FAIR)).status_code == 400
    forged = {"csrf_token": "falsch", **form_data(Kind.SETTLEMENT)}
    assert client.post(f"/beitraege/{post.id}/bearbeiten", data=forged).status_code == 400
    assert db.session.query(Post).count() == 1
