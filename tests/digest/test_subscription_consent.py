"""The consent record: what was consented to (preferences, wording version) and when."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

from jobnet.clock import utcnow
from jobnet.digest import subscriptions
from jobnet.digest.links import manage_token
from jobnet.digest.models import Subscription
from tests.conftest import csrf_token_from
from tests.digest.conftest import links_in, parts_of

FORM = {"email": "leser@example.org", "kinds": ["settlement", "fair"], "district_mode": "list",
        "districts": ["06435", "06631"], "include_catchment": "y", "target_groups": ["youth_u25"],
        "frequency": "daily", "locale": "en"}
CONSENTED = {"kinds": ["settlement", "fair"], "district_mode": "list",
             "districts": ["06435", "06631"], "include_catchment": True,
             "target_groups": ["youth_u25"], "frequency": "daily", "locale": "en"}
# The consent texts of the current CONSENT_WORDING. When this test fails, the wording changed:
# bump subscriptions.CONSENT_WORDING and put the new version and fingerprint here.
WORDING_FINGERPRINTS = {"2026-12": "603f12e15b70a2cb", "2026-12b": "1133173274d223e1"}
CONFIRM_TEMPLATE = Path(__file__).parents[2] / "templates" / "digest" / "confirm.html"


def test_confirmation_records_the_preferences_and_the_wording_consented_to(
        app, client, submit, mail_outbox, db):
    page = client.get("/wochenuebersicht/")
    assert str(subscriptions.CONSENT_TEXT) in page.get_data(as_text=True)
    submit("/wochenuebersicht/", FORM)
    path = urlsplit(next(u for u in links_in(parts_of(mail_outbox[0])[0])
                         if "/bestaetigen/" in u)).path
    confirm_page = client.get(path).get_data(as_text=True)
    client.post(path, data={"csrf_token": csrf_token_from(confirm_page)})
    subscription = db.session.query(Subscription).one()
    assert subscription.consent_preferences == CONSENTED
    assert subscription.consent_wording == subscriptions.CONSENT_WORDING == "2026-12b"
    assert subscription.consented_at is not None
    assert subscription.requested_at <= subscription.consented_at

    # Later changes of the preferences are not consent: the record stays as confirmed.
    token = manage_token(subscription, utcnow())
    submit(f"/wochenuebersicht/verwalten/{token}", {**FORM, "frequency": "weekly"})
    db.session.expire_all()
    subscription = db.session.query(Subscription).one()
    assert subscription.frequency == "weekly"
    assert subscription.consent_preferences == CONSENTED


def test_member_one_click_records_the_preferences_and_wording(client, login_as, submit, db):
    user = login_as()
    submit("/wochenuebersicht/mitglied", {}, page="/konto/")
    subscription = db.session.query(Subscription).one()
    assert subscription.consent_wording == subscriptions.MEMBER_CONSENT_WORDING
    assert subscription.consent_preferences["districts"] == [user.organisation.district_ags]
    assert subscription.consent_preferences["kinds"] == subscription.kinds
    assert subscription.consent_preferences["frequency"] == "weekly"


def test_the_consent_wording_has_not_changed_without_a_new_version(app):
    with app.test_request_context(headers={"Accept-Language": "de"}):
        texts = [str(subscriptions.CONSENT_TEXT),
                 *re.findall(r'_\("([^"]+)"', CONFIRM_TEMPLATE.read_text(encoding="utf-8"))]
    fingerprint = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
    assert WORDING_FINGERPRINTS.get(subscriptions.CONSENT_WORDING) == fingerprint, (
        "the consent wording changed: bump CONSENT_WORDING in jobnet/digest/subscriptions.py")
