"""Bodies go as UTF-8 (8bit) to servers that offer 8BITMIME, as base64 to the rest and when a
line is too long for SMTP; each way, an independent parser (mailparser) reads the same text."""

from __future__ import annotations

import socket

import pytest
from aiosmtpd.controller import Controller

from jobnet.mail.messages import compose_message
from jobnet.mail.transports import SMTPTransport
from tests.mail.conftest import RawHandler

TEXT = "Grüße aus Gießen – Jobbörse am 9. März\n.Punkt am Zeilenanfang\nEnde"
HTML = "<p>Grüße aus <b>Gießen</b></p>\n<p>Jobbörse</p>"


@pytest.fixture()
def seven_bit_server():
    """aiosmtpd that decodes DATA as text: it offers no 8BITMIME (RFC 6152)."""
    handler = RawHandler()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port, decode_data=True)
    controller.start()
    handler.host, handler.port = "127.0.0.1", port
    try:
        yield handler
    finally:
        controller.stop()


def _send(app, server, text=TEXT, html=HTML):
    with app.app_context():
        message = compose_message(to="leserin@example.org", subject="Test", text=text, html=html)
        SMTPTransport(server.host, server.port).send(message)
    return server.received[-1]


def _encodings(raw: bytes) -> list[str]:
    return [line.split(b":", 1)[1].strip().decode() for line in raw.split(b"\r\n")
            if line.lower().startswith(b"content-transfer-encoding:")]


def test_utf_8_bodies_go_as_8bit_to_a_server_that_offers_it(app, raw_smtp_server, mailparser):
    received = _send(app, raw_smtp_server)
    assert "BODY=8BITMIME" in received.mail_options
    assert _encodings(received.raw) == ["8bit", "8bit"]
    assert "Grüße aus Gießen".encode() in received.raw
    assert max(len(line) for line in received.raw.split(b"\r\n")) <= 998
    [parsed] = mailparser([received.raw])
    assert parsed["text"].strip() == TEXT.strip()
    assert "<b>Gießen</b>" in parsed["html"]


def test_a_server_without_8bitmime_gets_seven_bit_base64(app, seven_bit_server, mailparser):
    received = _send(app, seven_bit_server)
    assert not any(o.startswith("BODY=") for o in received.mail_options)
    raw = received.raw if isinstance(received.raw, bytes) else received.raw.encode()
    assert raw.isascii()
    assert _encodings(raw) == ["base64", "base64"]
    [parsed] = mailparser([raw])
    assert parsed["text"].strip() == TEXT.strip()
    assert "<b>Gießen</b>" in parsed["html"]


def test_a_line_longer_than_smtp_allows_goes_in_base64(app, raw_smtp_server, mailparser):
    long_line = "Jobbörse " * 200  # 2,000 octets in UTF-8
    received = _send(app, raw_smtp_server, text=long_line)
    assert _encodings(received.raw) == ["base64", "8bit"]
    assert max(len(line) for line in received.raw.split(b"\r\n")) <= 998
    [parsed] = mailparser([received.raw])
    assert parsed["text"].strip() == long_line.strip()
