"""Multipart messages rendered from a text and an HTML template."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import current_app, render_template


def build_message(to: str, subject: str, template: str, **context) -> EmailMessage:
    """A text + HTML message from templates/email/<template>.txt and .html."""
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="jobnet-hessen.invalid")
    message.set_content(render_template(f"email/{template}.txt", **context))
    message.add_alternative(render_template(f"email/{template}.html", **context), subtype="html")
    return message


def send(message: EmailMessage) -> None:
    """Hand a message to the application's configured transport."""
    current_app.extensions["jobnet_mail"].send(message)
