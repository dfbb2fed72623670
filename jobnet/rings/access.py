"""Who sees a ring and whose posts a ring moderator moderates (read by posts and digests)."""

from __future__ import annotations

from sqlalchemy import Select, or_, select

from jobnet.accounts.models import Role, User
from jobnet.extensions import db
from jobnet.rings.models import Ring, RingMember, RingModerator


def _signed_in(user: User | None) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def member_ids(ring_id: int) -> Select:
    """The ids of a ring's member organisations, as a subquery for post filters."""
    return select(RingMember.organisation_id).where(RingMember.ring_id == ring_id)


def visible_rings(user: User | None) -> Select:
    """The rings a user may see: all for admins; others those their organisation belongs to or
    they moderate. Member lists are not public (docs/architecture.md, "Comparison rings")."""
    stmt = select(Ring).order_by(Ring.name)
    if not _signed_in(user):
        return stmt.where(Ring.id.is_(None))
    if user.role == Role.ADMIN:
        return stmt
    return stmt.where(or_(
        Ring.id.in_(select(RingMember.ring_id).where(
            RingMember.organisation_id == user.organisation_id)),
        Ring.id.in_(select(RingModerator.ring_id).where(RingModerator.user_id == user.id))))


def rings_of(user: User | None) -> list[Ring]:
    """The rings the user sees, by name (for the header, profile and filter choices)."""
    if not _signed_in(user):
        return []  # no query on visitors' pages and map data
    return list(db.session.scalars(visible_rings(user)))


def can_see(user: User | None, ring_id: int) -> bool:
    """Whether the ring exists and the user may see it (its page, its filter)."""
    return db.session.scalar(visible_rings(user).where(Ring.id == ring_id)) is not None


def shared_rings(user: User | None, organisation) -> list[Ring]:
    """The organisation's rings among those the user sees (a profile shows no others)."""
    return [ring for ring in rings_of(user)
            if any(row.organisation_id == organisation.id for row in ring.member_rows)]


def member_rings(user: User | None) -> list[Ring]:
    """The rings the user's organisation belongs to (the digest's "my ring" choices)."""
    if not _signed_in(user):
        return []
    return list(db.session.scalars(select(Ring).join(RingMember).where(
        RingMember.organisation_id == user.organisation_id).order_by(Ring.name)))


def moderated_organisations(user: User | None) -> frozenset[int]:
    """Ids of the organisations in the rings the user moderates (empty for everyone else)."""
    if not _signed_in(user):
        return frozenset()
    rows = db.session.scalars(select(RingMember.organisation_id).join(
        RingModerator, RingModerator.ring_id == RingMember.ring_id).where(
        RingModerator.user_id == user.id))
    return frozenset(rows)


def ring_member_of(user_id: int | None, ring_id: int | None) -> int | None:
    """The ring's id while the (active) user's organisation belongs to it, else None."""
    user = db.session.get(User, user_id) if user_id and ring_id else None
    if user is None or not user.is_active:
        return None
    found = db.session.scalar(select(RingMember.ring_id).where(
        RingMember.ring_id == ring_id, RingMember.organisation_id == user.organisation_id))
    return found


def ring_organisations(ring_ids: set[int]) -> dict[int, frozenset[int]]:
    """Member organisation ids per ring, for a digest round (one query)."""
    found: dict[int, set[int]] = {ring_id: set() for ring_id in ring_ids}
    if ring_ids:
        for ring_id, organisation_id in db.session.execute(
                select(RingMember.ring_id, RingMember.organisation_id)
                .where(RingMember.ring_id.in_(ring_ids))):
            found[ring_id].add(organisation_id)
    return {ring_id: frozenset(ids) for ring_id, ids in found.items()}
