"""A post's contact (person, e-mail, phone) is for signed-in members unless the author made it
public: detail page, map popup data and lists, as an anonymous visitor and as a member."""

from __future__ import annotations

import html
import re

import pytest

from jobnet.accounts.models import Role
from jobnet.posts.models import Kind, Post
from tests.posts.conftest import field_errors, form_data

CONTACT = {"contact_name": "Erika Mustermann", "contact_email": "erika.mustermann@example.org",
           "contact_phone": "+49 6051 000-4711"}
HINT = "Die Kontaktdaten sind für Mitglieder des Netzwerks sichtbar."


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def shows_contact(text: str) -> bool:
    found = [value in text for value in CONTACT.values()]
    assert all(found) or not any(found), found  # all three or none, never a part
    return all(found)


@pytest.fixture()
def hidden_post(make_post):
    return make_post(Kind.SETTLEMENT, **CONTACT)


def test_anonymous_visitors_get_a_hint_members_get_the_contact(hidden_post, anonymous_get,
                                                               client, login_as):
    url = f"/beitraege/{hidden_post.id}"
    anonymous = text_of(anonymous_get(url))
    assert not shows_contact(anonymous) and HINT in anonymous
    assert f'href="/konto/anmelden?next=/beitraege/{hidden_post.id}"' in anonymous
    # The author's name is a staff name too: visitors see the organisation only.
    assert hidden_post.organisation.name in anonymous and hidden_post.author.name not in anonymous

    login_as(Role.ORGANISER)  # any member, also of another organisation
    member = text_of(client.get(url))
    assert shows_contact(member) and HINT not in member
    assert 'href="mailto:erika.mustermann@example.org"' in member
    assert hidden_post.author.name in member


def test_a_contact_made_public_is_shown_to_everyone(make_post, anonymous_get):
    post = make_post(Kind.FAIR, contact_public=True, **CONTACT)
    page = text_of(anonymous_get(f"/beitraege/{post.id}"))
    assert shows_contact(page) and HINT not in page


def test_a_post_without_contact_shows_no_hint(make_post, anonymous_get):
    post = make_post(Kind.PROJECT)
    page = text_of(anonymous_get(f"/beitraege/{post.id}"))
    assert HINT not in page and "<h2>Kontakt</h2>" not in page


def test_popup_data_carries_the_contact_only_for_members_or_when_public(
        hidden_post, make_post, anonymous_get, client, login_as):
    public = make_post(Kind.FAIR, contact_public=True, **CONTACT)
    hidden_url, public_url = (f"/karte/beitrag/{p.id}.json" for p in (hidden_post, public))

    anonymous = anonymous_get(hidden_url)
    assert anonymous.status_code == 200 and not shows_contact(anonymous.get_data(as_text=True))
    assert {"name": "contact", "label": "Kontakt",
            "text": "für Mitglieder des Netzwerks nach der Anmeldung"} in anonymous.json["facts"]
    assert shows_contact(anonymous_get(public_url).get_data(as_text=True))

    login_as(Role.COORDINATOR)
    member = client.get(hidden_url).json
    facts = {fact["name"]: fact["text"] for fact in member["facts"]}
    assert {name: facts[name] for name in CONTACT} == CONTACT and "contact" not in facts


def test_lists_show_no_contact_to_anyone(hidden_post, make_post, anonymous_get, client, login_as):
    make_post(Kind.FAIR, contact_public=True, **CONTACT)
    for url in ("/", "/beitraege/", "/karte/liste"):
        page = text_of(anonymous_get(url))
        assert hidden_post.title in page and not shows_contact(page), url
    login_as(Role.COORDINATOR)
    assert not shows_contact(text_of(client.get("/beitraege/")))


def test_the_author_ticks_public_and_the_history_records_it(client, db, login_as, submit):
    login_as(Role.COORDINATOR)
    form = text_of(client.get("/beitraege/neu/project"))
    assert 'name="contact_public"' in form and "Kontaktdaten öffentlich zeigen" in form
    response = submit("/beitraege/neu/project", {**form_data(Kind.PROJECT), "contact_public": "y",
                                                 "publish": "Veröffentlichen"})
    assert response.status_code == 302, field_errors(response.get_data(as_text=True))
    post = db.session.scalars(db.select(Post)).one()
    assert post.contact_public is True

    edit = text_of(client.get(f"/beitraege/{post.id}/bearbeiten"))
    assert re.search(r'<input [^>]*\bchecked id="contact_public"', edit)
    data = {**form_data(Kind.PROJECT), "save": "1"}  # the box left unticked
    response = submit(f"/beitraege/{post.id}/bearbeiten", data)
    assert response.status_code == 302, field_errors(response.get_data(as_text=True))
    db.session.expire_all()
    assert db.session.get(Post, post.id).contact_public is False
    history = text_of(client.get(f"/beitraege/{post.id}/verlauf"))
    assert '<th scope="row">Kontaktdaten öffentlich zeigen</th>' in history
    assert "<del>ja</del>" in history and "<ins>nein</ins>" in history


def test_unticking_public_hides_the_contact_from_visitors_at_once(client, db, login_as, submit,
                                                                  make_post, anonymous_get):
    # Visitors' pages are cached (web/page_cache.py): the change must reach them anyway.
    author = login_as(Role.COORDINATOR)
    post = make_post(Kind.PROJECT, author=author, contact_public=True, **CONTACT)
    urls = (f"/beitraege/{post.id}", f"/karte/beitrag/{post.id}.json")
    for url in urls:
        assert shows_contact(anonymous_get(url).get_data(as_text=True)), url
        assert shows_contact(anonymous_get(url).get_data(as_text=True)), url  # now from the cache

    data = {**form_data(Kind.PROJECT), **CONTACT, "save": "1"}  # contact_public left unticked
    response = submit(f"/beitraege/{post.id}/bearbeiten", data)
    assert response.status_code == 302, field_errors(response.get_data(as_text=True))

    for url in urls:
        assert not shows_contact(html.unescape(anonymous_get(url).get_data(as_text=True))), url
