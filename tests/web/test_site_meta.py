"""What search engines and browser tabs read: meta descriptions per page type, robots.txt,
the favicon."""

from __future__ import annotations

import html
import re
from urllib.robotparser import RobotFileParser
from xml.etree import ElementTree

from jobnet.posts.models import Kind
from jobnet.web.static_files import IMMUTABLE
from tests.conftest import csrf_token_from

DESCRIPTION_RE = re.compile(r'<meta name="description" content="([^"]*)">')


def description(client, url: str) -> str:
    return html.unescape(DESCRIPTION_RE.search(client.get(url).get_data(as_text=True)).group(1))


def test_each_page_type_describes_itself_in_the_visitors_language(app, client, make_post):
    post = make_post(Kind.FAIR, summary="Arbeitgeber aus der Region stellen sich vor. " * 8)
    german = {url: description(client, url)
              for url in ("/", "/beitraege/", f"/beitraege/{post.id}", "/konto/anmelden")}
    assert len(set(german.values())) == 4 and all(len(text) >= 50 for text in german.values())
    assert german[f"/beitraege/{post.id}"].startswith("Arbeitgeber aus der Region")
    assert len(german[f"/beitraege/{post.id}"]) <= 160

    token = csrf_token_from(client.get("/konto/anmelden").get_data(as_text=True))
    client.post("/language", data={"csrf_token": token, "locale": "en"})
    assert description(client, "/").startswith("Map of Hesse")
    assert description(client, "/beitraege/").startswith("All posts")


def test_robots_txt_keeps_crawlers_to_public_pages(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    robots = RobotFileParser()
    robots.parse(response.get_data(as_text=True).splitlines())
    for public in ("/", "/beitraege/", "/beitraege/12", "/wochenuebersicht/"):
        assert robots.can_fetch("Googlebot", public), public
    for private in ("/konto/anmelden", "/verwaltung/nutzer", "/moderation/", "/beitraege/neu/fair",
                    "/beitraege/meine-organisation", "/wochenuebersicht/verwalten/abc",
                    "/wochenuebersicht/abmelden/abc", "/wochenuebersicht/bestaetigen/abc",
                    "/api/v1/geocode?q=Fulda"):
        assert not robots.can_fetch("Googlebot", private), private


def test_favicon_is_linked_and_served(client):
    page = client.get("/konto/anmelden").get_data(as_text=True)
    link = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', page).group(1)
    for url in (link, "/favicon.ico"):
        response = client.get(url)
        assert response.status_code == 200 and response.mimetype == "image/svg+xml", url
        assert ElementTree.fromstring(response.get_data()).tag == "{http://www.w3.org/2000/svg}svg"
    assert client.get(link).headers["Cache-Control"] == IMMUTABLE
