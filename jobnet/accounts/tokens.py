"""Signed, expiring tokens for invitation and password reset links."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any

from itsdangerous import BadData, SignatureExpired, TimestampSigner, URLSafeTimedSerializer

INVITATION_SALT = "jobnet-invitation"
PASSWORD_RESET_SALT = "jobnet-password-reset"


class LinkError(Exception):
    """A link that cannot be used; reason is "invalid", "expired", "used" or "revoked"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    @property
    def status(self) -> int:
        # A tampered link is a bad request; one that was good once is gone for good.
        return 400 if self.reason == "invalid" else 410


class _ClockSigner(TimestampSigner):
    # itsdangerous reads time.time(); the services pass `now` so tests can move time.
    def __init__(self, *args: Any, clock: datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.clock = clock

    def get_timestamp(self) -> int:
        return int(self.clock.timestamp())


def _serializer(secret_key: str, salt: str, now: datetime) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt=salt, signer=_ClockSigner,
                                  signer_kwargs={"clock": now})


def make_token(secret_key: str, salt: str, payload: Any, now: datetime) -> str:
    """A URL-safe token carrying the payload, signed at `now`."""
    return _serializer(secret_key, salt, now).dumps(payload)


def read_token(secret_key: str, salt: str, token: str, max_age: timedelta, now: datetime) -> Any:
    """The payload of a token signed at most max_age before `now`; LinkError otherwise."""
    try:
        return _serializer(secret_key, salt, now).loads(
            token, max_age=int(max_age.total_seconds()))
    except SignatureExpired as error:
        raise LinkError("expired") from error
    except (BadData, UnicodeError, ValueError, TypeError) as error:
        raise LinkError("invalid") from error


def password_fingerprint(password_hash: str | None) -> str:
    """A short digest of the stored hash, so a reset link dies once the password changes."""
    return hashlib.sha256((password_hash or "").encode()).hexdigest()[:16]
