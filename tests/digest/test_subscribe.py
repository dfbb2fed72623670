"""Subscribing: double opt-in, nothing stored before confirming, throttling, bad input, links."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest

from jobnet.clock import utcnow
from jobnet.digest.models import PendingSubscription, SubscribeThrottle, Subscription
from tests.conftest import CSRF_RE, csrf_token_from
from tests.digest.conftest import links_in, parts_of

FORM = {"email": "leser@example.org", "kinds": ["settlement", "fair"], "district_mode": "neighbours",
        "districts": ["06435"], "include_catchment": "y", "target_groups": ["youth_u25"],
        "frequency": "daily", "locale": "en"}


def _confirm_link(message) -> str:
    return urlsplit(next(u for u in links_in(parts_of(message)[0]) if "/bestaetigen/" in u)).path


def test_double_opt_in_stores_nothing_until_the_link_is_confirmed(client, submit, mail_outbox, db):
    response = submit("/wochenuebersicht/", FORM)
    assert response.status_code == 200
    assert db.session.query(Subscription).count() == 0
    [mail] = mail_outbox
    assert mail["Subject"] == "Please confirm your subscription to the daily digest"  # as chosen
    path = _confirm_link(mail)
    page = client.get(path)
    assert "leser@example.org" in page.get_data(as_text=True)
    assert db.session.query(Subscription).count() == 0
    client.post(path, data={"csrf_token": csrf_token_from(page.get_data(as_text=True))})
    subscription = db.session.query(Subscription).one()
    assert (subscription.frequency, subscription.locale, subscription.target_groups) == (
        "daily", "en", ["youth_u25"])
    assert subscription.district_mode == "neighbours" and subscription.districts == ["06435"]
    assert subscription.consented_at is not None and subscription.requested_at is not None


def test_repeated_subscription_is_throttled_and_looks_the_same_for_subscribed_addresses(
        submit, mail_outbox, make_subscription, db):
    make_subscription("schon@example.org")
    first_new = submit("/wochenuebersicht/", FORM)
    first_known = submit("/wochenuebersicht/", {**FORM, "email": "schon@example.org"})
    assert first_new.status_code == first_known.status_code == 200
    # The same page byte for byte, but for the CSRF tokens, which are masked anew every time.
    assert CSRF_RE.sub("", first_new.get_data(as_text=True)) == \
        CSRF_RE.sub("", first_known.get_data(as_text=True))
    assert len(mail_outbox) == 2 and "/verwalten/" in parts_of(mail_outbox[1])[0]
    again_new = submit("/wochenuebersicht/", FORM)
    again_known = submit("/wochenuebersicht/", {**FORM, "email": "SCHON@example.org"})
    assert again_new.status_code == again_known.status_code == 429
    assert "vor Kurzem schon eine E-Mail" in again_new.get_data(as_text=True)
    assert len(mail_outbox) == 2
    stored = {row.email_hash for row in db.session.query(SubscribeThrottle)}
    assert all("@" not in value for value in stored)


@pytest.mark.parametrize("email", ["a@b.de\r\nBcc: x@y.de", "a@b.de\nBcc: x@y.de", "kein-at-zeichen",
                                   "x" * 250 + "@example.org", "", "a@b@c.de"])
def test_ugly_addresses_get_a_field_error_and_nothing_is_stored_or_sent(submit, mail_outbox, db, email):
    response = submit("/wochenuebersicht/", {**FORM, "email": email})
    assert response.status_code == 400
    assert 'class="error"' in response.get_data(as_text=True)
    assert mail_outbox == [] and db.session.query(SubscribeThrottle).count() == 0


@pytest.mark.parametrize("field,value", [("districts", ["99999"]), ("kinds", ["gossip"]),
                                          ("frequency", "hourly"), ("locale", "fr"),
                                          ("target_groups", ["cats"]), ("kinds", [])])
def test_unknown_choices_are_refused(submit, mail_outbox, field, value):
    response = submit("/wochenuebersicht/", {**FORM, field: value})
    assert response.status_code == 400 and mail_outbox == []


def test_tampered_and_expired_confirmation_links_are_refused(client, submit, mail_outbox, db):
    submit("/wochenuebersicht/", FORM)
    path = _confirm_link(mail_outbox[0])
    assert client.get(path[:-3]).status_code == 400  # cut short: not one of our tokens
    assert client.get(path[:-3] + "abc").status_code == 410  # well-formed but unknown
    pending = db.session.query(PendingSubscription).one()
    pending.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert client.get(path).status_code == 410
    assert client.post(path).status_code in (400, 410)
    assert db.session.query(Subscription).count() == 0
    assert db.session.query(PendingSubscription).count() == 0  # expired rows are swept away


def test_manage_link_changes_preferences_and_get_never_unsubscribes(
        app, client, submit, make_subscription, db):
    subscription = make_subscription()
    with app.app_context():
        from jobnet.digest.links import manage_token
        token = manage_token(subscription, utcnow())
    response = submit(f"/wochenuebersicht/verwalten/{token}", {**FORM, "districts": ["06631"],
                                                               "district_mode": "list"})
    assert response.status_code == 302
    db.session.refresh(subscription)
    assert subscription.districts == ["06631"]
    assert client.get(f"/wochenuebersicht/abmelden/{token}").status_code == 200
    assert db.session.query(Subscription).count() == 1  # a GET shows the button only
    assert client.post(f"/wochenuebersicht/abmelden/{token}").status_code == 200
    assert db.session.query(Subscription).count() == 0
    assert client.get(f"/wochenuebersicht/verwalten/{token}").status_code == 410
    assert client.post(f"/wochenuebersicht/abmelden/{token}x").status_code == 400


def test_members_subscribe_with_one_click_from_their_profile(client, login_as, submit, db):
    user = login_as()
    assert "Wochenübersicht abonnieren" in client.get("/konto/").get_data(as_text=True)
    response = submit("/wochenuebersicht/mitglied", {}, page="/konto/")
    assert response.status_code == 302
    subscription = db.session.query(Subscription).one()
    assert subscription.email == user.email and subscription.consented_at is not None
    assert subscription.districts == [user.organisation.district_ags]
    assert "Einstellungen ändern oder abbestellen" in client.get("/konto/").get_data(as_text=True)


def test_a_suspended_subscription_comes_back_only_through_a_new_confirmation(
        client, submit, mail_outbox, make_subscription, db):
    subscription = make_subscription(email="leser@example.org")
    subscription.failed_periods, subscription.suspended_at = 3, utcnow()
    db.session.commit()
    submit("/wochenuebersicht/", FORM)
    [mail] = mail_outbox
    path = _confirm_link(mail)  # a confirmation link, not the settings link of the old one
    page = client.get(path)
    client.post(path, data={"csrf_token": csrf_token_from(page.get_data(as_text=True))})
    db.session.expire_all()
    revived = db.session.query(Subscription).one()
    assert revived.suspended_at is None and revived.failed_periods == 0
