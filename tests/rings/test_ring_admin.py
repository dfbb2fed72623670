"""The network's admins manage rings; every change is recorded; members only read."""

from __future__ import annotations

import pytest

from jobnet.accounts.models import Role
from jobnet.accounts.permissions import PermissionDenied
from jobnet.extensions import db
from jobnet.forms.errors import FieldError
from jobnet.rings import services
from jobnet.rings.models import Ring, RingChange
from tests.posts.conftest import NOW


def test_an_admin_builds_a_ring_through_the_pages_and_every_step_is_recorded(
        db, client, login_as, submit, make_organisation, make_user):
    kca = make_organisation("KCA Main-Kinzig-Kreis", "06435")
    fulda = make_organisation("Kreisjobcenter Fulda", "06631")
    colleague = make_user(Role.COORDINATOR, organisation=fulda)
    admin = login_as(Role.ADMIN)

    created = submit("/vergleichsringe/neu", {"name": "Ring Ost"}, page="/vergleichsringe/")
    assert created.status_code == 302
    ring = db.session.query(Ring).one()
    page = f"/vergleichsringe/{ring.id}"
    for url, data in ((f"{page}/mitglieder", {"organisation_id": kca.id}),
                      (f"{page}/mitglieder", {"organisation_id": fulda.id}),
                      (f"{page}/moderation", {"user_id": colleague.id}),
                      (f"{page}/name", {"name": "Vergleichsring Osthessen"})):
        assert submit(url, data, page=page).status_code == 302, url
    assert submit(f"{page}/mitglieder/{kca.id}/entfernen", page=page).status_code == 302

    html = client.get(page).get_data(as_text=True)
    assert "Vergleichsring Osthessen" in html and "Kreisjobcenter Fulda" in html
    changes = [(c.action, c.user_id) for c in db.session.query(RingChange).order_by(RingChange.id)]
    assert changes == [("created", admin.id), ("member_added", admin.id),
                       ("member_added", admin.id), ("moderator_added", admin.id),
                       ("renamed", admin.id), ("member_removed", admin.id)]
    for shown in ("Organisation aufgenommen", "Moderation übertragen", "vorher: Ring Ost",
                  "Organisation herausgenommen"):
        assert shown in html


def test_a_duplicate_name_or_member_is_a_clear_message(db, make_organisation, make_user):
    admin = make_user(Role.ADMIN)
    ring = services.create_ring(admin, "Ring Ost", now=NOW)
    with pytest.raises(FieldError, match="gibt es bereits"):
        services.create_ring(admin, " ring ost ", now=NOW)
    kca = make_organisation()
    services.add_member(admin, ring, kca.id, now=NOW)
    with pytest.raises(FieldError, match="schon zum Ring"):
        services.add_member(admin, ring, kca.id, now=NOW)


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.MODERATOR, Role.ORGANISER])
def test_only_admins_change_rings(ring_network, make_user, role):
    user = make_user(role, organisation=ring_network.kca)
    with pytest.raises(PermissionDenied):
        services.create_ring(user, "Noch ein Ring", now=NOW)
    with pytest.raises(PermissionDenied):
        services.add_member(user, ring_network.ring, ring_network.outsider.id, now=NOW)
    with pytest.raises(PermissionDenied):
        services.remove_member(user, ring_network.ring, ring_network.kca.id, now=NOW)


def test_members_posting_to_the_admin_urls_get_403(ring_network, client, login_as, submit):
    login_as(ring_network.kca_coordinator)
    page = f"/vergleichsringe/{ring_network.ring.id}"
    answer = submit(f"{page}/mitglieder", {"organisation_id": ring_network.outsider.id}, page=page)
    assert answer.status_code == 403
    assert len(ring_network.ring.member_rows) == 3


def test_deleting_a_ring_keeps_its_record(ring_network, make_user):
    admin = make_user(Role.ADMIN)
    services.rename_ring(admin, ring_network.ring, "Ring Osthessen", now=NOW)
    db.session.delete(ring_network.ring)
    db.session.commit()
    [change] = db.session.query(RingChange).all()
    assert change.ring_id is None and change.details == {"ring": "Ring Osthessen",
                                                         "old": "Vergleichsring Osthessen"}
