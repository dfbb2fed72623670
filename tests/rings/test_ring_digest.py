"""The digest choice "my ring": a member gets the posts of their ring's organisations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from jobnet.digest.links import manage_token
from jobnet.digest.models import Subscription
from jobnet.digest.periods import period_for_slot
from jobnet.digest.rounds import run_round
from jobnet.digest.settings import DigestSettings
from jobnet.extensions import db
from jobnet.mail.transports import MemoryTransport
from jobnet.posts.models import Kind
from jobnet.rings.models import RingMember
from tests.conftest import csrf_token_from
from tests.digest.conftest import ALL_KINDS, parts_of

SLOT = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
PERIOD = period_for_slot("weekly", SLOT)


def _news(make_post, net):
    day = SLOT - timedelta(days=1)
    make_post(Kind.SETTLEMENT, author=net.kca_coordinator, district_ags="06435", now=day,
              title="Rechenzentrum in Hanau")
    make_post(Kind.PROJECT, author=net.fulda_coordinator, district_ags="06631", now=day,
              title="Coaching in Fulda")
    make_post(Kind.SETTLEMENT, author=net.outsider_coordinator, district_ags="06435", now=day,
              title="Lager in Gelnhausen")  # in a ring member's district, but not by a member


def _digest_text(app) -> str | None:
    transport = MemoryTransport()
    run_round(PERIOD, settings=DigestSettings.from_config(app.config), transport=transport,
              clock=lambda: SLOT + timedelta(minutes=1), sleep=lambda _s: None)
    return parts_of(transport.outbox[0])[0] if transport.outbox else None


def test_a_member_chooses_my_ring_on_the_manage_page_and_gets_its_posts(
        app, ring_network, make_post, make_subscription, client):
    subscription = make_subscription(ring_network.fulda_coordinator.email,
                                     user_id=ring_network.fulda_coordinator.id)
    url = f"/wochenuebersicht/verwalten/{manage_token(subscription, SLOT)}"
    page = client.get(url).get_data(as_text=True)
    assert "Die Beiträge meines Vergleichsrings" in page and "Vergleichsring Osthessen" in page
    answer = client.post(url, data={
        "csrf_token": csrf_token_from(page), "kinds": ALL_KINDS, "district_mode": "ring",
        "ring_id": str(ring_network.ring.id), "frequency": "weekly", "locale": "de"})
    assert answer.status_code == 302
    assert (subscription.district_mode, subscription.ring_id) == ("ring", ring_network.ring.id)

    _news(make_post, ring_network)
    text = _digest_text(app)
    assert "Rechenzentrum in Hanau" in text and "Coaching in Fulda" in text
    assert "Lager in Gelnhausen" not in text


def test_a_member_whose_organisation_left_the_ring_gets_none_of_its_posts(
        app, ring_network, make_post, make_subscription):
    make_subscription(ring_network.fulda_coordinator.email,
                      user_id=ring_network.fulda_coordinator.id, district_mode="ring",
                      districts=[], ring_row=None)
    subscription = db.session.query(Subscription).one()
    subscription.ring_id = ring_network.ring.id
    db.session.delete(db.session.get(RingMember, (ring_network.ring.id, ring_network.fulda.id)))
    db.session.commit()
    _news(make_post, ring_network)
    assert _digest_text(app) is None  # nothing: the round skips an empty digest


def test_people_without_an_account_cannot_choose_a_ring(app, ring_network, make_subscription,
                                                       client):
    subscription = make_subscription("leser@example.org")
    url = f"/wochenuebersicht/verwalten/{manage_token(subscription, SLOT)}"
    page = client.get(url).get_data(as_text=True)
    assert "Vergleichsring" not in page
    answer = client.post(url, data={
        "csrf_token": csrf_token_from(page), "kinds": ALL_KINDS, "district_mode": "ring",
        "ring_id": str(ring_network.ring.id), "frequency": "weekly", "locale": "de"})
    assert answer.status_code == 400
    assert subscription.district_mode == "list" and subscription.ring_id is None
