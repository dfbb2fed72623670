"""Server-side sessions: started at login, checked on every request, ended by logout, by a
password change or reset, or from the profile page. See docs/architecture.md, "Login limits
and sessions"."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy.orm import joinedload

from jobnet.accounts.models import User, UserSession
from jobnet.extensions import db

# last_seen_at is written at most this often, so a busy session does not write on every request.
TOUCH_EVERY = timedelta(minutes=5)
# First match wins: Edge and Opera also call themselves Chrome, Chrome also calls itself Safari.
_BROWSERS = (("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"),
             ("Chrome/", "Chrome"), ("CriOS/", "Chrome"), ("Safari/", "Safari"))
_SYSTEMS = (("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"),
            ("Windows", "Windows"), ("Mac OS X", "macOS"), ("CrOS", "ChromeOS"),
            ("Linux", "Linux"))
_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{20,100}")


def idle_limit() -> timedelta:
    """A session unused this long is over (SESSION_LIFETIME_HOURS, as the cookie's lifetime)."""
    return timedelta(hours=current_app.config["SESSION_LIFETIME_HOURS"])


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def describe_device(user_agent: str | None) -> tuple[str, str]:
    """Browser and system in rough words ("Firefox", "Windows"); "" where unknown."""
    user_agent = (user_agent or "")[:500]
    browser = next((name for mark, name in _BROWSERS if mark in user_agent), "")
    system = next((name for mark, name in _SYSTEMS if mark in user_agent), "")
    return browser, system


def start(user: User, user_agent: str | None, now: datetime) -> str:
    """Open a session for the user; returns the token the browser's session keeps."""
    token = secrets.token_urlsafe(32)
    browser, system = describe_device(user_agent)
    db.session.add(UserSession(token_hash=_hash(token), user=user, created_at=now,
                               last_seen_at=now, browser=browser, system=system))
    purge_idle(now)  # logins are a natural moment to forget sessions nobody uses any more
    db.session.commit()
    return token


def live(token: object, now: datetime) -> UserSession | None:
    """The open session with this token, its last use refreshed now and then; None when the
    token is unknown, ended or idle too long."""
    if not isinstance(token, str) or not _TOKEN_RE.fullmatch(token):
        return None
    row = db.session.scalar(select(UserSession).options(joinedload(UserSession.user))
                            .where(UserSession.token_hash == _hash(token)))
    if row is None or now - row.last_seen_at >= idle_limit():
        return None
    if now - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = now
        db.session.commit()
    return row


def of_user(user: User, now: datetime) -> list[UserSession]:
    """The user's open sessions, most recently used first."""
    return list(db.session.scalars(
        select(UserSession).where(UserSession.user_id == user.id,
                                  UserSession.last_seen_at > now - idle_limit())
        .order_by(UserSession.last_seen_at.desc(), UserSession.id.desc())))


def end(token: object) -> None:
    """End the session with this token (logout); nothing happens for unknown tokens."""
    if isinstance(token, str):
        db.session.execute(delete(UserSession).where(UserSession.token_hash == _hash(token)))
        db.session.commit()


def end_one(user: User, session_id: object) -> bool:
    """End one of the user's own sessions; False when the user has no session with this id."""
    if type(session_id) is not int:
        return False
    ended = db.session.execute(delete(UserSession).where(
        UserSession.id == session_id, UserSession.user_id == user.id)).rowcount
    db.session.commit()
    return ended > 0


def end_all(user: User, *, keep_token: object = None) -> int:
    """End every session of the user, except the one with keep_token. The caller commits."""
    statement = delete(UserSession).where(UserSession.user_id == user.id)
    if isinstance(keep_token, str):
        statement = statement.where(UserSession.token_hash != _hash(keep_token))
    return db.session.execute(statement).rowcount


def end_others(user: User, keep_token: object) -> int:
    """End the user's sessions in other browsers; how many ended."""
    count = end_all(user, keep_token=keep_token)
    db.session.commit()
    return count


def purge_idle(now: datetime) -> int:
    """Delete sessions unused for longer than the idle limit. The caller commits."""
    return db.session.execute(delete(UserSession).where(
        UserSession.last_seen_at < now - idle_limit())).rowcount
