"""Every mail is built here: multipart text + HTML, with headers in their wire form
(jobnet/mail/wire.py says why and how they are written)."""

from __future__ import annotations

import base64
import secrets
from collections.abc import Iterable
from copy import deepcopy
from datetime import datetime
from email.message import EmailMessage, MIMEPart
from email.utils import format_datetime, getaddresses

from flask import current_app, render_template

from jobnet.clock import LOCAL_TIMEZONE, utcnow
from jobnet.geo.settings import geo_settings
from jobnet.mail.wire import WIRE_POLICY, named_address, sender_domain

MAX_LINE_OCTETS = 998  # RFC 5322 2.1.1, without the CRLF


def _normalised(text: str) -> bytes:
    # As email.contentmanager does: line ends normalised to "\n", one at the end.
    data = text.encode("utf-8")
    if b"\r" in data:
        return b"\n".join(data.splitlines()) + b"\n"
    return data if data.endswith(b"\n") else data + b"\n"


def _text_part(text: str, subtype: str, *, mime_version: bool) -> MIMEPart:
    # UTF-8 as it is (8bit, RFC 6152) when every line fits SMTP's limit, else base64. 8bit is
    # a quarter smaller than base64 and has a fraction of its lines, which is what receiving
    # servers spend their time on (docs/architecture.md, "Digest idempotency").
    data = _normalised(text)
    part = EmailMessage(policy=WIRE_POLICY)
    part["Content-Type"] = f'text/{subtype}; charset="utf-8"'
    if max(map(len, data.split(b"\n"))) <= MAX_LINE_OCTETS:
        part["Content-Transfer-Encoding"] = "7bit" if data.isascii() else "8bit"
        payload = data.decode("ascii", "surrogateescape")  # how email stores raw 8bit bodies
    else:
        part["Content-Transfer-Encoding"] = "base64"
        payload = base64.encodebytes(data).decode("ascii")
    if mime_version:  # add_alternative's part says MIME-Version too; kept byte for byte
        part["MIME-Version"] = "1.0"
    part.set_payload(payload)
    return part


def seven_bit(message: EmailMessage) -> EmailMessage:
    """The message with its 8bit parts in base64, for a server without 8BITMIME (RFC 6152 3)."""
    copy = deepcopy(message)
    for part in copy.walk():
        if part.get("Content-Transfer-Encoding") == "8bit":
            data = part.get_payload(decode=True)
            part.replace_header("Content-Transfer-Encoding", "base64")
            part.set_payload(base64.encodebytes(data).decode("ascii"))
    return copy


def sender(config) -> str:
    """MAIL_FROM; a bare address is named after the product (PRODUCT_NAME, else "JobNet" and
    the region's name), so a national installation does not write as "JobNet Hessen"."""
    display, address = getaddresses([config["MAIL_FROM"]])[0]
    return config["MAIL_FROM"] if display else named_address(geo_settings().product_name, address)


def compose_message(*, to: str, subject: str, text: str, html: str,
                    headers: Iterable[tuple[str, str]] = (), message_id: str | None = None,
                    now: datetime | None = None) -> EmailMessage:
    """A multipart/alternative message; `headers` are added after the standard ones."""
    config = current_app.config
    message = EmailMessage(policy=WIRE_POLICY)
    message["From"] = sender(config)
    message["To"] = to
    message["Subject"] = subject
    # Local time with its real offset (+0100 or +0200), not "-0000" ("time zone unknown").
    message["Date"] = format_datetime((now or utcnow()).astimezone(LOCAL_TIMEZONE))
    message["Message-ID"] = message_id or f"<{secrets.token_hex(16)}@{sender_domain(config)}>"
    for name, value in headers:
        message[name] = value
    # (The parts are built directly, as set_content() and add_alternative would.)
    message["MIME-Version"] = "1.0"
    message["Content-Type"] = f'multipart/alternative; boundary="{_boundary()}"'
    message.set_payload([_text_part(text, "plain", mime_version=False),
                         _text_part(html, "html", mime_version=True)])
    return message


def _boundary() -> str:
    # The generator's own form ("=" * 15 + 19 random digits + "=="), chosen now, not while
    # serialising (which would rewrite the Content-Type header on every serialisation).
    return "=" * 15 + f"{secrets.randbelow(10**19):019d}" + "=="


def build_message(to: str, subject: str, template: str, **context) -> EmailMessage:
    """A text + HTML message from templates/email/<template>.txt and .html (account and
    confirmation mails: sent by the machine on a person's request, hence Auto-Submitted)."""
    return compose_message(
        to=to, subject=subject,
        text=render_template(f"email/{template}.txt", **context),
        html=render_template(f"email/{template}.html", subject=subject, **context),
        headers=[("Auto-Submitted", "auto-generated")])


def send(message: EmailMessage) -> None:
    """Hand a message to the application's configured transport."""
    current_app.extensions["jobnet_mail"].send(message)
