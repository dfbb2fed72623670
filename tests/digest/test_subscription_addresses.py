"""Addresses with non-ASCII domains: `bücher.example` and `xn--bcher-kva.example` are one address
for the throttle, the lookup and the opt-out proof."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from jobnet.accounts.services import find_user_by_email, normalise_email
from jobnet.clock import utcnow
from jobnet.digest.links import manage_token
from jobnet.digest.models import OptOut, PendingSubscription, SubscribeThrottle, Subscription
from jobnet.digest.subscriptions import email_hash, find_subscription
from tests.conftest import csrf_token_from
from tests.digest.conftest import links_in, parts_of

UNICODE = "leser@bücher.example"
PUNYCODE = "leser@xn--bcher-kva.example"
FORM = {"kinds": ["settlement", "fair"], "district_mode": "neighbours", "districts": ["06435"],
        "include_catchment": "y", "target_groups": [], "frequency": "weekly", "locale": "de"}


@pytest.mark.parametrize("typed", [UNICODE, PUNYCODE, " Leser@BÜCHER.example ",
                                   "LESER@XN--BCHER-KVA.EXAMPLE", "leser@ｂücher.example"])
def test_both_spellings_normalise_to_the_idna_form(typed):
    assert normalise_email(typed) == PUNYCODE


@pytest.mark.parametrize("odd", ["", "@", "kein-at", "a@", "a@b..c", "a@" + "ü" * 70 + ".de",
                                 "a@bü cher.de", "a@\udcff.de", "a@xn--abc.de", "ü@ü@ü",
                                 "a@bücher..de", "a@.bücher.de"])
def test_odd_input_never_fails_and_stays_as_typed_when_idna_refuses_it(odd):
    typed = odd.strip().lower()
    local, _at, _domain = typed.rpartition("@")
    result = normalise_email(odd)
    assert result == typed or (result.startswith(f"{local}@")
                               and result.rpartition("@")[2].isascii())


@pytest.mark.parametrize("email", ["leser@" + "ü" * 70 + ".de", "leser@bü cher.de",
                                   "leser@bücher..de"])
def test_odd_domains_in_the_form_get_a_field_error_not_a_500(submit, mail_outbox, db, email):
    response = submit("/wochenuebersicht/", {**FORM, "email": email})
    assert response.status_code == 400
    assert mail_outbox == [] and db.session.query(SubscribeThrottle).count() == 0


def test_the_throttle_counts_both_spellings_as_one_address(submit, mail_outbox):
    assert submit("/wochenuebersicht/", {**FORM, "email": UNICODE}).status_code == 200
    assert submit("/wochenuebersicht/", {**FORM, "email": PUNYCODE}).status_code == 429
    assert len(mail_outbox) == 1
    assert mail_outbox[0]["To"] == PUNYCODE  # SMTP without SMTPUTF8 takes the ASCII form


def test_lookup_and_opt_out_proof_are_the_same_for_both_spellings(client, submit, mail_outbox, db):
    submit("/wochenuebersicht/", {**FORM, "email": UNICODE})
    assert db.session.query(PendingSubscription).one().email == PUNYCODE
    path = urlsplit(next(u for u in links_in(parts_of(mail_outbox[0])[0])
                         if "/bestaetigen/" in u)).path
    client.post(path, data={"csrf_token": csrf_token_from(client.get(path).get_data(as_text=True))})
    subscription = db.session.query(Subscription).one()
    assert subscription.email == PUNYCODE
    assert find_subscription(UNICODE) is find_subscription(PUNYCODE) is subscription

    # Subscribing again with the other spelling finds the subscription: a manage link, no new row.
    db.session.query(SubscribeThrottle).delete()
    db.session.commit()
    submit("/wochenuebersicht/", {**FORM, "email": PUNYCODE.upper()})
    assert "/verwalten/" in parts_of(mail_outbox[1])[0]
    assert db.session.query(PendingSubscription).count() == 0

    token = manage_token(subscription, utcnow())
    client.post(f"/wochenuebersicht/abmelden/{token}")
    [proof] = db.session.query(OptOut).all()
    assert proof.email_hash == email_hash(UNICODE) == email_hash(PUNYCODE)


def test_accounts_find_a_user_by_either_spelling(make_user):
    user = make_user(email=normalise_email(UNICODE))
    assert user.email == PUNYCODE
    assert find_user_by_email(UNICODE) is user
    assert find_user_by_email(PUNYCODE.upper()) is user
