"""Subscriber links: link scanners (GET, HEAD) change nothing, only the RFC 8058 one-click POST
unsubscribes; confirmation links carry no address and do not outlive an opt-out."""

from __future__ import annotations

import base64
import binascii
import zlib
from datetime import timedelta
from urllib.parse import unquote, urlsplit

import pytest

from jobnet.clock import utcnow
from jobnet.digest.links import manage_token
from jobnet.digest.models import OptOut, PendingSubscription, SubscribeThrottle, Subscription
from jobnet.digest.pending import confirm_token_hash
from jobnet.digest.subscriptions import delete_expired_pending, email_hash
from tests.conftest import csrf_token_from
from tests.digest.conftest import links_in, parts_of

ADDRESS = "leser@example.org"
FORM = {"email": ADDRESS, "kinds": ["settlement", "fair"], "district_mode": "neighbours",
        "districts": ["06435"], "include_catchment": "y", "target_groups": [],
        "frequency": "weekly", "locale": "de"}


def _confirm_url(message) -> str:
    return next(u for u in links_in(parts_of(message)[0]) if "/bestaetigen/" in u)


def _confirm(client, path: str):
    page = client.get(path)
    return client.post(path, data={"csrf_token": csrf_token_from(page.get_data(as_text=True))})


def _allow_next_mail(db) -> None:
    """Forget the throttle, as if the minimum interval had passed."""
    db.session.query(SubscribeThrottle).delete()
    db.session.commit()


def test_head_and_get_from_link_scanners_never_unsubscribe_only_the_one_click_post_does(
        app, client, make_subscription, db):
    subscription = make_subscription(ADDRESS)
    token = manage_token(subscription, utcnow())
    unsubscribe, manage = f"/wochenuebersicht/abmelden/{token}", f"/wochenuebersicht/verwalten/{token}"
    scanner = app.test_client()  # a mail gateway: no cookie, follows every link, several times
    for _ in range(3):
        assert scanner.head(unsubscribe).status_code == 200  # was: 200 and the rows were gone
        assert scanner.get(unsubscribe).status_code == 200
        assert scanner.head(manage).status_code == 200
        assert scanner.get(manage).status_code == 200
    assert client.get(manage).status_code == 200  # the manage link still works
    assert db.session.query(Subscription).count() == 1
    assert db.session.query(OptOut).count() == 0

    # RFC 8058 exactly as Gmail sends it: no cookie, no CSRF token, a fixed form body.
    gmail = app.test_client(use_cookies=False)
    response = gmail.post(unsubscribe, data="List-Unsubscribe=One-Click",
                          content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert db.session.query(Subscription).count() == 0
    assert [row.email_hash for row in db.session.query(OptOut)] == [email_hash(ADDRESS)]
    assert client.get(manage).status_code == 410
    assert gmail.post(unsubscribe, data="List-Unsubscribe=One-Click",
                      content_type="application/x-www-form-urlencoded").status_code == 200


def test_head_and_get_on_a_confirmation_link_give_no_consent(app, client, submit, mail_outbox, db):
    submit("/wochenuebersicht/", FORM)
    path = urlsplit(_confirm_url(mail_outbox[0])).path
    scanner = app.test_client()
    for _ in range(3):
        assert scanner.head(path).status_code == 200
        assert scanner.get(path).status_code == 200
    assert db.session.query(Subscription).count() == 0
    assert db.session.query(PendingSubscription).count() == 1
    assert _confirm(client, path).status_code == 302
    assert db.session.query(Subscription).count() == 1
    assert db.session.query(PendingSubscription).count() == 0  # used up on confirmation


def _decodings(token: str) -> list[bytes]:
    """Whatever base64 (with or without zlib, as itsdangerous writes it) reveals in a token."""
    found = []
    for part in [token, *token.replace(".", " ").split()]:
        for candidate in (part, part.lstrip(".")):
            for start in range(4):
                chunk = candidate[start:]
                try:
                    raw = base64.urlsafe_b64decode(chunk + "=" * (-len(chunk) % 4))
                except (binascii.Error, ValueError):
                    continue
                found.append(raw)
                try:
                    found.append(zlib.decompress(raw))
                except zlib.error:
                    pass
    return found


def _base64_spellings(text: str) -> list[str]:
    """The base64 text of `text` at each of the three alignments it can have inside a payload."""
    spellings = []
    for shift in range(3):
        encoded = base64.b64encode(b"\0" * shift + text.encode()).decode()
        core = encoded[4 if shift else 0:-4]  # drop the groups the neighbours also change
        spellings += [core, core.replace("+", "-").replace("/", "_")]
    return spellings


def test_the_confirmation_link_carries_neither_the_address_nor_any_base64_of_it(
        submit, mail_outbox, db):
    submit("/wochenuebersicht/", FORM)
    url = _confirm_url(mail_outbox[0])
    token = urlsplit(url).path.rsplit("/", 1)[1]
    for text in (url, unquote(url)):
        assert ADDRESS not in text and "leser" not in text
        assert not any(spelling in text for spelling in _base64_spellings(ADDRESS))
    assert not any(b"leser" in decoded for decoded in _decodings(token))
    assert len(token) == 43  # secrets.token_urlsafe(32): random, nothing else
    pending = db.session.query(PendingSubscription).one()
    assert pending.email == ADDRESS and pending.token_hash == confirm_token_hash(token)
    assert token not in pending.token_hash  # only the hash is stored
    assert pending.expires_at - pending.requested_at == timedelta(hours=48)


def test_a_used_confirmation_link_cannot_resubscribe_after_an_unsubscribe(
        client, submit, mail_outbox, db):
    submit("/wochenuebersicht/", FORM)
    path = urlsplit(_confirm_url(mail_outbox[0])).path
    page = client.get(path)
    csrf = csrf_token_from(page.get_data(as_text=True))
    assert client.post(path, data={"csrf_token": csrf}).status_code == 302
    subscription = db.session.query(Subscription).one()
    token = manage_token(subscription, utcnow())
    assert client.post(f"/wochenuebersicht/abmelden/{token}").status_code == 200
    assert db.session.query(Subscription).count() == 0
    # The old link, posted again (a stale tab, a browser history, a scanner replaying a form).
    assert client.post(path, data={"csrf_token": csrf}).status_code == 410
    assert db.session.query(Subscription).count() == 0


def test_a_pending_link_dies_with_an_unsubscribe_of_its_address(client, submit, mail_outbox, db):
    submit("/wochenuebersicht/", FORM)
    _allow_next_mail(db)
    submit("/wochenuebersicht/", {**FORM, "frequency": "daily"})
    first, second = (urlsplit(_confirm_url(m)).path for m in mail_outbox)
    assert _confirm(client, first).status_code == 302
    token = manage_token(db.session.query(Subscription).one(), utcnow())
    assert client.post(f"/wochenuebersicht/abmelden/{token}").status_code == 200
    assert db.session.query(PendingSubscription).count() == 0  # deleted with the subscription
    page = client.get(second)
    assert page.status_code == 410
    assert db.session.query(Subscription).count() == 0


def test_an_opt_out_after_the_request_refuses_the_link_and_a_later_request_works(
        app, client, submit, mail_outbox, db):
    submit("/wochenuebersicht/", FORM)
    path = urlsplit(_confirm_url(mail_outbox[0])).path
    csrf = csrf_token_from(client.get(path).get_data(as_text=True))
    # An opt-out recorded after the link was issued, even if its pending row survived it.
    db.session.add(OptOut(email_hash=email_hash(ADDRESS.upper()), at=utcnow()))
    db.session.commit()
    response = client.post(path, data={"csrf_token": csrf})
    assert response.status_code == 410
    assert db.session.query(Subscription).count() == 0
    assert db.session.query(PendingSubscription).count() == 0
    # Asking again after the opt-out is new consent.
    _allow_next_mail(db)
    submit("/wochenuebersicht/", FORM)
    assert _confirm(client, urlsplit(_confirm_url(mail_outbox[1])).path).status_code == 302
    assert db.session.query(Subscription).count() == 1


def test_expired_pending_rows_are_deleted_when_the_next_request_comes(submit, mail_outbox, db):
    submit("/wochenuebersicht/", FORM)
    db.session.query(PendingSubscription).update(
        {PendingSubscription.expires_at: utcnow() - timedelta(minutes=1)})
    db.session.commit()
    submit("/wochenuebersicht/", {**FORM, "email": "andere@example.org"})
    assert [row.email for row in db.session.query(PendingSubscription)] == ["andere@example.org"]
    assert delete_expired_pending(utcnow()) == 0
    assert delete_expired_pending(utcnow() + timedelta(hours=49)) == 1
    assert db.session.query(PendingSubscription).count() == 0


@pytest.mark.parametrize("token", ["x" * 42, "x" * 44, "a" * 42 + "!", "eyJlIjoiYUBiLmRlIn0.Z1x2.sig"])
def test_malformed_confirmation_tokens_are_a_bad_request(client, token):
    assert client.get(f"/wochenuebersicht/bestaetigen/{token}").status_code == 400
    assert client.post(f"/wochenuebersicht/bestaetigen/{token}").status_code == 400


@pytest.mark.parametrize("subscription_id", [2**31, 2**63, 10**30, -1, 0, True])
def test_signed_links_with_ids_out_of_range_are_refused_not_a_server_error(app, client, subscription_id):
    # Signed with the real key (so only the id is wrong): the id must never reach the query.
    from jobnet.accounts import tokens
    from jobnet.digest.links import MANAGE_SALT

    with app.app_context():
        token = tokens.make_token(app.config["SECRET_KEY"], MANAGE_SALT, [subscription_id, "n"],
                                  utcnow())
    for path in (f"/wochenuebersicht/verwalten/{token}", f"/wochenuebersicht/abmelden/{token}"):
        assert client.get(path).status_code == 400
        assert client.post(path, data={"List-Unsubscribe": "One-Click"}).status_code == 400
