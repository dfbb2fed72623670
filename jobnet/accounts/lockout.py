"""Login and reset limits, counted per address the same way whether an account exists or not.

Failed logins lock the pair (address, client), so a stranger cannot lock a colleague out;
a client that fails with many addresses is locked as a whole; an address that fails from many
clients is only slowed down. See docs/architecture.md, "Login limits and sessions".
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app

from jobnet.accounts import throttle
from jobnet.accounts.throttle import NO_CLIENT, Limit, keyed
from jobnet.extensions import db

LOGIN = "login"  # per (address, client) and, with NO_CLIENT, per address
LOGIN_CLIENT = "login-client"
LOGIN_SLOT = "login-slot"
RESET_ADDRESS = "reset-address"
RESET_CLIENT = "reset-client"


class Throttled(Exception):
    """Too many attempts; `retry_after` says how long until the next may succeed."""

    def __init__(self, retry_after: timedelta, *, per_address: bool = False) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after
        self.per_address = per_address


def _login_limits() -> tuple[Limit, Limit, Limit, Limit]:
    config = current_app.config
    window = timedelta(minutes=config["LOGIN_LOCK_MINUTES"])
    return (Limit(LOGIN, config["LOGIN_MAX_FAILURES"], window),
            Limit(LOGIN, config["LOGIN_ACCOUNT_MAX_FAILURES"], window),
            Limit(LOGIN_CLIENT, config["LOGIN_CLIENT_MAX_FAILURES"], window),
            Limit(LOGIN_SLOT, 1, timedelta(seconds=config["LOGIN_ACCOUNT_SLOW_SECONDS"])))


def check_login(address: str, client: str, now: datetime) -> None:
    """Throttled when this client is locked for the address or altogether, or when the
    address is under attack from many clients and another attempt ran a moment ago."""
    pair, account, per_client, slot = _login_limits()
    subject, client_key = keyed(address), keyed(client)
    pair_tally, account_tally, client_tally = throttle.tallies(
        [(pair, subject, client_key), (account, subject, NO_CLIENT),
         (per_client, client_key, NO_CLIENT)], now)
    for limit, tally in ((pair, pair_tally), (per_client, client_tally)):
        if tally.reaches(limit):
            raise Throttled(tally.retry_after(limit, now))
    if account_tally.reaches(account):
        # Many clients fail with this address: one attempt at a time, for everyone, but no lock.
        taken = throttle.hit(slot, subject, NO_CLIENT, now)
        db.session.commit()
        if taken.exceeds(slot):
            raise Throttled(taken.retry_after(slot, now))


def record_login_failure(address: str, client: str, now: datetime) -> timedelta | None:
    """Count a failed login; the lock time when it locks this client out for the address."""
    pair, account, per_client, _slot = _login_limits()
    subject, client_key = keyed(address), keyed(client)
    tally = throttle.hit(pair, subject, client_key, now)
    throttle.hit(account, subject, NO_CLIENT, now)
    client_tally = throttle.hit(per_client, client_key, NO_CLIENT, now)
    db.session.commit()
    if tally.reaches(pair):
        return tally.retry_after(pair, now)
    if client_tally.reaches(per_client):
        return client_tally.retry_after(per_client, now)
    return None


def forget_login_failures(address: str, client: str | None = None) -> None:
    """A success ends this client's run of failures; a new password ends every client's.
    The caller commits."""
    subject = keyed(address)
    if client is not None:
        throttle.clear(LOGIN, subject, keyed(client))
        return
    throttle.clear(LOGIN, subject)
    throttle.clear(LOGIN_SLOT, subject)


def count_reset_request(address: str, client: str, now: datetime) -> None:
    """Count a reset request for the address and from the client; Throttled when either
    has asked too often in the window (the same for unknown addresses)."""
    config = current_app.config
    window = timedelta(minutes=config["PASSWORD_RESET_WINDOW_MINUTES"])
    per_client = Limit(RESET_CLIENT, config["PASSWORD_RESET_MAX_PER_CLIENT"], window)
    per_address = Limit(RESET_ADDRESS, config["PASSWORD_RESET_MAX_PER_ADDRESS"], window)
    client_tally = throttle.hit(per_client, keyed(client), NO_CLIENT, now)
    address_tally = throttle.hit(per_address, keyed(address), NO_CLIENT, now)
    db.session.commit()
    if client_tally.exceeds(per_client):
        raise Throttled(client_tally.retry_after(per_client, now))
    if address_tally.exceeds(per_address):
        raise Throttled(address_tally.retry_after(per_address, now), per_address=True)
