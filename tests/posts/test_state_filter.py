"""The `state` filter (two-digit AGS prefix) on list, exports, API, calendar feeds and embed;
district selects grouped by state; a former district key in an address means today's district."""

from __future__ import annotations

import pytest
from flask import request

from jobnet.exchange.thread_forms import QuestionFilterForm, QuestionForm
from jobnet.geo.settings import EXTENSION_KEY, GeoSettings
from jobnet.posts.forms import PostFilterForm
from jobnet.posts.models import Kind
from jobnet.posts.queries import PostFilter
from tests.posts.test_queries import titles

INVALID = [("state=03", "state"), ("state=6", "state"), ("state=%27%25", "state")]
ENDPOINTS = ["/api/v1/posts", "/api/v1/posts.geojson", "/beitraege/export.csv",
             "/beitraege/export.geojson", "/beitraege/feed.atom", "/jobboersen/kalender.ics",
             "/api/v1/ogc/collections/posts/items"]


@pytest.fixture()
def germany(app, national_region):
    """The app with the all-Germany geodata for the test's duration."""
    before = app.extensions.get(EXTENSION_KEY)
    app.extensions[EXTENSION_KEY] = GeoSettings(region=national_region)
    yield national_region
    if before is None:
        app.extensions.pop(EXTENSION_KEY, None)
    else:
        app.extensions[EXTENSION_KEY] = before


def _post_at(make_post, title, lat, lon, kind=Kind.SETTLEMENT):
    return make_post(kind, title=title, latitude=lat, longitude=lon)


def test_state_06_in_hesse_is_every_post_and_the_select_is_hidden(db, make_post, client):
    make_post(Kind.SETTLEMENT, title="Rechenzentrum Fulda", district_ags="06631")
    assert titles(PostFilter(state="06")) == ["Rechenzentrum Fulda"]
    page = client.get("/beitraege/?state=06").get_data(as_text=True)
    assert "Rechenzentrum Fulda" in page
    assert 'name="state"' not in page  # one state: no needless field
    assert "<optgroup" not in page


@pytest.mark.parametrize("query, name", INVALID)
def test_a_state_the_region_lacks_is_a_400_with_a_message(client, db, query, name):
    for path in ENDPOINTS:
        response = client.get(f"{path}?{query}")
        assert response.status_code == 400, (path, response.status_code)
        assert name in response.get_data(as_text=True)
    page = client.get(f"/beitraege/?{query}")
    assert page.status_code == 200
    assert "Einige Angaben waren ungültig" in page.get_data(as_text=True)


def test_openapi_describes_the_state_filter(client, db):
    spec = client.get("/api/v1/openapi.json").get_json()
    params = {p["name"]: p for p in spec["paths"]["/api/v1/posts"]["get"]["parameters"]}
    assert params["state"]["schema"]["enum"] == ["06"]


def test_germany_state_filter_keeps_to_the_state(germany, make_post, client):
    _post_at(make_post, "Logistik Göttingen", 51.5413, 9.9158)
    _post_at(make_post, "Werk Osterode", 51.7286, 10.2522)
    _post_at(make_post, "Rechenzentrum Fulda", 50.5558, 9.6808)
    _post_at(make_post, "Werk Eisenach", 50.9747, 10.3206)
    assert sorted(titles(PostFilter(state="03"))) == ["Logistik Göttingen", "Werk Osterode"]
    assert titles(PostFilter(state="16")) == ["Werk Eisenach"]
    assert titles(PostFilter(district="03159")) == ["Werk Osterode", "Logistik Göttingen"]
    items = client.get("/api/v1/posts?state=03").get_json()["items"]
    assert sorted(item["title"] for item in items) == ["Logistik Göttingen", "Werk Osterode"]
    csv = client.get("/beitraege/export.csv?state=16").get_data(as_text=True)
    assert "Werk Eisenach" in csv and "Fulda" not in csv
    spec = client.get("/api/v1/openapi.json").get_json()
    params = {p["name"]: p for p in spec["paths"]["/api/v1/posts"]["get"]["parameters"]}
    assert len(params["state"]["schema"]["enum"]) == 16


def test_germany_old_district_keys_answer_with_todays_district(germany, make_post, client):
    _post_at(make_post, "Werk Osterode", 51.7286, 10.2522)
    _post_at(make_post, "Werk Eisenach", 50.9747, 10.3206)
    for old, title in (("03156", "Werk Osterode"), ("03152", "Werk Osterode"),
                       ("16056", "Werk Eisenach")):
        items = client.get(f"/api/v1/posts?district={old}").get_json()["items"]
        assert [item["title"] for item in items] == [title]
    page = client.get("/beitraege/?district=03156").get_data(as_text=True)
    assert "Werk Osterode" in page and "Einige Angaben waren ungültig" not in page
    assert '<option selected value="03159">Landkreis Göttingen</option>' in page


def test_germany_district_select_groups_by_state(germany, app, client, db):
    with app.test_request_context("/beitraege/?state=03"):
        form = PostFilterForm()
        html = str(form.district())
        assert html.count("<optgroup") == 16
        assert '<optgroup label="Niedersachsen">' in html
        assert html.index('value="03159"') > html.index('label="Niedersachsen"')
        assert html.index('value="03159"') < html.index('label="Nordrhein-Westfalen"')
        assert '<option value="06435">Main-Kinzig-Kreis</option>' in html
        state_html = str(form.state())
        assert "Thüringen" in state_html and state_html.count("<option") == 17


def test_germany_question_forms_group_districts_by_state(germany, app, db):
    # The network questions' district selects (tag and filter) like the list's.
    with app.test_request_context("/fragen/?district=03159"):
        for field in (QuestionFilterForm(formdata=None).district, QuestionForm().districts):
            html = str(field())
            assert html.count("<optgroup") == 16
            assert html.index('value="03159"') > html.index('label="Niedersachsen"')
            assert html.index('value="03159"') < html.index('label="Nordrhein-Westfalen"')
        form = QuestionFilterForm(request.args)
        assert form.validate() and form.district.data == "03159"
