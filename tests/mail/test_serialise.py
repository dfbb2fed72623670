"""The SMTP transports hand smtplib the bytes of `wire_bytes` instead of calling send_message
(issue 9's speed budget): what reaches the server must be exactly what send_message sent."""

from __future__ import annotations

import copy
import time
from email.generator import BytesGenerator
from io import BytesIO

from jobnet.mail.messages import compose_message
from jobnet.mail.transports import SMTPTransport
from jobnet.mail.wire import envelope, wire_bytes

FROM = "JobNet Hessen – Übersicht <noreply@jobnet-hessen.example>"
TEXT = "Grüße aus Gießen\r\nZeile zwei\n\n.\nein Punkt am Zeilenanfang\rEnde"


def _as_send_message_writes(message) -> bytes:
    # smtplib.SMTP.send_message: a copy, Bcc/Resent-Bcc removed, flattened with CRLF.
    out = BytesIO()
    BytesGenerator(out, False, policy=message.policy.clone(utf8=False)).flatten(
        copy.copy(message), linesep="\r\n")
    return out.getvalue()


def _message(app, to="Jörg Müller <joerg@bücher.example>"):
    return compose_message(to=to, subject="Neu: " + "Jobbörsen in Gießen – " * 6,
                           text=TEXT * 50, html="<p>" + TEXT + "</p>",
                           headers=[("List-Id", "JobNet <liste.jobnet-hessen.example>")])


def test_wire_bytes_are_what_send_message_would_send(app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_FROM", FROM)
    with app.app_context():
        message = _message(app)
        raw = wire_bytes(message)
        assert raw == _as_send_message_writes(message)
        assert b"\n" not in raw.replace(b"\r\n", b"")
        assert envelope(message, None) == ("noreply@jobnet-hessen.example",
                                           ["joerg@xn--bcher-kva.example"])
        assert envelope(message, "bounces@jobnet-hessen.example")[0] == \
            "bounces@jobnet-hessen.example"


def test_a_session_delivers_those_bytes_and_the_envelope(app, monkeypatch, raw_smtp_server):
    monkeypatch.setitem(app.config, "MAIL_FROM", FROM)
    with app.app_context():
        first, second = _message(app), _message(app, to="zweite@example.org")
        transport = SMTPTransport(raw_smtp_server.host, raw_smtp_server.port,
                                  return_path="bounces@jobnet-hessen.example")
        with transport.session() as sender:
            sender.send(first)
            sender.send(second)
        transport.send(first)
    received = raw_smtp_server.received
    assert [r.raw for r in received] == [wire_bytes(first), wire_bytes(second), wire_bytes(first)]
    assert [(r.mail_from, r.rcpt_tos) for r in received] == [
        ("bounces@jobnet-hessen.example", ["joerg@xn--bcher-kva.example"]),
        ("bounces@jobnet-hessen.example", ["zweite@example.org"]),
        ("bounces@jobnet-hessen.example", ["joerg@xn--bcher-kva.example"])]


def test_a_bcc_is_left_to_send_message_which_keeps_it_off_the_wire(app, monkeypatch,
                                                                    raw_smtp_server):
    monkeypatch.setitem(app.config, "MAIL_FROM", FROM)
    with app.app_context():
        message = compose_message(to="a@example.org", subject="x", text="t", html="<p>t</p>",
                                  headers=[("Bcc", "geheim@example.org")])
        SMTPTransport(raw_smtp_server.host, raw_smtp_server.port).send(message)
    [received] = raw_smtp_server.received
    assert received.rcpt_tos == ["a@example.org", "geheim@example.org"]
    assert b"geheim" not in received.raw


def test_lines_starting_with_a_dot_arrive_unchanged(app, raw_smtp_server):
    # DATA ends at a line holding only "."; the transport must double every leading dot
    # (RFC 5321 4.5.2) for the server to take it away again. A 7bit body keeps the dots
    # at line starts (base64, which digests use, never has one).
    with app.app_context():
        message = compose_message(to="a@example.org", subject="Punkte", text="t", html="<p>t</p>")
        message.set_payload(".\n..\n.Punkt am Anfang\nMitte.\n.\n")
        message.replace_header("Content-Type", "text/plain; charset=us-ascii")
        message["Content-Transfer-Encoding"] = "7bit"
        with SMTPTransport(raw_smtp_server.host, raw_smtp_server.port).session() as sender:
            sender.send(message)
            sender.send(message)  # the connection is still in step after the first
    assert [r.raw for r in raw_smtp_server.received] == [wire_bytes(message)] * 2
    assert raw_smtp_server.received[0].raw.endswith(b"\r\n.\r\n..\r\n.Punkt am Anfang\r\nMitte.\r\n.\r\n")


def test_a_session_tells_when_the_server_has_answered_the_data(app, raw_smtp_server):
    # The digest round marks a digest before composing the next once the answer is there.
    with app.app_context():
        message = compose_message(to="a@example.org", subject="s", text="t", html="<p>t</p>")
        with SMTPTransport(raw_smtp_server.host, raw_smtp_server.port).session() as sender:
            assert not sender.answered()  # no connection yet
            sender.start(message)
            waited = time.monotonic() + 5
            while not sender.answered():
                assert time.monotonic() < waited, "the server's 250 never became readable"
                time.sleep(0.001)
            sender.finish()
            assert not sender.answered()  # read: nothing more to come
    assert [r.raw for r in raw_smtp_server.received] == [wire_bytes(message)]
