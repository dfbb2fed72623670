"""Text members wrote is German: on English pages (and in English mails) it says so with
lang="de", so screen readers switch pronunciation (WCAG 3.1.2, language of parts)."""

from __future__ import annotations

from datetime import timedelta
from html.parser import HTMLParser

import pytest

from jobnet.clock import utcnow
from jobnet.digest.jobs import digest_job
from jobnet.posts.models import Kind
from tests.conftest import csrf_token_from

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class LanguageOfText(HTMLParser):
    """Each piece of text with the language it inherits from the nearest lang attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            inherited = self.stack[-1][1] if self.stack else None
            self.stack.append((tag, dict(attrs).get("lang", inherited)))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if data.strip() and self.stack and self.stack[-1][0] not in ("script", "style", "title"):
            self.texts.append((" ".join(data.split()), self.stack[-1][1]))


def language_of(html: str, text: str) -> set[str | None]:
    parser = LanguageOfText()
    parser.feed(html)
    found = {lang for piece, lang in parser.texts if text in piece}
    assert found, f"{text!r} is not on the page"
    return found


@pytest.fixture()
def english(app):
    client = app.test_client()
    token = csrf_token_from(client.get("/konto/anmelden").get_data(as_text=True))
    client.post("/language", data={"csrf_token": token, "locale": "en"})
    return client


@pytest.fixture()
def settlement(make_post):
    return make_post(Kind.SETTLEMENT, title="Rechenzentrum in Hanau",
                     summary="Ein Rechenzentrum schafft Stellen.", body="Mehr **dazu** später.",
                     sector="Rechenzentren")


def test_post_text_on_english_pages_is_marked_german(english, settlement):
    detail = english.get(f"/beitraege/{settlement.id}").get_data(as_text=True)
    assert language_of(detail, "Details") == {"en"}  # the interface speaks English
    for written in ("Rechenzentrum in Hanau", "Ein Rechenzentrum schafft Stellen.", "Mehr",
                    "dazu", "Rechenzentren"):
        assert language_of(detail, written) == {"de"}, written
    listing = english.get("/beitraege/").get_data(as_text=True)
    for written in ("Rechenzentrum in Hanau", "Ein Rechenzentrum schafft Stellen."):
        assert language_of(listing, written) == {"de"}, written


def test_german_pages_need_no_marks(client, settlement):
    detail = client.get(f"/beitraege/{settlement.id}").get_data(as_text=True)
    assert detail.count('lang="de"') == 1  # the <html> element's only
    assert language_of(detail, "Rechenzentrum in Hanau") == {"de"}


def test_post_text_in_an_english_digest_is_marked_german(app, settlement, make_subscription,
                                                         mail_outbox):
    make_subscription(locale="en", district_mode="all")
    digest_job(app, "weekly", now=utcnow() + timedelta(days=7))
    html = mail_outbox[-1].get_body(preferencelist=("html",)).get_content()
    assert language_of(html, "Rechenzentrum in Hanau") == {"de"}
    assert language_of(html, "Ein Rechenzentrum schafft Stellen.") == {"de"}
