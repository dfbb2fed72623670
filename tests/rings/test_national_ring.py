"""Issue 15's check: a ring of three job centres from three states sees its posts in list, map
and digest (with the all-Germany region)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from jobnet.accounts.models import Role
from jobnet.geo.settings import EXTENSION_KEY, GeoSettings
from jobnet.posts.models import Kind
from jobnet.rings.models import Ring, RingMember
from tests.rings.test_ring_digest import SLOT, _digest_text

CENTRES = [  # name, district, a place in it (lat, lon)
    ("KCA Main-Kinzig-Kreis", "06435", "Gelnhausen", (50.202, 9.188)),
    ("Jobcenter Rhein-Neckar-Kreis", "08226", "Sinsheim", (49.253, 8.879)),
    ("Jobcenter Landkreis Emsland", "03454", "Meppen", (52.692, 7.297)),
]


@pytest.fixture()
def germany(app, national_region, monkeypatch):
    monkeypatch.setitem(app.config, "GEO_REGION", str(national_region))
    monkeypatch.setitem(app.extensions, EXTENSION_KEY, GeoSettings(region=national_region))


def test_a_ring_across_three_states_sees_its_posts_in_list_map_and_digest(
        germany, db, client, login_as, make_organisation, make_user, make_post, make_subscription):
    ring, coordinators = Ring(name="Vergleichsring Flächenkreise"), []
    for name, ags, place, (lat, lon) in CENTRES:
        organisation = make_organisation(name, ags)
        ring.member_rows.append(RingMember(organisation=organisation))
        coordinator = make_user(Role.COORDINATOR, organisation=organisation)
        coordinators.append(coordinator)
        make_post(Kind.PROJECT, author=coordinator, title=f"Projekt in {place}", place=place,
                  latitude=lat, longitude=lon, now=SLOT - timedelta(days=1))
    outsider = make_user(Role.COORDINATOR, organisation=make_organisation("Jobcenter Kiel", "01002"))
    make_post(Kind.PROJECT, author=outsider, title="Projekt in Kiel", place="Kiel",
              latitude=54.323, longitude=10.123, now=SLOT - timedelta(days=1))
    db.session.add(ring)
    db.session.commit()
    titles = {f"Projekt in {place}" for _n, _a, place, _p in CENTRES}

    login_as(coordinators[1])  # the one in Baden-Württemberg
    page = client.get(f"/beitraege/?ring={ring.id}&past=y").get_data(as_text=True)
    assert all(title in page for title in titles) and "Projekt in Kiel" not in page
    markers = client.get(f"/karte/daten.json?ring={ring.id}&past=y").get_json()
    assert set(markers["title"]) == titles
    ring_page = client.get(f"/vergleichsringe/{ring.id}").get_data(as_text=True)
    assert "Rhein-Neckar-Kreis" in ring_page and "Emsland" in ring_page

    make_subscription(coordinators[2].email, user_id=coordinators[2].id, district_mode="ring",
                      districts=[]).ring_id = ring.id
    db.session.commit()
    text = _digest_text(app=client.application)
    assert all(title in text for title in titles) and "Projekt in Kiel" not in text
