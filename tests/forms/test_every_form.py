"""Every form of the app, found by crawling it as a visitor and as an administrator: a file in
any of its fields is a 400 with a message, never a 500 and never a change (issue 10, defect 5)."""

from __future__ import annotations

import html
import io
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from jobnet.accounts.models import Role
from jobnet.clock import utcnow
from jobnet.digest.links import manage_token
from jobnet.posts.models import Kind, Status
from tests.conftest import csrf_token_from
from jobnet.accounts.invitations import invite
from tests.digest.conftest import links_in, make_subscription, parts_of  # noqa: F401  (fixture)
from tests.digest.test_subscription_links import FORM as SUBSCRIPTION_FORM
from tests.forms.test_base import MESSAGE
from tests.posts.conftest import make_post  # noqa: F401  (fixture)

SKIPPED_PATHS = ("/static/", "/vendor/", "/konto/abmelden")
MAX_PAGES = 120


class _Forms(HTMLParser):
    """Links and POST forms of a page, read with the standard library's HTML parser."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[tuple[str, list[tuple[str, str]]]] = []
        self._form: tuple[str, list[tuple[str, str]]] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        elif tag == "form" and (attributes.get("method") or "get").lower() == "post":
            self._form = (attributes.get("action") or "", [])
            self.forms.append(self._form)
        elif tag in ("input", "select", "textarea") and self._form and attributes.get("name"):
            if attributes.get("type") not in ("submit", "button", "file"):
                self._form[1].append((attributes["name"], attributes.get("value") or ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def _crawl(client, starts: list[str]) -> dict[str, tuple[str, list[tuple[str, str]]]]:
    """Every POST form reachable from the start pages: action -> (page it is on, fields)."""
    seen, queue, forms = set(), list(starts), {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen or url.startswith(SKIPPED_PATHS) or url.endswith((".json", ".ics", ".csv")):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        parser = _Forms()
        parser.feed(response.get_data(as_text=True))
        for href in parser.links:
            target = urlsplit(urljoin(url, href))
            if not target.netloc:
                queue.append(target.path + (f"?{target.query}" if target.query else ""))
        for action, fields in parser.forms:
            forms.setdefault(urljoin(url, action) if action else url, (url, fields))
    return forms


def _file_in_each_field(client, forms) -> list[str]:
    """POST every form once per field, with a file in that field; what did not answer 400."""
    wrong = []
    for action, (page, fields) in sorted(forms.items()):
        for name, _value in fields:
            if name == "csrf_token":
                continue
            token = csrf_token_from(client.get(page).get_data(as_text=True))
            body = {key: value for key, value in fields if key not in ("csrf_token", name)}
            body["csrf_token"] = token
            body[name] = (io.BytesIO(b"%PDF-1.4 fake"), "lebenslauf.pdf")
            response = client.post(action, data=body, content_type="multipart/form-data")
            text = html.unescape(response.get_data(as_text=True))
            if response.status_code != 400 or MESSAGE not in text:
                wrong.append(f"{action} [{name}]: {response.status_code}")
    return wrong


def _links_in_mails(outbox) -> list[str]:
    return [urlsplit(link).path for message in outbox for link in links_in(parts_of(message)[0])]


def test_every_anonymous_form_refuses_files(app, client, db, submit, mail_outbox, make_user,
                                            make_subscription):
    # The forms behind mailed links too: password reset, subscription confirmation, invitation.
    submit("/konto/passwort-vergessen", {"email": make_user(Role.COORDINATOR).email})
    submit("/wochenuebersicht/", SUBSCRIPTION_FORM)
    admin = make_user(Role.ADMIN)
    invite(admin, email="neu@example.org", name="Neu", role=Role.COORDINATOR,
           organisation_id=admin.organisation_id, now=utcnow(),
           link_for=lambda token: f"http://localhost/konto/einladung/{token}")
    token = manage_token(make_subscription(), utcnow())
    forms = _crawl(client, ["/", "/beitraege/", "/konto/anmelden", "/wochenuebersicht/",
                            f"/wochenuebersicht/verwalten/{token}",
                            f"/wochenuebersicht/abmelden/{token}", *_links_in_mails(mail_outbox)])
    assert {urlsplit(action).path.split("/")[2] for action in forms if action.count("/") > 2} >= {
        "passwort-neu", "bestaetigen", "einladung", "verwalten", "abmelden"}, sorted(forms)
    assert _file_in_each_field(client, forms) == []


def test_every_form_of_a_signed_in_coordinator_refuses_files(client, db, login_as, make_post):
    coordinator = login_as(Role.COORDINATOR)
    posts = [make_post(kind, author=coordinator) for kind in (Kind.PROJECT, Kind.PROGRAMME)]
    draft = make_post(Kind.PROJECT, author=coordinator, status=Status.DRAFT)
    archived = make_post(Kind.PROJECT, author=coordinator, status=Status.ARCHIVED)
    pages = [f"/beitraege/{post.id}" for post in [*posts, draft, archived]]
    forms = _crawl(client, ["/konto/", *[f"/beitraege/neu/{kind}" for kind in Kind],
                            *pages, *[f"{page}/bearbeiten" for page in pages]])
    assert "/konto/" in forms and {action.rsplit("/", 1)[-1] for action in forms} >= {
        "bearbeiten", "archivieren", "veroeffentlichen", "wieder-veroeffentlichen", "project",
        "programme"}, sorted(forms)
    assert _file_in_each_field(client, forms) == []


def test_every_form_of_a_signed_in_administrator_refuses_files(client, db, login_as, make_post,
                                                               make_user):
    admin = login_as(Role.ADMIN)
    colleague = make_user(Role.COORDINATOR, organisation=admin.organisation)
    for kind in Kind:
        make_post(kind, author=colleague)
    make_post(Kind.PROJECT, status=Status.UNPUBLISHED)
    forms = _crawl(client, ["/", "/beitraege/", "/beitraege/eigene", "/verwaltung/",
                            "/moderation/", "/konto/profil", "/wochenuebersicht/verwaltung/"])
    assert len(forms) >= 10, sorted(forms)
    assert _file_in_each_field(client, forms) == []
