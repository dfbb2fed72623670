"""Posts of my ring: the ring filter in list, map, exports and API, for the ring's members only."""

from __future__ import annotations

import csv
import io

from jobnet.posts.models import Kind
from jobnet.posts.queries import PostFilter, published_posts
from tests.posts.conftest import NOW


def _ring_posts(make_post, net):
    ours = [make_post(Kind.SETTLEMENT, author=net.kca_coordinator, title="Rechenzentrum Hanau",
                      district_ags="06435"),
            make_post(Kind.PROJECT, author=net.fulda_coordinator, title="U25-Coaching Fulda",
                      district_ags="06631")]
    other = make_post(Kind.SETTLEMENT, author=net.outsider_coordinator, title="Flughafen-Logistik",
                      district_ags="06412")
    return ours, other


def test_the_ring_filter_keeps_the_posts_of_the_rings_organisations(ring_network, make_post):
    ours, other = _ring_posts(make_post, ring_network)
    found = published_posts(PostFilter(ring=ring_network.ring.id), now=NOW).items
    assert {p.id for p in found} == {p.id for p in ours}
    everything = published_posts(PostFilter(), now=NOW).items
    assert other.id in {p.id for p in everything}


def test_a_member_sees_the_rings_posts_in_list_map_export_and_api(
        ring_network, make_post, client, login_as):
    ours, _other = _ring_posts(make_post, ring_network)
    login_as(ring_network.fulda_coordinator)
    ring = ring_network.ring.id

    page = client.get(f"/beitraege/?ring={ring}").get_data(as_text=True)
    assert "Rechenzentrum Hanau" in page and "U25-Coaching Fulda" in page
    assert "Flughafen-Logistik" not in page
    assert "Vergleichsring Osthessen" in page  # the filter offers the member's ring

    markers = client.get(f"/karte/daten.json?ring={ring}").get_json()
    assert sorted(markers["id"]) == sorted(p.id for p in ours)

    exported = client.get(f"/beitraege/export.csv?ring={ring}")
    assert exported.status_code == 200
    rows = list(csv.DictReader(io.StringIO(exported.get_data(as_text=True).lstrip("\ufeff"))))
    assert sorted(int(row["id"]) for row in rows) == sorted(p.id for p in ours)

    api = client.get(f"/api/v1/posts?ring={ring}").get_json()
    assert sorted(item["id"] for item in api["items"]) == sorted(p.id for p in ours)


def test_visitors_and_outsiders_learn_nothing_about_a_ring(ring_network, make_post, client,
                                                            login_as):
    _ring_posts(make_post, ring_network)
    ring = ring_network.ring.id
    # The list drops a filter it cannot apply and says so; exports and the API refuse it.
    page = client.get(f"/beitraege/?ring={ring}").get_data(as_text=True)
    assert "Einige Angaben waren ungültig" in page and "Flughafen-Logistik" in page
    assert "Vergleichsring Osthessen" not in page
    for url in (f"/beitraege/export.csv?ring={ring}", f"/api/v1/posts?ring={ring}"):
        answer = client.get(url)
        assert answer.status_code == 400
        assert "Vergleichsring" in answer.get_data(as_text=True)
    # A ring that does not exist gets the very same answer (but for the number quoted).
    unknown = client.get("/api/v1/posts?ring=999999").get_json()["error"]
    assert unknown.replace("999999", str(ring)) == \
        client.get(f"/api/v1/posts?ring={ring}").get_json()["error"]
    login_as(ring_network.outsider_coordinator)
    assert client.get(f"/api/v1/posts?ring={ring}").status_code == 400
    assert client.get(f"/vergleichsringe/{ring}").status_code == 404


def test_the_openapi_description_names_the_ring_filter(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    names = {p["name"] for p in spec["paths"]["/api/v1/posts"]["get"]["parameters"]}
    assert "ring" in names


def test_the_rings_page_shows_members_districts_moderators_and_posts(
        ring_network, make_post, client, login_as):
    _ring_posts(make_post, ring_network)
    login_as(ring_network.kca_coordinator)
    page = client.get(f"/vergleichsringe/{ring_network.ring.id}").get_data(as_text=True)
    for text in ("KCA Main-Kinzig-Kreis", "Kreisjobcenter Fulda", "Hersfeld-Rotenburg",
                 "Main-Kinzig-Kreis", "Rita Ring", "Rechenzentrum Hanau", "U25-Coaching Fulda"):
        assert text in page
    assert "Flughafen-Logistik" not in page
    assert "Ring verwalten" not in page  # members read; admins manage
    # Members find their rings in the header and on their profile.
    header = client.get("/konto/").get_data(as_text=True)
    assert f'href="/vergleichsringe/{ring_network.ring.id}"' in header
