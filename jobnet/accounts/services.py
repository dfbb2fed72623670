"""Login, password changes and password reset links."""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage

import idna
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from jobnet.accounts import lockout, tokens, user_sessions
from jobnet.accounts.models import Organisation, User
from jobnet.accounts.passwords import hash_password, needs_rehash, verify_password
from jobnet.extensions import db
from jobnet.forms.errors import FieldError
from jobnet.geo.settings import geo_settings
from jobnet.mail.messages import build_message
from jobnet.mail.transports import MAIL_ERRORS, Transport
from jobnet.sqltypes import is_database_id

log = logging.getLogger("jobnet.accounts")

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 200
# Mail delivery problems we report instead of crashing: SMTP errors, refused or dropped connections.


class LoginOutcome(enum.Enum):
    OK = "ok"
    INVALID = "invalid"
    LOCKED = "locked"
    INACTIVE = "inactive"


@dataclass(frozen=True)
class LoginResult:
    outcome: LoginOutcome
    user: User | None = None
    # For LOCKED: how long until this client may try again.
    retry_after: timedelta | None = None


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
    # The organisation in the same query: is_active reads it, and a second query only for
    # known addresses would make them slower to answer than unknown ones.
    return db.session.scalar(select(User).options(joinedload(User.organisation))
                             .where(User.email == normalise_email(email)))


def find_organisation(organisation_id: object) -> Organisation | None:
    """The organisation with this id, or None (also for values that cannot be an id)."""
    return db.session.get(Organisation, organisation_id) if is_database_id(organisation_id) else None


def authenticate(email: str, password: str, *, client: str, now: datetime) -> LoginResult:
    """Check a login; failures count per address and client (the same for unknown addresses)
    and lock that client out for the address, never the address everywhere (accounts/lockout.py)."""
    address = normalise_email(email)
    try:
        lockout.check_login(address, client, now)
    except lockout.Throttled as refusal:
        return LoginResult(LoginOutcome.LOCKED, retry_after=refusal.retry_after)
    user = find_user_by_email(address)
    # Verify even for unknown addresses, so the answer takes as long either way.
    matches = verify_password(user.password_hash if user else None, password)
    if user is None or not matches:
        locked_for = lockout.record_login_failure(address, client, now)
        if locked_for is not None:
            return LoginResult(LoginOutcome.LOCKED, retry_after=locked_for)
        return LoginResult(LoginOutcome.INVALID)
    if not user.is_active:
        return LoginResult(LoginOutcome.INACTIVE)
    lockout.forget_login_failures(address, client)
    user.last_login_at = now
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    db.session.commit()
    return LoginResult(LoginOutcome.OK, user)


def check_new_password(password: str, email: str, field: str = "password") -> None:
    """Refuse passwords that are too short, too long or the email address itself."""
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise FieldError(field, _(
            "Das Passwort muss zwischen %(min)d und %(max)d Zeichen lang sein.",
            min=MIN_PASSWORD_LENGTH, max=MAX_PASSWORD_LENGTH))
    if normalise_email(password) == normalise_email(email):
        raise FieldError(field, _("Das Passwort darf nicht Ihre E-Mail-Adresse sein."))


def set_password(user: User, password: str, *, keep_session: str | None = None) -> None:
    """Store a new password hash, lift login locks of the address and end the user's sessions
    (all but keep_session); the caller commits."""
    user.password_hash = hash_password(password)
    lockout.forget_login_failures(user.email)
    user_sessions.end_all(user, keep_token=keep_session)


def change_password(user: User, current: str, new: str, *, client: str, now: datetime,
                    keep_session: str | None = None) -> None:
    """Change a signed-in user's password after checking the current one; the user's other
    sessions end."""
    try:
        lockout.check_login(user.email, client, now)
    except lockout.Throttled:
        raise FieldError("current_password", _("Zu viele Fehlversuche. Das Konto ist vorübergehend "
                                                "gesperrt; bitte versuchen Sie es später erneut.")) from None
    if not verify_password(user.password_hash, current):
        # Counted like a failed login, so a stolen session cannot guess the password freely.
        lockout.record_login_failure(user.email, client, now)
        raise FieldError("current_password", _("Das aktuelle Passwort ist nicht richtig."))
    check_new_password(new, user.email)
    set_password(user, new, keep_session=keep_session)
    db.session.commit()


def request_password_reset(email: str, *, client: str, now: datetime,
                           link_for: Callable[[str], str]) -> EmailMessage | None:
    """The reset mail to send after the answer when an active account has this address.

    Counted per address and client first (lockout.Throttled when over a limit). Unknown
    addresses get the same work, a token and a rendered mail that is then dropped, so the
    answer takes as long either way; the caller sends the mail only after its response.
    """
    address = normalise_email(email)
    lockout.count_reset_request(address, client, now)
    user = find_user_by_email(address)
    known = user is not None and user.is_active
    payload = [user.id if known else 0, tokens.password_fingerprint(
        user.password_hash if known else None)]
    token = tokens.make_token(current_app.config["SECRET_KEY"], tokens.PASSWORD_RESET_SALT,
                              payload, now)
    message = build_message(user.email if known else address,
                            _("Neues Passwort für %(product)s", product=geo_settings().product_name), "password_reset",
                            name=user.name if known else address, link=link_for(token),
                            hours=current_app.config["PASSWORD_RESET_MAX_AGE_HOURS"])
    return message if known else None


def send_reset_mail(transport: Transport, message: EmailMessage) -> None:
    """Hand a reset mail to the transport; a failure is logged, never shown."""
    try:
        transport.send(message)
    except MAIL_ERRORS as error:
        # The page has answered already; the class name carries no address.
        log.warning("password reset mail not sent: %s", type(error).__name__)


def user_for_reset_token(token: str, *, now: datetime) -> User:
    """The user a reset link belongs to; LinkError when it is tampered, expired or used."""
    max_age = timedelta(hours=current_app.config["PASSWORD_RESET_MAX_AGE_HOURS"])
    payload = tokens.read_token(current_app.config["SECRET_KEY"], tokens.PASSWORD_RESET_SALT,
                                token, max_age, now)
    if not (isinstance(payload, list) and len(payload) == 2 and is_database_id(payload[0])):
        raise tokens.LinkError("invalid")
    user = db.session.get(User, payload[0])
    if user is None or not user.is_active:
        raise tokens.LinkError("invalid")
    if tokens.password_fingerprint(user.password_hash) != payload[1]:
        raise tokens.LinkError("used")
    return user


def reset_password(token: str, password: str, *, now: datetime) -> User:
    """Set a new password through a reset link, which is used up by it; every session of the
    user ends, and login locks of the address are lifted."""
    user = user_for_reset_token(token, now=now)
    check_new_password(password, user.email)
    set_password(user, password)
    db.session.commit()
    return user
