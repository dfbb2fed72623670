"""The accessibility feedback form end to end: the mail arrives at a real SMTP server, CSRF is
required, bad input is a 4xx, too many reports a 429, and nothing personal reaches the log."""

from __future__ import annotations

import html
import logging

import pytest

from jobnet.accounts.models import AuthThrottle
from jobnet.legal.settings import LegalSettings
from jobnet.mail.transports import SMTPTransport
from tests.conftest import csrf_token_from
from tests.posts.conftest import field_errors

URL = "/barrierefreiheit"
REPORT = {"message": "Die Karte lässt sich mit dem Screenreader nicht bedienen. <b>Bitte</b> prüfen.",
          "page": "https://jobnet.example/karte", "name": "Erika Mustermann",
          "email": "erika@example.org"}
FEEDBACK_TO = "barrierefreiheit@kreis.example"


@pytest.fixture()
def configured(app, monkeypatch):
    """The feedback address set, and small limits so the tests reach them."""
    settings = LegalSettings.from_config({
        **app.config, "ACCESSIBILITY_FEEDBACK_TO": FEEDBACK_TO,
        "ACCESSIBILITY_FEEDBACK_MAX_PER_CLIENT": 2, "ACCESSIBILITY_FEEDBACK_MAX_PER_HOUR": 3})
    monkeypatch.setitem(app.extensions, "jobnet_legal", settings)
    return settings


@pytest.fixture()
def smtp(app, smtp_server, monkeypatch):
    monkeypatch.setitem(app.extensions, "jobnet_mail",
                        SMTPTransport(smtp_server.host, smtp_server.port))
    return smtp_server


def post_report(app, data: dict, *, client=None, address: str = "198.51.100.7", token=True):
    client = client or app.test_client()
    environ = {"REMOTE_ADDR": address}
    page = client.get(URL, environ_base=environ).get_data(as_text=True)
    body = {**data, "csrf_token": csrf_token_from(page)} if token else dict(data)
    return client.post(URL, data=body, environ_base=environ)


def test_a_report_arrives_by_mail_and_the_visitor_is_thanked(app, db, configured, smtp, caplog):
    client = app.test_client()
    with caplog.at_level(logging.DEBUG):
        response = post_report(app, REPORT, client=client)
    assert response.status_code == 302 and response.location.endswith(URL)
    thanks = html.unescape(client.get(URL).get_data(as_text=True))
    assert "Vielen Dank! Ihre Rückmeldung ist angekommen." in thanks

    [(recipients, mail)] = smtp.messages
    assert recipients == [FEEDBACK_TO]
    assert mail["Subject"] == "Rückmeldung zur Barrierefreiheit von JobNet Hessen"
    assert mail["Reply-To"] == "erika@example.org"
    text = mail.get_body(preferencelist=("plain",)).get_content()
    mail_html = mail.get_body(preferencelist=("html",)).get_content()
    for value in (REPORT["message"], REPORT["page"], REPORT["name"], REPORT["email"]):
        assert value in text
    assert "&lt;b&gt;Bitte&lt;/b&gt;" in mail_html and "<b>Bitte</b>" not in mail_html
    # Nothing the visitor typed is logged or stored (only HMAC counters). The SMTP sink's
    # own debug log (mail.log) is the receiving side, not ours.
    logged = "\n".join(record.getMessage() for record in caplog.records
                        if not record.name.startswith("mail.log"))
    for value in ("Mustermann", "erika@example.org", "Screenreader", "198.51.100.7"):
        assert value not in logged
    counters = db.session.query(AuthThrottle).all()
    assert counters and all("198.51.100.7" not in row.subject + row.client for row in counters)


def test_an_anonymous_report_has_no_reply_address(app, db, configured, smtp):
    response = post_report(app, {"message": "Der Kontrast der Links ist zu schwach."})
    assert response.status_code == 302
    [(_recipients, mail)] = smtp.messages
    assert mail["Reply-To"] is None
    assert "Ohne Adresse ist keine Antwort möglich." in mail.get_body(
        preferencelist=("plain",)).get_content()


def test_the_form_needs_its_csrf_token(app, db, configured, mail_outbox):
    response = post_report(app, REPORT, token=False)
    assert response.status_code == 400 and mail_outbox == []


@pytest.mark.parametrize("change", [
    {"message": ""}, {"message": "zu kurz"}, {"message": "x" * 5001},
    {"email": "keine-adresse"}, {"email": "a@b.de\r\nBcc: x@y.de"},
    {"name": "Erika\r\nBcc: x@y.de"}, {"page": "p" * 501},
])
def test_bad_input_is_a_400_with_a_message_and_no_mail(app, db, configured, mail_outbox, change):
    response = post_report(app, {**REPORT, **change})
    assert response.status_code == 400
    assert field_errors(response.get_data(as_text=True))
    assert 'name="message"' in response.get_data(as_text=True)  # the form again, input kept
    assert mail_outbox == []


def test_too_many_reports_get_a_429_per_client_and_overall(app, db, configured, mail_outbox):
    for _ in range(2):
        assert post_report(app, REPORT, address="203.0.113.1").status_code == 302
    refused = post_report(app, REPORT, address="203.0.113.1")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert FEEDBACK_TO in html.unescape(refused.get_data(as_text=True))  # write instead
    assert "steht noch" not in refused.get_data(as_text=True)
    assert 'Die Karte lässt sich' in html.unescape(refused.get_data(as_text=True))  # kept
    # Another client still gets through, until all clients together reach the hourly limit.
    assert post_report(app, REPORT, address="203.0.113.2").status_code == 302
    assert post_report(app, REPORT, address="203.0.113.3").status_code == 429
    assert len(mail_outbox) == 3


def test_a_mail_server_that_is_down_gives_503_and_keeps_the_text(app, db, configured, caplog,
                                                                 monkeypatch):
    monkeypatch.setitem(app.extensions, "jobnet_mail", SMTPTransport("127.0.0.1", 9, timeout=2))
    with caplog.at_level(logging.WARNING, logger="jobnet.legal"):
        response = post_report(app, REPORT)
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 503 and "konnte gerade nicht verschickt werden" in page
    assert REPORT["message"] in page and FEEDBACK_TO in page
    assert "accessibility feedback not sent" in caplog.text
    assert "Mustermann" not in caplog.text and "erika@" not in caplog.text
