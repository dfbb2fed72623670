"""Who may see and change marks and contacts: checked in the services, mirrored in the pages."""

from __future__ import annotations

from jobnet.accounts.models import Organisation, Role, User
from jobnet.accounts.permissions import PermissionDenied
from jobnet.exchange.models import ExchangeMark
from jobnet.posts.models import Post
from jobnet.posts.permissions import is_member

# Coordinators and organisers act for their organisation (they post for it); moderators and
# admins work for the network, not for an organisation's experience.
MARKING_ROLES = (Role.COORDINATOR, Role.ORGANISER)


def require_member(user: User | None) -> User:
    """The signed-in member, or PermissionDenied: nothing of the exchange is public."""
    if not is_member(user):
        raise PermissionDenied("members only")
    return user


def may_mark(user: User | None, post: Post) -> bool:
    """Whether the user may mark the post for their organisation (never its own post)."""
    return (is_member(user) and user.role in MARKING_ROLES
            and user.organisation_id != post.organisation_id)


def may_change_mark(user: User | None, mark: ExchangeMark) -> bool:
    """Whether the user may edit or remove the mark: its organisation's coordinators and organisers."""
    return (is_member(user) and user.role in MARKING_ROLES
            and user.organisation_id == mark.organisation_id)


def may_edit_contacts(user: User | None, organisation: Organisation) -> bool:
    """Only the organisation's own coordinators keep its contacts."""
    return (is_member(user) and user.role == Role.COORDINATOR
            and user.organisation_id == organisation.id)


def sees_interest_list(user: User | None, post: Post) -> bool:
    """The list of interested organisations is for the post's own organisation."""
    return is_member(user) and user.organisation_id == post.organisation_id
