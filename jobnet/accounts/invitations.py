"""Invitations: the only way into JobNet; an admin invites, the link sets the password."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from jobnet.accounts import tokens
from jobnet.accounts.models import Invitation, Role, User
from jobnet.accounts.passwords import hash_password
from jobnet.accounts.permissions import require_role
from jobnet.accounts.services import (
    check_new_password,
    find_organisation,
    find_user_by_email,
    normalise_email,
)
from jobnet.extensions import db
from jobnet.forms.errors import FieldError
from jobnet.geo.settings import geo_settings
from jobnet.mail.messages import build_message, send
from jobnet.mail.transports import MAIL_ERRORS
from jobnet.sqltypes import is_database_id

log = logging.getLogger("jobnet.accounts")


class MailNotSent(Exception):
    """The invitation mail could not be handed to the mail server; nothing was saved."""


def _max_age() -> timedelta:
    return timedelta(days=current_app.config["INVITATION_MAX_AGE_DAYS"])


def open_invitations(actor: User, *, now: datetime) -> list[Invitation]:
    """Invitations neither accepted, revoked nor expired, newest first (admins only)."""
    require_role(actor, Role.ADMIN)
    return list(db.session.scalars(_open_query(now).order_by(Invitation.created_at.desc())))


def _open_query(now: datetime):
    return select(Invitation).where(Invitation.accepted_at.is_(None),
                                    Invitation.revoked_at.is_(None),
                                    Invitation.created_at > now - _max_age())


def invite(actor: User, *, email: str, name: str, role: str, organisation_id: int,
           now: datetime, link_for: Callable[[str], str]) -> Invitation:
    """Record an invitation and mail its link (admins only)."""
    require_role(actor, Role.ADMIN)
    email = normalise_email(email)
    if find_user_by_email(email) is not None:
        raise FieldError("email", _("Für diese Adresse gibt es bereits ein Konto."))
    if db.session.scalar(_open_query(now).where(Invitation.email == email)) is not None:
        raise FieldError("email", _("An diese Adresse ist bereits eine offene Einladung "
                                    "unterwegs. Widerrufen Sie sie in der Nutzerliste, um "
                                    "neu einzuladen."))
    if role not in set(Role):
        raise FieldError("role", _("Bitte wählen Sie eine Rolle aus der Liste."))
    organisation = find_organisation(organisation_id)
    if organisation is None or not organisation.active:
        raise FieldError("organisation_id", _("Bitte wählen Sie eine aktive Organisation."))
    invitation = Invitation(email=email, name=name.strip(), role=role, organisation=organisation,
                            invited_by_id=actor.id, created_at=now)
    db.session.add(invitation)
    db.session.flush()
    _send_invitation(invitation, now, link_for)
    db.session.commit()
    return invitation


def _send_invitation(invitation: Invitation, now: datetime, link_for: Callable[[str], str]) -> None:
    token = tokens.make_token(current_app.config["SECRET_KEY"], tokens.INVITATION_SALT,
                              invitation.id, now)
    message = build_message(invitation.email, _("Einladung zu %(product)s", product=geo_settings().product_name), "invitation",
                            invitation=invitation, link=link_for(token),
                            valid_until=now + _max_age())
    try:
        send(message)
    except MAIL_ERRORS as error:
        # No invitation without its mail: the admin sees the failure and can simply try again.
        db.session.rollback()
        log.warning("invitation mail not sent: %s", type(error).__name__)
        raise MailNotSent() from error


def revoke_invitation(actor: User, invitation: Invitation, *, now: datetime) -> bool:
    """Make an open invitation's link useless; False when it was accepted or revoked already."""
    require_role(actor, Role.ADMIN)
    if invitation.accepted_at is not None or invitation.revoked_at is not None:
        return False
    invitation.revoked_at = now
    db.session.commit()
    return True


def invitation_for_token(token: str, *, now: datetime) -> Invitation:
    """The invitation behind a link; LinkError when tampered, expired, used or revoked."""
    payload = tokens.read_token(current_app.config["SECRET_KEY"], tokens.INVITATION_SALT, token,
                                _max_age(), now)
    invitation = db.session.get(Invitation, payload) if is_database_id(payload) else None
    if invitation is None:
        raise tokens.LinkError("invalid")
    if invitation.revoked_at is not None or not invitation.organisation.active:
        raise tokens.LinkError("revoked")
    if invitation.accepted_at is not None or find_user_by_email(invitation.email) is not None:
        raise tokens.LinkError("used")
    return invitation


def accept_invitation(token: str, password: str, *, now: datetime) -> User:
    """Create the invited user's account with the chosen password; the link is then used up."""
    invitation = invitation_for_token(token, now=now)
    check_new_password(password, invitation.email)
    user = User(email=invitation.email, name=invitation.name, role=invitation.role,
                organisation_id=invitation.organisation_id, password_hash=hash_password(password),
                last_login_at=now, created_at=now)
    invitation.accepted_at = now
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError as error:
        # The same link submitted twice at once: the unique email lets only one through.
        db.session.rollback()
        raise tokens.LinkError("used") from error
    return user
