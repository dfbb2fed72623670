"""Unconfirmed subscription requests: the link carries a random token, the row only its hash.

Until the confirming click nothing but this row knows the address; it expires with the link
(docs/architecture.md, "Mail").
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select

from jobnet.accounts import tokens
from jobnet.digest.models import PendingSubscription
from jobnet.extensions import db

# A confirmation link carries secrets.token_urlsafe(32): 43 characters of the URL-safe alphabet.
CONFIRM_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{43}")


def confirm_token_hash(token: str) -> str:
    """The stored form of a confirmation token: its SHA-256 (the token itself is never stored)."""
    return hashlib.sha256(token.encode()).hexdigest()


def add(email: str, preferences: dict, *, now: datetime, valid_for: timedelta) -> str:
    """Store a request (not committed) and return the token for its link."""
    token = secrets.token_urlsafe(32)
    delete_expired(now)
    db.session.add(PendingSubscription(
        token_hash=confirm_token_hash(token), email=email, preferences=preferences,
        requested_at=now, expires_at=now + valid_for))
    return token


def delete_expired(now: datetime) -> int:
    """Delete the requests whose link has expired (not committed); the number deleted."""
    return db.session.execute(
        delete(PendingSubscription).where(PendingSubscription.expires_at <= now)).rowcount


def find(token: str, *, now: datetime) -> PendingSubscription:
    """The request of a token; LinkError("invalid") if malformed, ("expired") if unknown or old."""
    if not isinstance(token, str) or not CONFIRM_TOKEN_RE.fullmatch(token):
        raise tokens.LinkError("invalid")
    row = db.session.scalar(select(PendingSubscription).where(
        PendingSubscription.token_hash == confirm_token_hash(token)))
    # Unknown: confirmed already, expired and swept away, or dropped by an unsubscribe.
    if row is None:
        raise tokens.LinkError("expired")
    if row.expires_at <= now:
        delete_expired(now)
        db.session.commit()
        raise tokens.LinkError("expired")
    return row


def use_up(token: str) -> bool:
    """Delete the request of the token (not committed); False if another click was first."""
    return db.session.execute(delete(PendingSubscription).where(
        PendingSubscription.token_hash == confirm_token_hash(token))).rowcount == 1
