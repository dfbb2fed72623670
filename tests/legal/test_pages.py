"""Impressum, Datenschutzerklärung and Erklärung zur Barrierefreiheit: linked from every page,
default texts with the operator's facts, configured texts shown and sanitised."""

from __future__ import annotations

import html
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from jobnet import create_app
from jobnet.accounts.invitations import invite
from jobnet.accounts.models import Role
from jobnet.clock import utcnow
from jobnet.config import ConfigError
from jobnet.digest.links import manage_token
from jobnet.legal.settings import LegalSettings
from jobnet.posts.models import Kind, Status
from tests.digest.conftest import links_in, parts_of
from tests.digest.test_subscription_links import FORM as SUBSCRIPTION_FORM

LEGAL_LINKS = ["/impressum", "/datenschutz", "/barrierefreiheit"]
SKIPPED = ("/static/", "/vendor/", "/konto/abmelden", "/language")
ENGLISH = {"Accept-Language": "en"}


class _Page(HTMLParser):
    """Same-site links of a page, and those inside the footer's "Rechtliches" navigation."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.legal: list[str] = []
        self._depth = 0  # >0 inside <footer>

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "footer":
            self._depth += 1
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
            if self._depth:
                self.legal.append(attributes["href"])

    def handle_endtag(self, tag):
        if tag == "footer":
            self._depth -= 1


def crawl(client, starts: list[str], limit: int = 80) -> dict[str, list[str]]:
    """Every HTML page reachable from the starts (any status, redirects followed): path -> its
    footer links."""
    seen, queue, found = set(), list(starts), {}
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen or url.startswith(SKIPPED) or url.endswith((".json", ".ics", ".csv")):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code in (301, 302, 303):
            queue.append(urlsplit(response.location).path)
            continue
        if response.mimetype != "text/html":
            continue
        page = _Page()
        page.feed(response.get_data(as_text=True))
        found[url] = page.legal
        for href in page.links:
            target = urlsplit(urljoin(url, href))
            if not target.netloc and target.path:
                queue.append(target.path + (f"?{target.query}" if target.query else ""))
    return found


def _kinds_of(paths) -> set[str]:
    """Page types: the path with numbers and tokens replaced."""
    return {"/".join("#" if part.isdigit() or len(part) > 30 else part
                     for part in urlsplit(path).path.split("/")) for path in paths}


def test_every_page_links_the_three_legal_pages(app, client, db, submit, login_as, relogin,
                                                 make_post, make_user, make_subscription,
                                                 anonymous_get, mail_outbox):
    for kind in Kind:
        make_post(kind)
    # The pages behind mailed links: subscription confirmation, password reset, invitation.
    submit("/wochenuebersicht/", SUBSCRIPTION_FORM)
    submit("/konto/passwort-vergessen", {"email": make_user(Role.COORDINATOR).email})
    inviter = make_user(Role.ADMIN)
    invite(inviter, email="neu@example.org", name="Neu", role=Role.COORDINATOR,
           organisation_id=inviter.organisation_id, now=utcnow(),
           link_for=lambda token: f"http://localhost/konto/einladung/{token}")
    mailed = [urlsplit(link).path for message in mail_outbox
              for link in links_in(parts_of(message)[0])]
    token = manage_token(make_subscription(), utcnow())
    visitor = crawl(app.test_client(), ["/", "/beitraege/", "/konto/anmelden", *mailed,
                                        f"/wochenuebersicht/verwalten/{token}",
                                        f"/wochenuebersicht/abmelden/{token}",
                                        "/gibt-es-nicht", "/beitraege/999999", "/beitraege/neu"])
    coordinator = login_as(Role.COORDINATOR)
    own = make_post(Kind.PROJECT, author=coordinator)
    member = crawl(client, ["/konto/", "/beitraege/meine-organisation",
                            f"/beitraege/{own.id}/bearbeiten", "/beitraege/neu", "/verwaltung/"])
    relogin(Role.ADMIN)
    make_post(Kind.PROJECT, status=Status.UNPUBLISHED)
    member |= crawl(client, ["/", "/verwaltung/", "/moderation/", "/wochenuebersicht/verwaltung/",
                             f"/beitraege/{own.id}/verlauf"])

    pages = {**{f"visitor {p}": links for p, links in visitor.items()},
             **{f"member {p}": links for p, links in member.items()}}
    missing = {page: links for page, links in pages.items() if links[-3:] != LEGAL_LINKS}
    assert missing == {}
    kinds = _kinds_of(visitor) | _kinds_of(member)
    print(len(kinds), sorted(kinds))  # the report, with -s
    assert len(kinds) >= 30, sorted(kinds)
    assert {"/beitraege/#", "/beitraege/#/bearbeiten", "/wochenuebersicht/verwalten/#",
            "/wochenuebersicht/bestaetigen/#", "/konto/passwort-neu/#", "/konto/einladung/#",
            "/gibt-es-nicht", "/impressum", "/datenschutz", "/barrierefreiheit",
            "/verwaltung/nutzer", "/moderation/"} <= kinds
    for path in LEGAL_LINKS:
        assert anonymous_get(path).status_code == 200


def _settings(app, **config) -> LegalSettings:
    return LegalSettings.from_config({**app.config, **config})


OPERATOR = {"LEGAL_OPERATOR_NAME": "Main-Kinzig-Kreis, Kommunales Center für Arbeit",
            "LEGAL_OPERATOR_ADDRESS": "Barbarossastraße 16\n63571 Gelnhausen",
            "LEGAL_OPERATOR_REPRESENTATIVE": "den Kreisausschuss",
            "LEGAL_OPERATOR_EMAIL": "jobnet@kca.example", "LEGAL_OPERATOR_PHONE": "+49 6051 0",
            "LEGAL_DATA_PROTECTION_OFFICER": "Datenschutz im Kreishaus\ndsb@kca.example"}


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def test_default_texts_carry_the_operator_and_what_the_law_asks(app, client, monkeypatch):
    monkeypatch.setitem(app.extensions, "jobnet_legal", _settings(app, **OPERATOR))
    imprint = text(client.get("/impressum"))
    assert "<strong>Main-Kinzig-Kreis, Kommunales Center für Arbeit</strong><br>Barbarossastraße 16<br>63571 Gelnhausen" in imprint
    assert "Vertreten durch: den Kreisausschuss" in imprint and "© GeoBasis-DE / BKG" in imprint

    privacy = text(client.get("/datenschutz"))
    for words in ("Verantwortliche Stelle", "dsb@kca.example", "nach 48 Stunden gelöscht",
                  "Art. 6 Abs. 1 Buchst. a DSGVO", "jederzeit widerrufen", "Art. 15 DSGVO",
                  "Der Hessische Beauftragte für Datenschutz und Informationsfreiheit",
                  "In der Wochenübersicht stehen sie nie", "keine Statistik, kein Tracking"):
        assert words in privacy, words
    assert "Die Karte lädt keine Inhalte von fremden Servern." in privacy  # no tiles in tests

    statement = text(client.get("/barrierefreiheit"))
    for words in ("HessBGG", "HVBIT", "EN 301 549", "teilweise vereinbar",
                  "Nicht barrierefreie Inhalte", "am 01.12.2026 erstellt",
                  "Durchsetzungs- und Überwachungsstelle", "Regierungspräsidium Gießen",
                  'href="mailto:jobnet@kca.example"', 'name="message"'):
        assert words in statement, words


def test_the_default_texts_speak_english_too(app, client, monkeypatch):
    monkeypatch.setitem(app.extensions, "jobnet_legal", _settings(
        app, **OPERATOR, ACCESSIBILITY_CONFORMANCE="full"))
    statement = text(client.get("/barrierefreiheit", headers=ENGLISH))
    assert "<h1>Accessibility statement</h1>" in statement
    assert "fully compliant" in statement and "Non-accessible content" not in statement
    assert "on 1 Dec 2026" in statement
    assert "<h1>Privacy policy</h1>" in text(client.get("/datenschutz", headers=ENGLISH))
    imprint = text(client.get("/impressum", headers=ENGLISH))
    assert "<h1>Legal notice</h1>" in imprint and "Represented by: den Kreisausschuss" in imprint


def test_without_operator_facts_the_pages_say_what_is_missing(client):
    page = text(client.get("/impressum"))
    assert "Die Angaben zum Betreiber dieser Installation fehlen noch" in page
    statement = text(client.get("/barrierefreiheit"))
    assert 'name="message"' not in statement and "Bitte wenden Sie sich an den Betreiber" in statement


HOSTILE = """## Zuständig

Kreisausschuss **Main-Kinzig**, [Kontakt](mailto:jobnet@kca.example), [Web](https://kca.example)

<script>alert("x")</script><img src=x onerror="alert(1)"><iframe src="https://evil.example"></iframe>
<a href="javascript:alert(2)" onclick="alert(3)">Klick</a> <b style="color:red">fett</b>
"""


def test_configured_text_is_shown_and_cannot_run_code(app, client, monkeypatch, tmp_path):
    privacy_file = tmp_path / "datenschutz.md"
    privacy_file.write_text("## Eigene Erklärung\n\nAus der Datei.", "utf-8")
    monkeypatch.setitem(app.extensions, "jobnet_legal", _settings(
        app, LEGAL_IMPRINT_TEXT=HOSTILE, LEGAL_PRIVACY_FILE=str(privacy_file),
        LEGAL_PRIVACY_TEXT="Nicht dieser Text"))
    raw = client.get("/impressum").get_data(as_text=True)
    assert "<h2>Zuständig</h2>" in raw and "<strong>Main-Kinzig</strong>" in raw
    assert '<a href="mailto:jobnet@kca.example" rel="noopener noreferrer">Kontakt</a>' in raw
    for bad in ("<script", "alert(", "onerror", "<iframe", "javascript:", "onclick", "style="):
        assert bad not in raw.split('<div class="legal-text">')[1].split("</div>")[0], bad
    assert "Klick" in raw and "fett" in raw  # the words stay, the code goes
    assert "Die Angaben zum Betreiber" not in raw  # the default text is replaced

    privacy = client.get("/datenschutz")
    assert "<h2>Eigene Erklärung</h2>" in privacy.get_data(as_text=True)
    assert "Nicht dieser Text" not in privacy.get_data(as_text=True)  # the file wins
    english = client.get("/datenschutz", headers=ENGLISH).get_data(as_text=True)
    assert '<div class="legal-text" lang="de"><h2>Eigene Erklärung</h2>' in english


def test_configuration_is_checked_at_start(tmp_path):
    base = {"TESTING": True, "SECRET_KEY": "x", "MAIL_TRANSPORT": "memory",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    file = tmp_path / "impressum.md"
    file.write_text("## Impressum der Stadt\n", "utf-8")
    app = create_app({**base, "LEGAL_IMPRINT_FILE": str(file)})
    assert "Impressum der Stadt" in app.extensions["jobnet_legal"].texts["imprint"]
    for wrong in ({"LEGAL_IMPRINT_FILE": str(tmp_path / "fehlt.md")},
                  {"ACCESSIBILITY_CONFORMANCE": "meistens"},
                  {"ACCESSIBILITY_STATEMENT_DATE": "gestern"},
                  {"ACCESSIBILITY_FEEDBACK_MAX_PER_CLIENT": 0},
                  {"LEGAL_TEXT_LANGUAGE": "fr"}):
        with pytest.raises(ConfigError):
            create_app({**base, **wrong})


def test_the_privacy_text_names_the_outside_servers_configured(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    monkeypatch.setitem(app.config, "NOMINATIM_ENABLED", True)
    privacy = text(client.get("/datenschutz"))
    assert "direkt von tile.openstreetmap.org" in privacy
    assert "Nominatim auf nominatim.openstreetmap.org" in privacy
