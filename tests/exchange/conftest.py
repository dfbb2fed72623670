"""Fixtures of the exchange tests: two job centres, a KCA project, coordinators of both."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from jobnet.accounts.models import Organisation, Role, User
from jobnet.posts.models import Kind, Post
from tests.posts.conftest import NOW, make_post  # noqa: F401 (a fixture used by these tests)

XSS = '<script>alert(1)</script><img src=x onerror="alert(2)">${7*7}`'


@dataclass
class Network:
    kca: Organisation
    offenbach: Organisation
    kca_coordinator: User
    offenbach_coordinator: User
    project: Post


@pytest.fixture()
def network(db, make_organisation, make_user, make_post) -> Network:
    kca = make_organisation("Kommunales Center für Arbeit (KCA) Main-Kinzig-Kreis", "06435")
    offenbach = make_organisation("Jobcenter Kreis Offenbach", "06438")
    kca_coordinator = make_user(Role.COORDINATOR, organisation=kca)
    offenbach_coordinator = make_user(Role.COORDINATOR, organisation=offenbach)
    kca_coordinator.name, offenbach_coordinator.name = "Kira Kinzig", "Olaf Offen"
    db.session.commit()
    project = make_post(Kind.PROJECT, author=kca_coordinator, district_ags="06435",
                        title="Ausbildungsprojekt für junge Geflüchtete")
    return Network(kca, offenbach, kca_coordinator, offenbach_coordinator, project)


__all__ = ["NOW", "XSS", "Network", "make_post"]
