"""At most one confirmation mail per address every few minutes and a few a day, counted under
an HMAC of the address, so the subscribe form cannot flood anyone's inbox."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from jobnet.digest.models import SubscribeThrottle
from jobnet.extensions import db


class Throttled(Exception):
    """A mail went to this address a short while ago; no new one is sent yet."""


def count_mail(key: str, now: datetime) -> None:
    """Count a confirmation mail to the address (its HMAC); Throttled when it is one too many."""
    config = current_app.config
    row = db.session.get(SubscribeThrottle, key)
    if row is None:
        db.session.add(SubscribeThrottle(email_hash=key, last_sent_at=now, day_started_at=now,
                                         day_count=1))
    else:
        if now - row.last_sent_at < timedelta(minutes=config["DIGEST_CONFIRM_MIN_INTERVAL_MINUTES"]):
            raise Throttled()
        if now - row.day_started_at >= timedelta(days=1):
            row.day_started_at, row.day_count = now, 0
        if row.day_count >= config["DIGEST_CONFIRM_MAX_PER_DAY"]:
            raise Throttled()
        row.last_sent_at, row.day_count = now, row.day_count + 1
    # Rows older than a day prove nothing and limit nothing any more.
    db.session.execute(delete(SubscribeThrottle).where(
        SubscribeThrottle.last_sent_at < now - timedelta(days=2)))
    try:
        db.session.commit()
    except IntegrityError:  # the same address at the same instant from a parallel request
        db.session.rollback()
        raise Throttled() from None
