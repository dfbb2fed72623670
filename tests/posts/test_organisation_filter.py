"""The `organisation` filter (announced or co-organised by) on the list, the map, the embedded
map, the exports and the API: offered as a select, strict where the reader is a program."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from jobnet.accounts.models import Role
from jobnet.posts.models import Kind
from tests.posts.test_state_filter import ENDPOINTS

LIST_LINK = re.compile(r'href="/beitraege/(\d+)"')
FAIR_START = datetime(2027, 3, 29, 8, 0, tzinfo=UTC)  # upcoming by the real clock, too
BAD = ["999999", "abc", "99999999999999999999", "-1", "0", "%3Cscript%3Ealert(1)%3C/script%3E"]


def options(html: str) -> list[tuple[str, str]]:
    select = re.search(r'<select[^>]*name="organisation".*?</select>', html, re.DOTALL).group(0)
    return re.findall(r'<option (?:selected )?value="([^"]*)">([^<]*)</option>', select)


@pytest.fixture()
def organisations(make_post, make_organisation, make_user):
    """Posting (with a co-organised fair), inactive, draft-only and silent organisations."""

    def author(organisation):
        return make_user(Role.COORDINATOR, organisation=organisation)

    kinzig = make_organisation("KCA Main-Kinzig")
    agentur = make_organisation("Agentur für Arbeit Hanau")
    closed = make_organisation("Jobcenter Aufgelöst")
    drafting = make_organisation("Jobcenter Entwurf")
    silent = make_organisation("Jobcenter Ohne Beiträge")
    project = make_post(Kind.PROJECT, author=author(kinzig), district_ags="06435")
    fair = make_post(Kind.FAIR, author=author(kinzig), district_ags="06631",
                     co_organiser_ids=[agentur.id], starts_at=FAIR_START,
                     ends_at=FAIR_START + timedelta(hours=6))
    make_post(author=author(closed))
    closed.active = False
    make_post(author=author(drafting), status="draft")
    make_post(district_ags="06611")  # someone else's
    return {"kinzig": kinzig, "agentur": agentur, "silent": silent, "closed": closed,
            "project": project, "fair": fair}


def test_list_and_map_offer_the_publishing_organisations_by_name(client, db, organisations):
    db.session.commit()
    for url in ("/beitraege/", "/"):
        html = client.get(url).get_data(as_text=True)
        assert '<label for="organisation">Organisation</label>' in html
        offered = options(html)
        names = [name for _value, name in offered]
        assert offered[0] == ("", "Alle Organisationen")
        assert "KCA Main-Kinzig" in names and "Agentur für Arbeit Hanau" in names  # co-organiser
        assert not {"Jobcenter Aufgelöst", "Jobcenter Entwurf", "Jobcenter Ohne Beiträge"} & set(
            names)
        assert names[1:] == sorted(names[1:])


def test_the_list_shows_an_organisations_posts_and_its_co_organised_fairs(client, organisations):
    kinzig, agentur = organisations["kinzig"], organisations["agentur"]
    html = client.get(f"/beitraege/?organisation={kinzig.id}").get_data(as_text=True)
    assert {int(i) for i in LIST_LINK.findall(html)} == {organisations["project"].id,
                                                        organisations["fair"].id}
    assert f'<option selected value="{kinzig.id}">KCA Main-Kinzig</option>' in html
    html = client.get(f"/beitraege/?organisation={agentur.id}").get_data(as_text=True)
    assert {int(i) for i in LIST_LINK.findall(html)} == {organisations["fair"].id}


def test_a_link_to_an_organisation_without_posts_shows_it_chosen_and_nothing(
        client, organisations):
    silent = organisations["silent"]
    html = client.get(f"/beitraege/?organisation={silent.id}").get_data(as_text=True)
    assert not LIST_LINK.findall(html) and "Einige Angaben waren ungültig" not in html
    assert f'<option selected value="{silent.id}">Jobcenter Ohne Beiträge</option>' in html
    assert client.get(f"/api/v1/posts?organisation={silent.id}").get_json()["items"] == []


@pytest.mark.parametrize("value", BAD)
def test_a_bad_organisation_is_a_400_for_programs_and_dropped_on_the_list(client, organisations,
                                                                         value):
    for path in ENDPOINTS:
        response = client.get(f"{path}?organisation={value}")
        assert response.status_code == 400, (path, response.status_code)
        assert "organisation" in response.get_data(as_text=True), path
        assert response.mimetype != "text/html", path  # a JSON or plain-text message
    everything = {int(i) for i in LIST_LINK.findall(
        client.get("/beitraege/").get_data(as_text=True))}
    for path in ("/beitraege/", "/", "/karte/liste", "/einbetten"):
        page = client.get(f"{path}?organisation={value}")
        html = page.get_data(as_text=True)
        assert page.status_code == 200, path
        assert "Einige Angaben waren ungültig" in html and "<script>alert" not in html, path
    listed = {int(i) for i in LIST_LINK.findall(
        client.get(f"/beitraege/?organisation={value}").get_data(as_text=True))}
    assert listed == everything
    for path in ("/karte/daten.json", "/karte/kreise.json"):
        assert client.get(f"{path}?organisation={value}").status_code == 200


def test_embedded_map_and_snippet_keep_the_organisation(client, organisations):
    kinzig = organisations["kinzig"]
    builder = client.get(f"/einbetten?organisation={kinzig.id}").get_data(as_text=True)
    code = builder.split('id="embed-code"')[1].split("</textarea>")[0]
    assert f"organisation={kinzig.id}" in code
    assert f'<option selected value="{kinzig.id}">KCA Main-Kinzig</option>' in builder
    embedded = client.get(f"/karte/eingebettet?organisation={kinzig.id}").get_data(as_text=True)
    filters = embedded.split('id="map-filters"')[1].split("</form>")[0]
    assert f'name="organisation" value="{kinzig.id}"' in filters
    # What the frame and the Atom feed are called names the organisation.
    assert 'title="Beiträge von KCA Main-Kinzig – Karte von' in builder
    feed = client.get(f"/beitraege/feed.atom?organisation={kinzig.id}").get_data(as_text=True)
    assert "<title>Beiträge von KCA Main-Kinzig – " in feed


def test_openapi_describes_the_organisation_filter(client, db):
    spec = client.get("/api/v1/openapi.json").get_json()
    for path in ("/api/v1/posts", "/api/v1/posts.geojson"):
        params = {p["name"]: p for p in spec["paths"][path]["get"]["parameters"]}
        assert params["organisation"]["schema"]["type"] == "integer"
        assert "mitveranstaltet" in params["organisation"]["description"]
