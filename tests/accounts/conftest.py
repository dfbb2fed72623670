"""Helpers for the accounts tests: reading links out of mails."""

from __future__ import annotations

import re
from email.message import EmailMessage
from urllib.parse import urlsplit

LINK_RE = re.compile(r"https?://\S+")


def mail_text(message: EmailMessage) -> str:
    return message.get_body(("plain",)).get_content()


def mail_html(message: EmailMessage) -> str:
    return message.get_body(("html",)).get_content()


def link_path(message: EmailMessage) -> str:
    """The path of the one link in the text part of a mail."""
    links = LINK_RE.findall(mail_text(message))
    assert len(links) == 1, links
    return urlsplit(links[0]).path


def flashes(html: str) -> str:
    return " ".join(re.findall(r'class="flash[^"]*"[^>]*>(.*?)</div>', html, re.DOTALL))
