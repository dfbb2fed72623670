"""Managing rings (the network's admins only); every change is recorded in RingChange."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from jobnet.accounts.models import Organisation, Role, User
from jobnet.accounts.permissions import require_role
from jobnet.extensions import db
from jobnet.forms.errors import FieldError, checked_text
from jobnet.rings.models import Ring, RingChange, RingMember, RingModerator

NAME_MAX = 200


def _record(ring: Ring, actor: User, action: str, now: datetime, **details) -> None:
    db.session.add(RingChange(ring=ring, user=actor, action=action, created_at=now,
                              details={"ring": ring.name, **details}))


def _checked_name(ring: Ring | None, name: str) -> str:
    name = checked_text(name, "name", NAME_MAX, required=_("Bitte geben Sie einen Namen ein."))
    same = select(Ring.id).where(func.lower(Ring.name) == name.lower())
    if ring is not None and ring.id is not None:
        same = same.where(Ring.id != ring.id)
    if db.session.scalar(same) is not None:
        raise FieldError("name", _("Einen Vergleichsring mit diesem Namen gibt es bereits."))
    return name


def _commit() -> None:
    try:
        db.session.commit()
    except IntegrityError as error:  # a second admin did the same at the same moment
        db.session.rollback()
        raise FieldError("name", _("Das hat gerade jemand anderes geändert. Bitte laden Sie "
                                   "die Seite neu.")) from error


def create_ring(actor: User, name: str, *, now: datetime) -> Ring:
    """A new, empty ring."""
    require_role(actor, Role.ADMIN)
    ring = Ring(name=_checked_name(None, name), created_at=now)
    db.session.add(ring)
    _record(ring, actor, "created", now)
    _commit()
    return ring


def rename_ring(actor: User, ring: Ring, name: str, *, now: datetime) -> None:
    """Give the ring another name; the record keeps the old one."""
    require_role(actor, Role.ADMIN)
    name, old = _checked_name(ring, name), ring.name
    if name == old:
        return
    ring.name = name
    _record(ring, actor, "renamed", now, old=old)
    _commit()


def add_member(actor: User, ring: Ring, organisation_id: int, *, now: datetime) -> None:
    """Add an organisation (of any state) to the ring."""
    require_role(actor, Role.ADMIN)
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None or not organisation.active:
        raise FieldError("organisation_id", _("Bitte wählen Sie eine aktive Organisation."))
    if any(row.organisation_id == organisation.id for row in ring.member_rows):
        raise FieldError("organisation_id", _("Diese Organisation gehört schon zum Ring."))
    ring.member_rows.append(RingMember(organisation=organisation))
    _record(ring, actor, "member_added", now, organisation=organisation.name)
    _commit()


def remove_member(actor: User, ring: Ring, organisation_id: int, *, now: datetime) -> bool:
    """Take an organisation out of the ring; False when it was not in it."""
    require_role(actor, Role.ADMIN)
    row = next((r for r in ring.member_rows if r.organisation_id == organisation_id), None)
    if row is None:
        return False
    ring.member_rows.remove(row)
    _record(ring, actor, "member_removed", now, organisation=row.organisation.name)
    _commit()
    return True


def add_moderator(actor: User, ring: Ring, user_id: int, *, now: datetime) -> None:
    """Make a user a moderator of the ring's members' posts."""
    require_role(actor, Role.ADMIN)
    user = db.session.get(User, user_id)
    if user is None or not user.is_active:
        raise FieldError("user_id", _("Bitte wählen Sie ein aktives Konto."))
    if any(row.user_id == user.id for row in ring.moderator_rows):
        raise FieldError("user_id", _("Diese Person moderiert den Ring schon."))
    ring.moderator_rows.append(RingModerator(user=user))
    _record(ring, actor, "moderator_added", now, user=user.name)
    _commit()


def remove_moderator(actor: User, ring: Ring, user_id: int, *, now: datetime) -> bool:
    """End a user's moderation of the ring; False when they did not moderate it."""
    require_role(actor, Role.ADMIN)
    row = next((r for r in ring.moderator_rows if r.user_id == user_id), None)
    if row is None:
        return False
    ring.moderator_rows.remove(row)
    _record(ring, actor, "moderator_removed", now, user=row.user.name)
    _commit()
    return True


def ring_changes(actor: User, ring: Ring) -> list[RingChange]:
    """The ring's recorded changes, newest first (admins only)."""
    require_role(actor, Role.ADMIN)
    return list(db.session.scalars(select(RingChange).where(RingChange.ring_id == ring.id)
                                   .order_by(RingChange.id.desc())))
