"""Login, password changes and password reset links."""

from __future__ import annotations

import enum
import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import idna
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from jobnet.accounts import tokens
from jobnet.accounts.models import Organisation, User
from jobnet.accounts.passwords import hash_password, needs_rehash, verify_password
from jobnet.extensions import db
from jobnet.forms.errors import FieldError
from jobnet.mail.messages import build_message, send

log = logging.getLogger("jobnet.accounts")

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 200
# Mail delivery problems we report instead of crashing: SMTP errors, refused or dropped connections.
MAIL_ERRORS = (smtplib.SMTPException, OSError)


class LoginOutcome(enum.Enum):
    OK = "ok"
    INVALID = "invalid"
    LOCKED = "locked"
    INACTIVE = "inactive"


@dataclass(frozen=True)
class LoginResult:
    outcome: LoginOutcome
    user: User | None = None


def normalise_email(email: str) -> str:
    """The canonical stored form of an address: trimmed, lower case, the domain in IDNA form.

    `leser@bücher.example` and `leser@xn--bcher-kva.example` are one address: stored, looked up,
    throttled and hashed as the ASCII (punycode) form, which is also what SMTP needs. A domain
    that IDNA cannot encode stays as typed; the form's address validator refuses it.
    """
    email = email.strip().lower()
    local, at, domain = email.rpartition("@")
    if not at or domain.isascii():
        return email
    try:
        return f"{local}@{idna.encode(domain, uts46=True).decode('ascii')}"
    except (idna.IDNAError, UnicodeError, ValueError):
        return email


def find_user_by_email(email: str) -> User | None:
    """The user with this address (case-insensitive), or None."""
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def find_organisation(organisation_id: object) -> Organisation | None:
    """The organisation with this id, or None (also for values that cannot be an id)."""
    return db.session.get(Organisation, organisation_id) if is_row_id(organisation_id) else None


def authenticate(email: str, password: str, *, now: datetime) -> LoginResult:
    """Check a login, counting failures and locking the account after too many in a row."""
    user = find_user_by_email(email)
    # Verify even for unknown addresses, so the answer takes as long either way.
    matches = verify_password(user.password_hash if user else None, password)
    if user is None:
        return LoginResult(LoginOutcome.INVALID)
    if is_locked(user, now):
        return LoginResult(LoginOutcome.LOCKED, user)
    if not matches:
        return _record_failure(user, now)
    if not user.is_active:
        return LoginResult(LoginOutcome.INACTIVE)
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    db.session.commit()
    return LoginResult(LoginOutcome.OK, user)


def is_locked(user: User, now: datetime) -> bool:
    """True while the account is locked after repeated failed logins."""
    return user.locked_until is not None and user.locked_until > now


def _record_failure(user: User, now: datetime) -> LoginResult:
    # Incremented in SQL so parallel guesses cannot overwrite each other's count.
    user.failed_logins = User.failed_logins + 1
    db.session.flush()
    if user.failed_logins < current_app.config["LOGIN_MAX_FAILURES"]:
        db.session.commit()
        return LoginResult(LoginOutcome.INVALID)
    user.failed_logins = 0
    user.locked_until = now + timedelta(minutes=current_app.config["LOGIN_LOCK_MINUTES"])
    db.session.commit()
    return LoginResult(LoginOutcome.LOCKED, user)


def check_new_password(password: str, email: str, field: str = "password") -> None:
    """Refuse passwords that are too short, too long or the email address itself."""
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise FieldError(field, _(
            "Das Passwort muss zwischen %(min)d und %(max)d Zeichen lang sein.",
            min=MIN_PASSWORD_LENGTH, max=MAX_PASSWORD_LENGTH))
    if normalise_email(password) == normalise_email(email):
        raise FieldError(field, _("Das Passwort darf nicht Ihre E-Mail-Adresse sein."))


def set_password(user: User, password: str) -> None:
    """Store a new password hash and lift any lock; the caller commits."""
    user.password_hash = hash_password(password)
    user.failed_logins = 0
    user.locked_until = None


def change_password(user: User, current: str, new: str, *, now: datetime) -> None:
    """Change a signed-in user's password after checking the current one."""
    if is_locked(user, now):
        raise FieldError("current_password", _("Zu viele Fehlversuche. Das Konto ist vorübergehend "
                                                "gesperrt; bitte versuchen Sie es später erneut."))
    if not verify_password(user.password_hash, current):
        # Counted like a failed login, so a stolen session cannot guess the password freely.
        _record_failure(user, now)
        raise FieldError("current_password", _("Das aktuelle Passwort ist nicht richtig."))
    check_new_password(new, user.email)
    set_password(user, new)
    db.session.commit()


def request_password_reset(email: str, *, now: datetime, link_for: Callable[[str], str]) -> None:
    """Mail a reset link when an active account has this address; otherwise do nothing."""
    user = find_user_by_email(email)
    if user is None or not user.is_active:
        return
    payload = [user.id, tokens.password_fingerprint(user.password_hash)]
    token = tokens.make_token(current_app.config["SECRET_KEY"], tokens.PASSWORD_RESET_SALT,
                              payload, now)
    message = build_message(user.email, _("Neues Passwort für JobNet Hessen"), "password_reset",
                            name=user.name, link=link_for(token),
                            hours=current_app.config["PASSWORD_RESET_MAX_AGE_HOURS"])
    try:
        send(message)
    except MAIL_ERRORS as error:
        # The page must answer the same either way; the class name carries no address.
        log.warning("password reset mail not sent: %s", type(error).__name__)


def user_for_reset_token(token: str, *, now: datetime) -> User:
    """The user a reset link belongs to; LinkError when it is tampered, expired or used."""
    max_age = timedelta(hours=current_app.config["PASSWORD_RESET_MAX_AGE_HOURS"])
    payload = tokens.read_token(current_app.config["SECRET_KEY"], tokens.PASSWORD_RESET_SALT,
                                token, max_age, now)
    if not (isinstance(payload, list) and len(payload) == 2 and is_row_id(payload[0])):
        raise tokens.LinkError("invalid")
    user = db.session.get(User, payload[0])
    if user is None or not user.is_active:
        raise tokens.LinkError("invalid")
    if tokens.password_fingerprint(user.password_hash) != payload[1]:
        raise tokens.LinkError("used")
    return user


def reset_password(token: str, password: str, *, now: datetime) -> User:
    """Set a new password through a reset link, which is used up by it."""
    user = user_for_reset_token(token, now=now)
    check_new_password(password, user.email)
    set_password(user, password)
    db.session.commit()
    return user


def is_row_id(value: object) -> bool:
    """True for a value that can be a primary key (a positive 32-bit int)."""
    return type(value) is int and 0 < value < 2**31
