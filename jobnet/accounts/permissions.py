"""Authorisation checks shared by the services; views turn PermissionDenied into a 403 page."""

from __future__ import annotations

from jobnet.accounts.models import Role, User


class PermissionDenied(Exception):
    """The acting user may not do this."""


def require_role(user: User | None, *roles: Role) -> User:
    """Return the user when signed in, active and holding one of the roles; raise otherwise."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        raise PermissionDenied("not signed in")
    if user.role not in roles:
        raise PermissionDenied(f"role {user.role} may not do this")
    return user
