"""End to end against a real SMTP server: subscribe, confirm, digest, one-click unsubscribe."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import urlsplit

from jobnet.clock import utcnow
from jobnet.digest.jobs import digest_job
from jobnet.digest.models import OptOut, Subscription
from jobnet.digest.render import message_id
from jobnet.mail.transports import SMTPTransport
from jobnet.posts.models import Kind
from tests.conftest import csrf_token_from
from tests.digest.conftest import links_in, monday_slot, parts_of


def test_subscribe_confirm_receive_digest_and_unsubscribe_with_one_click(
        app, db, client, submit, smtp_server, make_post, monkeypatch):
    transport = SMTPTransport(smtp_server.host, smtp_server.port)
    monkeypatch.setitem(app.extensions, "jobnet_mail", transport)

    page = submit("/wochenuebersicht/", {
        "email": "Leserin@Example.org", "kinds": ["settlement", "project", "fair"],
        "district_mode": "list", "districts": ["06435"], "include_catchment": "y",
        "frequency": "weekly", "locale": "de"})
    assert page.status_code == 200
    assert "Wir haben Ihnen eine E-Mail geschickt" in page.get_data(as_text=True)
    assert db.session.query(Subscription).count() == 0  # nothing stored before confirming

    [(recipients, confirmation)] = smtp_server.messages
    assert recipients == ["leserin@example.org"]
    link = next(u for u in links_in(parts_of(confirmation)[0]) if "/bestaetigen/" in u)
    path = urlsplit(link).path
    button_page = client.get(path)
    assert button_page.status_code == 200
    assert db.session.query(Subscription).count() == 0  # a GET (a link scanner) does not confirm
    confirmed = client.post(path, data={"csrf_token": csrf_token_from(button_page.get_data(as_text=True))})
    assert confirmed.status_code == 302
    subscription = db.session.query(Subscription).one()
    assert subscription.consented_at is not None and subscription.kinds == ["settlement", "project", "fair"]

    slot = monday_slot(utcnow() + timedelta(days=1))
    settlement = make_post(Kind.SETTLEMENT, district_ags="06435", now=slot - timedelta(hours=5),
                           title="Rechenzentrum in Hanau")
    project = make_post(Kind.PROJECT, district_ags="06435", now=slot - timedelta(days=2),
                        title="<script>alert(1)</script> Coaching")
    fair = make_post(Kind.FAIR, district_ags="06435", now=slot - timedelta(days=1),
                     starts_at=slot + timedelta(days=9), ends_at=slot + timedelta(days=9, hours=5))
    make_post(Kind.SETTLEMENT, district_ags="06611", now=slot - timedelta(hours=5))  # Kassel: not wanted

    report = digest_job(app, "weekly", now=slot + timedelta(minutes=2), transport=transport)
    assert (report.sent, report.failed) == (1, 0)
    [(recipients, digest)] = smtp_server.messages[1:]
    week = slot.isocalendar().week
    assert digest["Subject"] == f"JobNet Hessen: 1 Ansiedlung, 1 Projekt, 1 Jobbörse – KW {week}"
    # Deterministic per (subscription, period), but keyed: no database id, no period in it.
    assert digest["Message-ID"] == message_id(subscription.id, f"{slot.year}-W{week:02d}")
    assert re.fullmatch(r"<digest\.[0-9a-f]{32}@jobnet-hessen\.invalid>", digest["Message-ID"])
    assert (digest["Precedence"], digest["Auto-Submitted"]) == ("bulk", "auto-generated")
    assert digest["List-Id"] == "JobNet Hessen Wochenuebersicht <wochenuebersicht.jobnet-hessen.invalid>"
    assert confirmation["Auto-Submitted"] == "auto-generated" and confirmation["Precedence"] is None
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.fullmatch(r"<(\S+)>", digest["List-Unsubscribe"])[1]
    text, html = parts_of(digest)
    assert digest.get_content_type() == "multipart/alternative"
    for post in (settlement, project, fair):
        assert f"/beitraege/{post.id}" in text and f"/beitraege/{post.id}" in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "Main-Kinzig-Kreis" in text and "Kassel" not in text
    assert unsubscribe in text and "/wochenuebersicht/verwalten/" in text

    # RFC 8058: the mail provider POSTs without cookies and without a CSRF token.
    one_click = app.test_client().post(urlsplit(unsubscribe).path,
                                       data={"List-Unsubscribe": "One-Click"})
    assert one_click.status_code == 200
    assert db.session.query(Subscription).count() == 0
    assert db.session.query(OptOut).count() == 1

    make_post(Kind.SETTLEMENT, district_ags="06435", now=slot + timedelta(days=3))
    next_week = digest_job(app, "weekly", now=slot + timedelta(days=7, minutes=2), transport=transport)
    assert next_week.sent == 0 and len(smtp_server.messages) == 2
