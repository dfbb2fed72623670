"""Followers of a post hear when it changes in a way that matters to them: a fair moved or
cancelled, the post withdrawn or archived, its organisation changing public fields."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from jobnet.accounts.models import Role
from jobnet.exchange import follows, notification_mail
from jobnet.exchange.notification_models import Notification, Target
from jobnet.exchange.notification_text import line
from jobnet.extensions import db
from jobnet.fairs.services import cancel_fair, move_fair
from jobnet.mail.transports import MemoryTransport
from jobnet.posts import services
from jobnet.posts.models import Kind
from tests.exchange.conftest import NOW

PROJECT = "„Ausbildungsprojekt für junge Geflüchtete“"
KCA = "Kommunales Center für Arbeit (KCA) Main-Kinzig-Kreis"


def _told(user) -> list[str]:
    return [line(n) for n in db.session.scalars(select(Notification).where(
        Notification.user_id == user.id).order_by(Notification.id))]


def _follow(user, post) -> None:
    follows.set_follow(user, Target.POST, str(post.id), follow=True, now=NOW)


def test_an_update_of_public_fields_tells_followers_once_naming_the_fields(
        network, make_user, make_organisation, app):
    fulda = make_user(Role.COORDINATOR, organisation=make_organisation("KJC Fulda", "06631"))
    colleague = make_user(Role.ORGANISER, organisation=network.kca)
    for user in (fulda, colleague, network.kca_coordinator):
        _follow(user, network.project)
    services.update_post(network.project, {"summary": "Jetzt mit 60 Plätzen für junge Menschen.",
                                           "participants": 60},
                         user=network.kca_coordinator, now=NOW + timedelta(hours=1))
    told = f"{KCA} hat {PROJECT} geändert: Kurzbeschreibung, Teilnehmende"
    assert _told(fulda) == _told(colleague) == [told]
    assert _told(network.kca_coordinator) == []  # the editor is not told of their own change
    assert _told(network.offenbach_coordinator) == []  # follows nothing

    # Saving again without a change, or changing only a contact that is not public, tells nothing.
    services.update_post(network.project, {"participants": 60}, user=network.kca_coordinator,
                         now=NOW + timedelta(hours=2))
    services.update_post(network.project, {"contact_name": "Kira Kinzig",
                                           "contact_public": False},
                         user=network.kca_coordinator, now=NOW + timedelta(hours=3))
    assert _told(fulda) == [told]

    # By mail, like every notification: one mail, sent once.
    assert notification_mail.prepare(now=NOW + timedelta(hours=4)) == 2
    assert notification_mail.prepare(now=NOW + timedelta(hours=4)) == 0
    transport = MemoryTransport()
    notification_mail.send_due(transport, now=NOW + timedelta(hours=4))
    notification_mail.send_due(transport, now=NOW + timedelta(hours=5))
    mails = [m for m in transport.outbox if m["To"] == fulda.email]
    assert len(mails) == 1
    assert "Kurzbeschreibung, Teilnehmende" in mails[0].get_body(("plain",)).get_content()


def test_english_readers_get_the_english_field_labels(network, make_user, make_organisation,
                                                     app):
    from flask_babel import force_locale

    fulda = make_user(Role.COORDINATOR, organisation=make_organisation("KJC Fulda", "06631"))
    _follow(fulda, network.project)
    services.update_post(network.project, {"place": "Hanau, Innenstadt"},
                         user=network.kca_coordinator, now=NOW + timedelta(hours=1))
    with app.test_request_context(), force_locale("en"):
        [sentence] = _told(fulda)
    assert sentence.endswith(": Location") and "Ort" not in sentence


def test_withdrawn_and_archived_posts_tell_their_followers(network, make_user, make_organisation,
                                                          make_post, login_as, client):
    fulda = make_user(Role.COORDINATOR, organisation=make_organisation("KJC Fulda", "06631"))
    moderator = make_user(Role.MODERATOR)
    _follow(fulda, network.project)
    _follow(moderator, network.project)
    services.unpublish_post(network.project, moderator=moderator, reason="Bitte Quelle ergänzen.",
                            now=NOW + timedelta(hours=1))
    assert _told(fulda) == [f"{PROJECT} von {KCA} wurde zurückgezogen"]
    assert _told(moderator) == []  # who withdrew it is not told
    # The post is hidden from Fulda now: the link leads to whom to ask, not to a 404.
    [withdrawn] = db.session.scalars(select(Notification).where(Notification.user_id == fulda.id))
    login_as(fulda)
    assert client.get(withdrawn.link).status_code == 200
    assert client.get(f"/beitraege/{network.project.id}").status_code == 404

    other = make_post(Kind.PROGRAMME, author=network.kca_coordinator, district_ags="06435",
                      title="Teilqualifizierung Lager")
    _follow(fulda, other)
    services.archive_post(other, user=network.kca_coordinator, now=NOW + timedelta(hours=2))
    # Only the state: a status change is no "changed fields" notification as well.
    assert _told(fulda)[1:] == [f"„Teilqualifizierung Lager“ von {KCA} wurde archiviert"]


def test_posts_archived_when_they_expire_tell_their_followers(network, make_user,
                                                              make_organisation, make_post):
    fulda = make_user(Role.COORDINATOR, organisation=make_organisation("KJC Fulda", "06631"))
    post = make_post(Kind.PROGRAMME, author=network.kca_coordinator, district_ags="06435",
                     title="Teilqualifizierung Lager", valid_until=(NOW + timedelta(days=3)).date())
    _follow(fulda, post)
    assert services.archive_expired_posts(NOW + timedelta(days=5),
                                          fair_archive_after=timedelta(days=1)) == 1
    assert _told(fulda) == [f"„Teilqualifizierung Lager“ von {KCA} wurde archiviert"]


def test_a_moved_and_a_cancelled_fair_tell_their_followers(network, make_user, make_organisation,
                                                          make_post):
    fulda = make_user(Role.COORDINATOR, organisation=make_organisation("KJC Fulda", "06631"))
    fair = make_post(Kind.FAIR, author=network.kca_coordinator, district_ags="06435",
                     title="Jobbörse Gelnhausen")
    _follow(fulda, fair)
    move_fair(fair, user=network.kca_coordinator, now=NOW + timedelta(hours=1),
              starts_at=fair.starts_at + timedelta(days=7), ends_at=fair.ends_at + timedelta(days=7))
    cancel_fair(fair, user=network.kca_coordinator, now=NOW + timedelta(hours=2),
                reason="Halle gesperrt")
    assert _told(fulda) == [f"Die Jobbörse „Jobbörse Gelnhausen“ von {KCA} wurde verschoben",
                            f"Die Jobbörse „Jobbörse Gelnhausen“ von {KCA} wurde abgesagt"]


def test_drafts_tell_nobody(network, make_user, make_organisation, make_post):
    from jobnet.posts.models import Status

    fulda = make_user(Role.COORDINATOR, organisation=make_organisation("KJC Fulda", "06631"))
    draft = make_post(Kind.PROGRAMME, author=network.kca_coordinator, district_ags="06435",
                      status=Status.DRAFT)
    _follow(fulda, draft)
    services.update_post(draft, {"summary": "Ein ganz neuer Entwurfstext für später."},
                         user=network.kca_coordinator, now=NOW + timedelta(hours=1))
    assert _told(fulda) == []
