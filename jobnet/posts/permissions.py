"""Who may do what with a post: checked in the services, mirrored in the buttons."""

from __future__ import annotations

from jobnet.accounts.models import Role, User
from jobnet.accounts.permissions import PermissionDenied
from jobnet.posts.models import FairState, Kind, Post, Status
from jobnet.rings.access import moderated_organisations

PUBLISH_FROM = {Status.DRAFT}
# Only published posts are archived by their organisation: archiving a draft or an unpublished
# post would make it public (archived posts stay readable) without anyone publishing it.
ARCHIVE_FROM = {Status.PUBLISHED}
# A post a moderator withdrew is never republished by its organisation: changing it sends it
# back for review (IN_REVIEW), and only a moderator publishes it again (APPROVE_FROM).
REPUBLISH_FROM = {Status.ARCHIVED}
UNPUBLISH_FROM = {Status.PUBLISHED, Status.ARCHIVED, Status.IN_REVIEW}
APPROVE_FROM = {Status.IN_REVIEW}


def _signed_in(user: User | None) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def _same_organisation(user: User | None, post: Post) -> bool:
    return _signed_in(user) and user.organisation_id == post.organisation_id


def is_co_organiser(user: User | None, post: Post) -> bool:
    """Whether the user belongs to an organisation announcing this fair together with the poster."""
    if not _signed_in(user) or post.kind != Kind.FAIR:
        return False
    return any(row.organisation_id == user.organisation_id for row in post.co_organiser_rows)


def _organises(user: User | None, post: Post) -> bool:
    # A fair's co-organisers edit it and see its history like the posting organisation.
    return _same_organisation(user, post) or is_co_organiser(user, post)


def is_moderator(user: User | None) -> bool:
    """Whether the user moderates content (moderators and admins)."""
    return _signed_in(user) and user.role in (Role.MODERATOR, Role.ADMIN)


def moderates(user: User | None, post: Post) -> bool:
    """Whether the user may withdraw and approve the post: the network's moderators and admins
    every post, a ring's moderators only the posts of the ring's member organisations."""
    return is_moderator(user) or post.organisation_id in moderated_organisations(user)


def opens_moderation(user: User | None) -> bool:
    """Whether the user has a moderation queue: moderators, admins and ring moderators."""
    return is_moderator(user) or bool(moderated_organisations(user))


def creatable_kinds(user: User | None) -> list[Kind]:
    """The kinds of post the user may create: coordinators all four, organisers job fairs."""
    if not _signed_in(user):
        return []
    if user.role == Role.COORDINATOR:
        return list(Kind)
    return [Kind.FAIR] if user.role == Role.ORGANISER else []


def can_edit(user: User | None, post: Post) -> bool:
    """Whether the user may edit, publish, archive and republish the post."""
    return _organises(user, post) and post.kind in creatable_kinds(user)


def can_view(user: User | None, post: Post) -> bool:
    """Published and archived posts are public; the rest only for the organisation and moderators."""
    if post.status in (Status.PUBLISHED, Status.ARCHIVED):
        return True
    return _organises(user, post) or is_moderator(user)


def is_member(user: User | None) -> bool:
    """Whether the user is a signed-in member of the network (every account is one)."""
    return _signed_in(user)


def can_see_contact(user: User | None, post: Post) -> bool:
    """Contact person, e-mail and phone of a post: members always, others only when the
    author made them public. Staff names are personal data; the network shares them inside."""
    return bool(post.contact_public) or is_member(user)


def can_see_history(user: User | None, post: Post) -> bool:
    """Whether the user may read the post's change history."""
    return _organises(user, post) or is_moderator(user)


def allowed_actions(user: User | None, post: Post) -> set[str]:
    """The actions the user may take on the post in its current status, for buttons."""
    actions = set()
    if can_edit(user, post) and getattr(post, "state", None) != FairState.CANCELLED:
        actions.add("edit")
        for action, states in (("publish", PUBLISH_FROM), ("archive", ARCHIVE_FROM),
                               ("republish", REPUBLISH_FROM)):
            if post.status in states:
                actions.add(action)
    if post.status in UNPUBLISH_FROM | APPROVE_FROM and moderates(user, post):
        actions.update(action for action, states in (("unpublish", UNPUBLISH_FROM),
                                                      ("approve", APPROVE_FROM))
                       if post.status in states)
    if can_edit(user, post) and post.kind == Kind.FAIR and post.status == Status.PUBLISHED \
            and post.state != FairState.CANCELLED:
        actions.update(("move", "cancel"))
    if can_see_history(user, post):
        actions.add("history")
    return actions


def require(allowed: bool, what: str) -> None:
    """Raise PermissionDenied (a 403) unless allowed; `what` is for the log, not for users."""
    if not allowed:
        raise PermissionDenied(what)


def ensure_can_create(user: User | None, kind: str) -> None:
    """Raise PermissionDenied unless the user may create posts of this kind."""
    require(kind in creatable_kinds(user), f"may not create {kind}")
