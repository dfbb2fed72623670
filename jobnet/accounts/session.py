"""The signed-in user: signing in and out, loading it from the session, handing it to services.

Flask's session is a signed cookie, so a copy outlives any logout. It therefore carries the
token of a server-side session (accounts/user_sessions.py) that the user loader checks on every
request. See docs/architecture.md, "Login limits and sessions".
"""

from __future__ import annotations

from flask import g, request, session
from flask_login import current_user, login_user, logout_user

from jobnet.accounts import user_sessions
from jobnet.accounts.models import User, UserSession
from jobnet.clock import utcnow

SESSION_KEY = "jobnet_session"
# Survives signing in and out: the visitor's choice of language (jobnet/i18n.py).
KEPT_KEYS = ("locale",)


def _clear_session() -> None:
    kept = {key: session[key] for key in KEPT_KEYS if key in session}
    session.clear()
    session.update(kept)


def sign_in(user: User) -> None:
    """Start a server-side session for the user in this browser."""
    _clear_session()  # nothing else from before the login carries over
    session.permanent = True
    session[SESSION_KEY] = user_sessions.start(user, request.user_agent.string, utcnow())
    login_user(user)


def sign_out() -> None:
    """End this browser's session on the server, so copies of its cookie stop working too."""
    user_sessions.end(session.get(SESSION_KEY))
    _clear_session()
    logout_user()  # after clearing: it marks a remember-me cookie for deletion


def current_token() -> str | None:
    """The session token of this browser (to keep it when ending the others)."""
    return session.get(SESSION_KEY)


def load_user(user_id: str) -> User | None:
    """Flask-Login's user loader: the user when this browser's server-side session is open.

    Also guards Flask-Login's remember-me cookie: it carries only the user id, and without an
    open session behind the browser's own session cookie it signs nobody in.
    """
    row = user_sessions.live(session.get(SESSION_KEY), utcnow())
    if row is None or str(row.user_id) != user_id or not row.user.is_active:
        _clear_session()  # the cookie of an ended session is emptied, not refreshed
        return None
    g.user_session = row
    return row.user


def current_session() -> UserSession | None:
    """The server-side session of this request, once the user is loaded."""
    return g.get("user_session") if current_user.is_authenticated else None


def acting_user() -> User | None:
    """The signed-in user as a real object (services and the ORM need it, not the proxy)."""
    return current_user._get_current_object()
