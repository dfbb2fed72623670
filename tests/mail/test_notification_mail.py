"""Notification mails as a real SMTP server receives them, read by mailparser (not Python's
`email`): subject, link to the thread, RFC 8058 headers; the one-click POST unsubscribes,
GET and HEAD change nothing."""

from __future__ import annotations

import re

from jobnet.exchange import threads
from jobnet.exchange.notification_models import MailFrequency, NotificationSetting
from jobnet.mail.transports import SMTPTransport
from jobnet.scheduler import notification_mail_job
from tests.exchange.conftest import NOW, XSS, network  # noqa: F401  (fixture)


def test_question_mail_arrives_with_link_and_one_click_unsubscribe(app, db, network, client,  # noqa: F811
                                                                    raw_smtp_server, mailparser):
    thread = threads.ask_on_post(network.offenbach_coordinator, network.project, body=XSS,
                                 now=NOW)
    transport = SMTPTransport(raw_smtp_server.host, raw_smtp_server.port)
    counts = notification_mail_job(app, now=NOW, transport=transport)
    assert counts["sent"] == 1
    assert notification_mail_job(app, now=NOW, transport=transport)["sent"] == 0  # exactly once
    [received] = raw_smtp_server.received
    assert received.rcpt_tos == [network.kca_coordinator.email]
    [parsed] = mailparser([received.raw])
    assert parsed["subject"] == ("Neue Frage von Jobcenter Kreis Offenbach zu "
                                 "„Ausbildungsprojekt für junge Geflüchtete“")
    link = f"{app.config['PUBLIC_BASE_URL']}/fragen/{thread.id}"
    assert link in parsed["text"] and f'href="{link}"' in parsed["html"]
    assert "alert(1)" not in parsed["text"] + parsed["html"]  # the question's text stays in JobNet
    lines = {line["key"]: line["line"] for line in parsed["headerLines"]}
    assert lines["list-unsubscribe-post"] == "List-Unsubscribe-Post: List-Unsubscribe=One-Click"
    unsubscribe = re.fullmatch(r"List-Unsubscribe: <(\S+)>", lines["list-unsubscribe"]).group(1)
    path = unsubscribe.removeprefix(app.config["PUBLIC_BASE_URL"])
    assert path.startswith("/benachrichtigungen/abbestellen/")

    assert client.get(path).status_code == 200 and client.head(path).status_code == 200
    setting = db.session.get(NotificationSetting, network.kca_coordinator.id)
    db.session.refresh(setting)
    assert setting.frequency == MailFrequency.IMMEDIATELY  # GET and HEAD change nothing
    response = client.post(path, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    db.session.refresh(setting)
    assert setting.frequency == MailFrequency.NEVER
    assert client.post(path[:-3] + "xyz").status_code in (400, 404)

    threads.reply(network.offenbach_coordinator, thread, body="Nachtrag", now=NOW)
    assert notification_mail_job(app, now=NOW, transport=transport)["sent"] == 0
    assert len(raw_smtp_server.received) == 1
