"""A walk through every page type and every mail, as their users reach them: the raw HTML that
outside checkers (the Nu validator) read. One walk, many pages: the validator starts once."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from jobnet.accounts.models import Organisation, Role, User
from jobnet.clock import utcnow
from jobnet.demo.loader import load_demo
from jobnet.digest.jobs import digest_job
from jobnet.digest.models import Subscription
from jobnet.posts.models import Kind, Post, Status
from tests.conftest import TEST_PASSWORD, csrf_token_from
from tests.posts.conftest import form_data, hidden_fields

LINK_RE = re.compile(r'href="(https?://[^"]+)"')
EDIT = "/beitraege/{}/bearbeiten"


class Tour:
    """Collects pages and mails by name; `expect` checks each page's status on the way."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.pages: dict[str, str] = {}
        self.outbox = app.extensions["jobnet_mail"].outbox
        self.mails_seen = len(self.outbox)

    def client(self, role_or_user: str | User | None = None, locale: str = "de") -> FlaskClient:
        client = self.app.test_client()
        if locale != "de":
            form = client.get("/konto/anmelden").get_data(as_text=True)
            client.post("/language", data={"csrf_token": csrf_token_from(form), "locale": locale})
        if role_or_user is not None:
            user = role_or_user if isinstance(role_or_user, User) else self.user(role_or_user)
            self.submit(client, "/konto/anmelden", {"email": user.email, "password": TEST_PASSWORD},
                        expect=302)
        return client

    def user(self, role: str) -> User:
        from jobnet.extensions import db

        # Demo users have random passwords: each role gets a tour user in a demo organisation.
        email = f"tour-{role}@example.org"
        user = db.session.scalar(select(User).where(User.email == email))
        if user is None:
            from jobnet.accounts.passwords import hash_password

            organisation = db.session.scalar(select(Organisation).order_by(Organisation.id))
            user = User(email=email, name=f"Tour {role}", role=role, organisation=organisation,
                        password_hash=hash_password(TEST_PASSWORD))
            db.session.add(user)
            db.session.commit()
        return user

    def get(self, client: FlaskClient, name: str, url: str, expect: int = 200) -> str:
        response = client.get(url)
        return self.keep(name, url, response, expect)

    def submit(self, client: FlaskClient, url: str, data: dict, *, name: str | None = None,
               page: str | None = None, expect: int = 200) -> str:
        html = client.get(page or url).get_data(as_text=True)
        payload = {**hidden_fields(html), "csrf_token": csrf_token_from(html), **data}
        response = client.post(url, data=payload)
        return self.keep(name, url, response, expect)

    def keep(self, name: str | None, url: str, response, expect: int) -> str:
        html = response.get_data(as_text=True)
        assert response.status_code == expect, f"{url}: {response.status_code} {html[:300]}"
        if name:
            self.pages[name] = html
        return html

    def mail(self, name: str) -> str:
        """The HTML part of the latest mail, kept under the name; returns its first link."""
        assert len(self.outbox) > self.mails_seen, f"no {name} mail was sent"
        self.mails_seen = len(self.outbox)
        message = self.outbox[-1]
        html = message.get_body(preferencelist=("html",)).get_content()
        self.pages[f"mail-{name}"] = html
        links = LINK_RE.findall(html)
        return links[0] if links else ""


def local_path(link: str) -> str:
    return re.sub(r"^https?://[^/]+", "", link).replace("&amp;", "&")


def take_tour(app: Flask, db, instance: Path) -> dict[str, str]:
    """Every page type and mail, in German, plus the main pages in English."""
    load_demo(now=utcnow(), instance_path=instance)
    tour = Tour(app)
    _public_pages(tour, db)
    _posting_pages(tour, db)
    _staff_pages(tour, db)
    _subscriber_pages(tour, db)
    _account_pages(tour)
    _member_pages(tour, db)
    return tour.pages


def published(db, kind: str) -> Post:
    return db.session.scalars(select(Post).where(Post.kind == kind, Post.status == Status.PUBLISHED)
                              .order_by(Post.id)).first()


def _public_pages(tour: Tour, db) -> None:
    for locale in ("de", "en"):
        visitor = tour.client(locale=locale)
        tour.get(visitor, f"home-{locale}", "/")
        tour.get(visitor, f"list-{locale}", "/beitraege/")
        tour.get(visitor, f"list-filtered-{locale}", "/beitraege/?art=fair&kreis=06412&q=Messe")
        tour.get(visitor, f"list-empty-{locale}", "/beitraege/?q=Gibtesnichtzzz")
        tour.get(visitor, f"map-list-{locale}", "/karte/liste?art=project")
        for kind in Kind:
            post = published(db, kind)
            tour.get(visitor, f"detail-{kind.value}-{locale}", f"/beitraege/{post.id}")
        tour.get(visitor, f"login-{locale}", "/konto/anmelden")
        tour.get(visitor, f"not-found-{locale}", "/gibt-es-nicht", expect=404)
        tour.get(visitor, f"past-fairs-{locale}", "/beitraege/?kind=fair&past=y")
        tour.get(visitor, f"calendar-{locale}", "/jobboersen/")
        tour.get(visitor, f"calendar-list-{locale}", "/jobboersen/?ansicht=liste")
        tour.get(visitor, f"calendar-archive-{locale}", "/jobboersen/archiv")
        for page in ("impressum", "datenschutz", "barrierefreiheit", "schnittstelle"):
            tour.get(visitor, f"{page}-{locale}", f"/{page}")
        tour.get(visitor, f"embed-builder-{locale}", "/einbetten?district=06435&neighbours=y")
        tour.get(visitor, f"embedded-map-{locale}", "/karte/eingebettet?district=06435")
        tour.get(visitor, f"export-fields-{locale}", "/beitraege/export-felder")
    visitor = tour.client()
    tour.submit(visitor, "/konto/anmelden", {"email": "niemand@example.org", "password": "falsch"},
                name="login-failed")
    tour.get(visitor, "reset-request", "/konto/passwort-vergessen")
    response = visitor.post("/", data={})
    tour.keep("method-not-allowed", "/", response, 405)


def _posting_pages(tour: Tour, db) -> None:
    coordinator = tour.user(Role.COORDINATOR)
    client = tour.client(coordinator)
    tour.get(client, "choose-kind", "/beitraege/neu")
    for kind in Kind:
        tour.get(client, f"new-{kind.value}", f"/beitraege/neu/{kind.value}")
    tour.submit(client, "/beitraege/neu/fair", {**form_data(Kind.FAIR), "title": "", "save": "1"},
                name="new-fair-errors", expect=422)
    tour.submit(client, "/beitraege/neu/programme", {**form_data(Kind.PROGRAMME), "save": "1"},
                expect=302)
    draft = db.session.scalars(select(Post).where(Post.author_id == coordinator.id)).one()
    tour.get(client, "detail-draft", f"/beitraege/{draft.id}")
    tour.submit(client, "/beitraege/neu/project", {**form_data(Kind.PROJECT), "publish": "1"},
                expect=302)
    own = db.session.scalars(select(Post).where(Post.author_id == coordinator.id,
                                                Post.kind == Kind.PROJECT)).one()
    edit = EDIT.format(own.id)
    stale = tour.get(client, "edit-project", edit)
    tour.submit(client, edit, {**form_data(Kind.PROJECT), "title": "Neu", "save": "1"}, expect=302)
    # Saving the form loaded before that change: the conflict page (409).
    payload = {**hidden_fields(stale), **form_data(Kind.PROJECT), "title": "Später", "save": "1"}
    tour.keep("edit-conflict", edit, client.post(edit, data=payload), 409)
    tour.submit(client, edit, {**form_data(Kind.PROJECT), "summary": "", "save": "1"},
                name="edit-errors", expect=422)
    tour.get(client, "history", f"/beitraege/{own.id}/verlauf")
    tour.get(client, "my-organisation", "/beitraege/meine-organisation")
    tour.get(client, "profile", "/konto/")
    tour.get(client, "forbidden", "/moderation/", expect=403)
    english = tour.client(tour.user(Role.ORGANISER), locale="en")
    tour.get(english, "new-fair-en", "/beitraege/neu/fair")


def _staff_pages(tour: Tour, db) -> None:
    moderator = tour.client(Role.MODERATOR)
    tour.get(moderator, "moderation", "/moderation/")
    coordinator = tour.user(Role.COORDINATOR)
    post = db.session.scalars(select(Post).where(Post.author_id == coordinator.id,
                                                 Post.kind == Kind.PROJECT)).one()
    unpublish = f"/moderation/{post.id}/zurueckziehen"
    tour.get(moderator, "unpublish", unpublish)
    tour.submit(moderator, unpublish, {"reason": ""}, name="unpublish-errors")
    tour.submit(moderator, unpublish, {"reason": "Bitte Quelle angeben."}, expect=302)
    tour.mail("post-withdrawn")
    tour.submit(tour.client(coordinator), EDIT.format(post.id),
                {**form_data(Kind.PROJECT), "title": "Mit Quelle", "save": "1"}, expect=302)
    tour.mail("post-in-review")
    tour.get(moderator, "moderation-with-review", "/moderation/")
    tour.submit(moderator, f"/moderation/{post.id}/freigeben", {}, page="/moderation/", expect=302)
    tour.mail("post-approved")

    admin = tour.client(Role.ADMIN)
    for name, url in (("admin-users", "/verwaltung/nutzer"),
                      ("admin-organisations", "/verwaltung/organisationen"),
                      ("admin-organisation-new", "/verwaltung/organisationen/neu"),
                      ("admin-invite", "/verwaltung/einladen"),
                      ("admin-digest", "/verwaltung/wochenuebersicht/")):
        tour.get(admin, name, url)
    user = tour.user(Role.COORDINATOR)
    tour.get(admin, "admin-user", f"/verwaltung/nutzer/{user.id}")
    tour.get(admin, "admin-organisation", f"/verwaltung/organisationen/{user.organisation_id}")
    tour.submit(admin, "/verwaltung/organisationen/neu", {"name": "", "kind": "job_centre"},
                name="admin-organisation-errors")
    organisation = user.organisation_id
    tour.submit(admin, "/verwaltung/einladen", {"email": "neu@example.org", "name": "Nina Neu",
                                                 "role": Role.COORDINATOR,
                                                 "organisation_id": organisation}, expect=302)
    invitation = local_path(tour.mail("invitation"))
    tour.get(tour.client(), "accept-invitation", invitation)
    tour.get(tour.client(), "invitation-broken", "/konto/einladung/kaputt", expect=400)


def _subscriber_pages(tour: Tour, db) -> None:
    visitor = tour.client()
    tour.get(visitor, "subscribe", "/wochenuebersicht/")
    tour.submit(visitor, "/wochenuebersicht/", {"email": "kein-at", "kinds": "fair"},
                name="subscribe-errors", expect=400)
    tour.submit(visitor, "/wochenuebersicht/",
                {"email": "leserin@example.org", "kinds": [k.value for k in Kind],
                 "district_mode": "all", "frequency": "weekly", "locale": "de", "consent": "y"},
                name="check-inbox")
    confirm = local_path(tour.mail("confirm-subscription"))
    tour.get(visitor, "confirm", confirm)
    tour.submit(visitor, confirm, {}, expect=302)
    again = {"email": "leserin@example.org", "kinds": "fair", "district_mode": "all",
             "frequency": "weekly", "locale": "de", "consent": "y"}
    tour.submit(tour.client(), "/wochenuebersicht/", again, name="subscribe-throttled", expect=429)
    config = tour.app.config
    interval, config["DIGEST_CONFIRM_MIN_INTERVAL_MINUTES"] = (
        config["DIGEST_CONFIRM_MIN_INTERVAL_MINUTES"], 0)
    try:
        tour.submit(tour.client(), "/wochenuebersicht/", again)
    finally:
        config["DIGEST_CONFIRM_MIN_INTERVAL_MINUTES"] = interval
    manage = local_path(tour.mail("manage-subscription"))
    tour.get(visitor, "manage", manage)
    tour.get(visitor, "link-broken", "/wochenuebersicht/verwalten/kaputt", expect=400)

    subscription = db.session.scalars(select(Subscription)).one()
    admin = tour.client(Role.ADMIN)
    preview = f"/verwaltung/wochenuebersicht/{subscription.id}/vorschau"
    tour.get(admin, "admin-digest-preview", preview)
    tour.get(admin, "mail-digest-preview", f"{preview}/mail")
    digest_job(tour.app, "weekly", now=utcnow() + timedelta(days=7))
    tour.mail("digest")
    unsubscribe = next(local_path(link) for link in LINK_RE.findall(tour.pages["mail-digest"])
                       if "/abmelden/" in link)
    tour.get(visitor, "unsubscribe", unsubscribe)
    tour.submit(visitor, unsubscribe, {}, name="unsubscribed")


def _account_pages(tour: Tour) -> None:
    user = tour.user(Role.COORDINATOR)
    visitor = tour.client()
    tour.submit(visitor, "/konto/passwort-vergessen", {"email": user.email}, expect=302)
    reset = local_path(tour.mail("password-reset"))
    tour.get(visitor, "reset-password", reset)
    tour.submit(visitor, reset, {"password": "kurz", "confirm": "anders"},
                name="reset-password-errors")


def _member_pages(tour: Tour, db) -> None:
    """The exchange between members: questions, organisations, notifications, rings, import."""
    client = tour.client(Role.COORDINATOR)
    post = published(db, Kind.PROJECT)
    tour.get(client, "post-questions", f"/beitraege/{post.id}/fragen")
    tour.get(client, "network-questions", "/fragen/?target_group=refugees")
    tour.get(client, "question-new", "/fragen/neu")
    tour.submit(client, "/fragen/neu", {"title": "", "body": "", "topic": "training"},
                name="question-errors", expect=422)
    tour.get(client, "directory", "/organisationen/")
    tour.get(client, "directory-by-state", "/organisationen/?group=state")
    tour.get(client, "organisation-profile", f"/organisationen/{post.organisation_id}")
    tour.get(client, "notifications", "/benachrichtigungen/")
    tour.get(client, "rings", "/vergleichsringe/")
    tour.get(client, "import-upload", "/beitraege/import/")
