"""Who may do what with posts: the four roles, other organisations, anonymous visitors."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask_login import AnonymousUserMixin

from jobnet.accounts.models import Role
from jobnet.accounts.permissions import PermissionDenied
from jobnet.posts import permissions, services
from jobnet.posts.models import Kind, Status
from tests.posts.conftest import KINDS, NOW, post_data

LATER = NOW + timedelta(hours=1)


@pytest.fixture()
def people(db, make_organisation, make_user):
    """Everyone who might act on a post of organisation A."""
    home, other = make_organisation("Jobcenter A"), make_organisation("Jobcenter B")
    return {
        "coordinator": make_user(Role.COORDINATOR, organisation=home),
        "organiser": make_user(Role.ORGANISER, organisation=home),
        "other_coordinator": make_user(Role.COORDINATOR, organisation=other),
        "other_organiser": make_user(Role.ORGANISER, organisation=other),
        "moderator": make_user(Role.MODERATOR, organisation=other),
        "admin": make_user(Role.ADMIN, organisation=other),
        "anonymous": AnonymousUserMixin(),
    }


CREATE = {
    "coordinator": set(KINDS),
    "organiser": {"fair"},
    "other_coordinator": set(KINDS),
    "other_organiser": {"fair"},
    "moderator": set(),
    "admin": set(),
    "anonymous": set(),
}


@pytest.mark.parametrize("who", list(CREATE))
@pytest.mark.parametrize("kind", KINDS)
def test_who_may_create_which_kind(who, kind, people, db):
    user = people[who]
    assert (kind in permissions.creatable_kinds(user)) == (kind in CREATE[who])
    if kind in CREATE[who]:
        post = services.create_post(kind, post_data(kind), author=user, now=NOW)
        assert post.organisation_id == user.organisation_id
    else:
        with pytest.raises(PermissionDenied):
            services.create_post(kind, post_data(kind), author=user, now=NOW)


# (who, kind of the post of organisation A) -> may edit/publish/archive/republish
EDIT = {
    ("coordinator", "settlement"): True, ("coordinator", "fair"): True,
    ("organiser", "settlement"): False, ("organiser", "fair"): True,
    ("other_coordinator", "settlement"): False, ("other_coordinator", "fair"): False,
    ("other_organiser", "settlement"): False, ("other_organiser", "fair"): False,
    ("moderator", "settlement"): False, ("moderator", "fair"): False,
    ("admin", "settlement"): False, ("admin", "fair"): False,
    ("anonymous", "settlement"): False, ("anonymous", "fair"): False,
}


def _post_of_a(people, kind, status=Status.PUBLISHED):
    author = people["coordinator"]
    post = services.create_post(kind, post_data(kind), author=author, now=NOW,
                                publish=status != Status.DRAFT)
    if status == Status.UNPUBLISHED:
        services.unpublish_post(post, moderator=people["moderator"], reason="Bitte prüfen.",
                                now=NOW)
    return post


@pytest.mark.parametrize("who, kind", list(EDIT))
def test_who_may_edit_and_change_the_status(who, kind, people, db):
    post = _post_of_a(people, kind)
    user, allowed = people[who], EDIT[(who, kind)]
    assert permissions.can_edit(user, post) is allowed
    calls = [
        lambda: services.update_post(post, {"title": "Neuer Titel für den Beitrag"}, user=user,
                                     now=LATER),
        lambda: services.archive_post(post, user=user, now=LATER),
        lambda: services.republish_post(post, user=user, now=LATER),
    ]
    for call in calls:
        if allowed:
            call()
        else:
            with pytest.raises(PermissionDenied):
                call()
    assert post.status == Status.PUBLISHED
    assert (post.title == "Neuer Titel für den Beitrag") is allowed


@pytest.mark.parametrize("who", ["coordinator", "organiser", "other_coordinator", "anonymous"])
def test_only_moderators_and_admins_unpublish(who, people, db):
    post = _post_of_a(people, Kind.SETTLEMENT)
    with pytest.raises(PermissionDenied):
        services.unpublish_post(post, moderator=people[who], reason="Unpassender Inhalt.",
                                now=LATER)
    assert post.status == Status.PUBLISHED


@pytest.mark.parametrize("who", ["moderator", "admin"])
def test_moderators_and_admins_unpublish_any_organisations_post(who, people, db):
    post = _post_of_a(people, Kind.FAIR)
    services.unpublish_post(post, moderator=people[who], reason="Unpassender Inhalt.", now=LATER)
    assert post.status == Status.UNPUBLISHED


VIEW_HIDDEN = {"coordinator": True, "organiser": True, "other_coordinator": False,
               "other_organiser": False, "moderator": True, "admin": True, "anonymous": False}


@pytest.mark.parametrize("status", [Status.DRAFT, Status.UNPUBLISHED])
@pytest.mark.parametrize("who", list(VIEW_HIDDEN))
def test_drafts_and_unpublished_posts_only_for_the_organisation_and_moderators(
        who, status, people, db):
    post = _post_of_a(people, Kind.SETTLEMENT, status)
    assert permissions.can_view(people[who], post) is VIEW_HIDDEN[who]
    assert permissions.can_see_history(people[who], post) is VIEW_HIDDEN[who]


@pytest.mark.parametrize("who", list(VIEW_HIDDEN))
def test_published_posts_are_public_but_their_history_is_not(who, people, db):
    post = _post_of_a(people, Kind.SETTLEMENT)
    assert permissions.can_view(people[who], post) is True
    assert permissions.can_see_history(people[who], post) is VIEW_HIDDEN[who]


def test_a_deactivated_coordinator_may_do_nothing(people, db):
    post = _post_of_a(people, Kind.SETTLEMENT)
    coordinator = people["coordinator"]
    coordinator.active = False
    assert permissions.creatable_kinds(coordinator) == []
    assert not permissions.can_edit(coordinator, post)
    with pytest.raises(PermissionDenied):
        services.archive_post(post, user=coordinator, now=LATER)


def test_allowed_actions_follow_role_and_status(people, db):
    post = _post_of_a(people, Kind.SETTLEMENT, Status.DRAFT)
    assert permissions.allowed_actions(people["coordinator"], post) == {"edit", "publish", "history"}
    services.publish_post(post, user=people["coordinator"], now=NOW)
    assert permissions.allowed_actions(people["coordinator"], post) == {"edit", "archive", "history"}
    assert permissions.allowed_actions(people["moderator"], post) == {"unpublish", "history"}
    assert permissions.allowed_actions(people["anonymous"], post) == set()
    assert permissions.allowed_actions(people["organiser"], post) == {"history"}
