"""A ring of three job centres (the KCA, Fulda and Hersfeld-Rotenburg), an outsider, posts."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from jobnet.accounts.models import Organisation, Role, User
from jobnet.rings.models import Ring, RingMember, RingModerator
from tests.digest.conftest import make_subscription  # noqa: F401  (fixture for these tests)
from tests.posts.conftest import make_post, post_data  # noqa: F401  (fixtures for these tests)


@dataclass
class RingNetwork:
    ring: Ring
    kca: Organisation
    fulda: Organisation
    hersfeld: Organisation
    outsider: Organisation  # in no ring
    kca_coordinator: User
    fulda_coordinator: User
    outsider_coordinator: User
    ring_moderator: User  # a coordinator of the KCA who moderates the ring


@pytest.fixture()
def ring_network(db, make_organisation, make_user) -> RingNetwork:
    kca = make_organisation("KCA Main-Kinzig-Kreis", "06435")
    fulda = make_organisation("Kreisjobcenter Fulda", "06631")
    hersfeld = make_organisation("Kreisjobcenter Hersfeld-Rotenburg", "06632")
    outsider = make_organisation("Jobcenter Frankfurt am Main", "06412")
    moderator = make_user(Role.COORDINATOR, organisation=kca)
    moderator.name = "Rita Ring"
    ring = Ring(name="Vergleichsring Osthessen",
                member_rows=[RingMember(organisation=o) for o in (kca, fulda, hersfeld)],
                moderator_rows=[RingModerator(user=moderator)])
    db.session.add(ring)
    db.session.commit()
    return RingNetwork(ring, kca, fulda, hersfeld, outsider,
                       make_user(Role.COORDINATOR, organisation=kca),
                       make_user(Role.COORDINATOR, organisation=fulda),
                       make_user(Role.COORDINATOR, organisation=outsider), moderator)
