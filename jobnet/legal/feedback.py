"""The accessibility feedback channel (HVBIT § 4): a visitor's report of a barrier, mailed to the
operator through the application's mail transport. Nothing of it is stored in the database or
written to the log; only counters of the sending client (an HMAC) limit how often it is sent.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from jobnet.accounts import throttle
from jobnet.accounts.throttle import NO_CLIENT, Limit, keyed
from jobnet.extensions import db
from jobnet.geo.settings import geo_settings
from jobnet.i18n import datetime_text
from jobnet.legal.settings import LegalSettings
from jobnet.mail.messages import compose_message
from jobnet.mail.transports import MAIL_ERRORS, Transport

log = logging.getLogger("jobnet.legal")

PER_CLIENT = "feedback-client"
ALL_CLIENTS = "feedback-all"
WINDOW = timedelta(hours=1)


@dataclass(frozen=True)
class Feedback:
    message: str
    page: str = ""
    name: str = ""
    email: str = ""  # where the answer goes (Reply-To); "" for an anonymous report
    locale: str = "de"  # the language the visitor wrote in


class FeedbackRefused(Exception):
    """Too many reports from this client or from everyone within the hour."""

    def __init__(self, retry_after: timedelta) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


class FeedbackNotSent(Exception):
    """The mail server did not take the report; the visitor should write to the address."""


def send_feedback(feedback: Feedback, *, client: str, now: datetime, settings: LegalSettings,
                  transport: Transport) -> None:
    """Count the report against the limits, then mail it to the operator's feedback address."""
    if not settings.feedback_to:
        raise FeedbackNotSent("no feedback address configured")
    _count(client, now, settings)
    message = _message(feedback, now, settings)
    try:
        transport.send(message)
    except MAIL_ERRORS as error:
        # Neither the address nor the text: they are the visitor's personal data.
        log.warning("accessibility feedback not sent: %s", type(error).__name__)
        raise FeedbackNotSent(type(error).__name__) from error


def _count(client: str, now: datetime, settings: LegalSettings) -> None:
    # A client over its own limit is refused before it counts for everyone, so one client
    # cannot use up the whole installation's hour and silence the channel for others.
    for limit, subject in ((Limit(PER_CLIENT, settings.feedback_per_client, WINDOW), keyed(client)),
                           (Limit(ALL_CLIENTS, settings.feedback_per_hour, WINDOW), ALL_CLIENTS)):
        tally = throttle.hit(limit, subject, NO_CLIENT, now)
        db.session.commit()
        if tally.exceeds(limit):
            raise FeedbackRefused(tally.retry_after(limit, now))


def _message(feedback: Feedback, now: datetime, settings: LegalSettings):
    # The operator reads German, whatever language the visitor used.
    with force_locale("de"):
        context = {"feedback": feedback, "received": datetime_text(now)}
        subject = _("Rückmeldung zur Barrierefreiheit von %(product)s", product=geo_settings().product_name)
        text = render_template("email/accessibility_feedback.txt", **context)
        html = render_template("email/accessibility_feedback.html", **context)
    headers = [("Auto-Submitted", "auto-generated")]
    if feedback.email:
        headers.append(("Reply-To", feedback.email))
    return compose_message(to=settings.feedback_to, subject=subject, text=text, html=html,
                           headers=headers, now=now)
