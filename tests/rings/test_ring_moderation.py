"""Ring moderators moderate the posts of their ring's members, and only those."""

from __future__ import annotations

import pytest

from jobnet.accounts.models import Role
from jobnet.accounts.permissions import PermissionDenied
from jobnet.posts import permissions, services
from jobnet.posts.models import Kind, Status
from tests.posts.conftest import NOW

REASON = "Bitte die Quelle der Zahlen ergänzen."


def test_roles_decide_whose_posts_one_moderates(ring_network, make_post, make_user):
    member_post = make_post(Kind.SETTLEMENT, author=ring_network.fulda_coordinator)
    outside_post = make_post(Kind.SETTLEMENT, author=ring_network.outsider_coordinator)
    moderator, admin = make_user(Role.MODERATOR), make_user(Role.ADMIN)
    net = ring_network
    cases = [(net.ring_moderator, member_post, True), (net.ring_moderator, outside_post, False),
             (net.kca_coordinator, member_post, False),  # a member, not a moderator of the ring
             (moderator, outside_post, True), (admin, member_post, True), (None, member_post, False)]
    for user, post, allowed in cases:
        assert permissions.moderates(user, post) is allowed, (user, post.organisation.name)
        assert ("unpublish" in permissions.allowed_actions(user, post)) is allowed


def test_a_ring_moderator_withdraws_and_approves_a_members_post(ring_network, make_post):
    post = make_post(Kind.PROJECT, author=ring_network.fulda_coordinator)
    services.unpublish_post(post, moderator=ring_network.ring_moderator, reason=REASON, now=NOW)
    assert post.status == Status.UNPUBLISHED
    services.update_post(post, {"title": "Coaching mit Quelle"}, user=ring_network.fulda_coordinator,
                         now=NOW)
    assert post.status == Status.IN_REVIEW
    services.approve_post(post, moderator=ring_network.ring_moderator, now=NOW)
    assert post.status == Status.PUBLISHED


def test_a_ring_moderator_cannot_touch_a_non_members_post(ring_network, make_post):
    post = make_post(Kind.SETTLEMENT, author=ring_network.outsider_coordinator)
    with pytest.raises(PermissionDenied):
        services.unpublish_post(post, moderator=ring_network.ring_moderator, reason=REASON, now=NOW)
    assert post.status == Status.PUBLISHED


def test_over_http_the_queue_holds_only_the_rings_posts_and_others_are_403(
        ring_network, make_post, client, login_as, submit):
    member_post = make_post(Kind.SETTLEMENT, author=ring_network.fulda_coordinator,
                            title="Ansiedlung bei Fulda")
    outside_post = make_post(Kind.SETTLEMENT, author=ring_network.outsider_coordinator,
                             title="Ansiedlung am Flughafen")
    login_as(ring_network.ring_moderator)
    queue = client.get("/moderation/").get_data(as_text=True)
    assert "Ansiedlung bei Fulda" in queue and "Ansiedlung am Flughafen" not in queue
    assert 'href="/moderation/"' in client.get("/konto/").get_data(as_text=True)  # header link

    refused = submit(f"/moderation/{outside_post.id}/zurueckziehen", {"reason": REASON},
                     page="/moderation/")
    assert refused.status_code == 403
    assert client.get(f"/moderation/{outside_post.id}/zurueckziehen").status_code == 403
    done = submit(f"/moderation/{member_post.id}/zurueckziehen", {"reason": REASON})
    assert done.status_code == 302
    assert member_post.status == Status.UNPUBLISHED


def test_members_without_a_ring_to_moderate_have_no_queue(ring_network, client, login_as):
    login_as(ring_network.kca_coordinator)
    assert client.get("/moderation/").status_code == 403
