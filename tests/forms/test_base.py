"""The one text policy of every form: files and other non-text values are a 400 with a message,
control characters are refused in single lines and dropped in multi-line text."""

from __future__ import annotations

import html
import io

import pytest

from jobnet.accounts.models import Role
from jobnet.posts.models import Post
from tests.conftest import csrf_token_from
from tests.posts.conftest import form_data

MESSAGE = "Dieses Formular nimmt nur Text an, keine Dateien."


def _upload(client, url: str, data: dict, field: str):
    token = csrf_token_from(client.get(url).get_data(as_text=True))
    body = {**data, "csrf_token": token, field: (io.BytesIO(b"%PDF-1.4 fake"), "lebenslauf.pdf")}
    return client.post(url, data=body, content_type="multipart/form-data")


@pytest.mark.parametrize(("url", "field"), [
    ("/konto/anmelden", "email"),
    ("/konto/passwort-vergessen", "email"),
    ("/wochenuebersicht/", "email"),
])
def test_a_file_in_an_anonymous_form_is_a_400_with_a_message(client, url, field):
    response = _upload(client, url, {}, field)
    assert response.status_code == 400
    assert MESSAGE in html.unescape(response.get_data(as_text=True))


def test_a_file_in_a_post_form_is_a_400_and_nothing_is_saved(client, db, login_as):
    login_as(Role.COORDINATOR)
    response = _upload(client, "/beitraege/neu/project", form_data("project"), "title")
    assert response.status_code == 400
    assert MESSAGE in html.unescape(response.get_data(as_text=True))
    assert db.session.query(Post).count() == 0


def test_control_characters_are_refused_in_lines_and_dropped_in_text(client, db, login_as, submit):
    login_as(Role.COORDINATOR)
    refused = submit("/beitraege/neu/project", {**form_data("project"), "title": "Projekt\x00X"})
    assert refused.status_code == 422
    assert "ohne Zeilenumbrüche oder Steuerzeichen" in html.unescape(refused.get_data(as_text=True))
    saved = submit("/beitraege/neu/project", {**form_data("project"),
                                              "summary": "Zehn Zeichen\x07 und mehr\r\nZeile 2"})
    assert saved.status_code == 302
    assert db.session.query(Post).one().summary == "Zehn Zeichen und mehr\nZeile 2"
