"""Authorisation checks shared by the services; PermissionDenied is a 403 (a Forbidden)."""

from __future__ import annotations

from werkzeug.exceptions import Forbidden

from jobnet.accounts.models import Role, User


class PermissionDenied(Forbidden):
    """The acting user may not do this: a 403 wherever it is raised (the text is for logs only)."""


def require_role(user: User | None, *roles: Role) -> User:
    """Return the user when signed in, active and holding one of the roles; raise otherwise."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        raise PermissionDenied("not signed in")
    if user.role not in roles:
        raise PermissionDenied(f"role {user.role} may not do this")
    return user
