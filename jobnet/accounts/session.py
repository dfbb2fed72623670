"""The signed-in user, as views hand it to the services."""

from __future__ import annotations

from flask_login import current_user

from jobnet.accounts.models import User


def acting_user() -> User | None:
    """The signed-in user as a real object (services and the ORM need it, not the proxy)."""
    return current_user._get_current_object()
