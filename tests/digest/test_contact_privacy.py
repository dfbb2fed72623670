"""Digests go to subscribers without an account: a post's contact never travels in them."""

from __future__ import annotations

from datetime import timedelta

from jobnet.clock import utcnow
from jobnet.digest.jobs import digest_job
from jobnet.mail.transports import SMTPTransport
from jobnet.posts.models import Kind
from tests.digest.conftest import monday_slot, parts_of

CONTACT = {"contact_name": "Erika Mustermann", "contact_email": "erika.mustermann@example.org",
           "contact_phone": "+49 6051 000-4711"}


def test_the_digest_as_received_names_no_contact(app, db, smtp_server, make_post,
                                                 make_subscription, monkeypatch):
    transport = SMTPTransport(smtp_server.host, smtp_server.port)
    monkeypatch.setitem(app.extensions, "jobnet_mail", transport)
    make_subscription("leser@example.org", locale="de")
    slot = monday_slot(utcnow() + timedelta(days=1))
    make_post(Kind.SETTLEMENT, district_ags="06435", now=slot - timedelta(hours=5),
              title="Rechenzentrum in Hanau", **CONTACT)
    make_post(Kind.FAIR, district_ags="06435", now=slot - timedelta(days=1),
              title="Jobmesse in Gelnhausen", starts_at=slot + timedelta(days=9),
              ends_at=slot + timedelta(days=9, hours=5), **CONTACT)

    report = digest_job(app, "weekly", now=slot + timedelta(minutes=2), transport=transport)

    assert (report.sent, report.failed) == (1, 0)
    [(_recipients, digest)] = smtp_server.messages
    for part in parts_of(digest):
        assert "Rechenzentrum in Hanau" in part and "Jobmesse in Gelnhausen" in part
        assert not [value for value in CONTACT.values() if value in part]
        assert "Mustermann" not in part and "4711" not in part
