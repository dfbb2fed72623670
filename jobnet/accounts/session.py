"""The signed-in user: loading it from the session, and handing it to the services."""

from __future__ import annotations

from flask_login import current_user

from jobnet.accounts.models import User
from jobnet.extensions import db


def load_user(session_id: str) -> User | None:
    """Flask-Login's user loader: the user of a session id "<user_id>.<fingerprint>", if valid."""
    user_id, _, _fingerprint = session_id.partition(".")
    user = db.session.get(User, int(user_id)) if user_id.isdigit() and len(user_id) < 10 else None
    # A changed password changes get_id(), which ends sessions opened with the old one.
    if user is None or not user.is_active or user.get_id() != session_id:
        return None
    return user


def acting_user() -> User | None:
    """The signed-in user as a real object (services and the ORM need it, not the proxy)."""
    return current_user._get_current_object()
