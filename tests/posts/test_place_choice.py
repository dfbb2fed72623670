"""The post form's place picker with the all-Germany gazetteer (issue 15, point 4): a name shared
by many places offers all of them, each with district and state, the author's own first."""

from __future__ import annotations

import html
import re

import pytest

from jobnet.geo.settings import EXTENSION_KEY, GeoSettings
from jobnet.posts.models import Kind, Post
from tests.posts.conftest import form_data


@pytest.fixture()
def germany(app, national_region):
    """The app with GEO_REGION deutschland for one test."""
    before = app.extensions.get(EXTENSION_KEY)
    app.extensions[EXTENSION_KEY] = GeoSettings(region=national_region)
    yield
    app.extensions[EXTENSION_KEY] = before


def choices(page: str) -> list[str]:
    labels = re.findall(r'name="place_choice"[^>]*>\s*([^<]+?)\s*</label>', page)
    return [html.unescape(label) for label in labels]


def test_neustadt_offers_every_namesake_with_district_and_state(germany, client, db, login_as,
                                                               submit, make_organisation):
    login_as(organisation=make_organisation(district_ags="06435"))
    data = form_data(Kind.PROJECT, place="Neustadt", latitude="", longitude="")
    response = submit("/beitraege/neu/project", {**data, "publish": "1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    offered = choices(page)
    assert len(offered) >= 10
    assert "Neustadt an der Weinstraße – Rheinland-Pfalz" in offered
    assert "Neustadt (Hamburg)" in offered
    assert "Neustadt am Rübenberge – Region Hannover, Niedersachsen" in offered
    assert 'class="place-choice"' in page and "js/place-choice.js" in page
    assert db.session.scalars(db.select(Post)).all() == []


def test_the_authors_state_comes_first(germany, client, db, login_as, submit, make_organisation):
    login_as(organisation=make_organisation(district_ags="10045"))  # Saarpfalz-Kreis
    data = form_data(Kind.PROJECT, place="Homburg", latitude="", longitude="")
    saar = choices(submit("/beitraege/neu/project", {**data, "publish": "1"}).get_data(as_text=True))
    assert saar[0] == "Homburg – Saarpfalz-Kreis, Saarland"
    assert "Bad Homburg v.d. Höhe – Hochtaunuskreis, Hessen" in saar[:3]


def test_the_form_sends_the_authors_district_with_live_suggestions(client, db, login_as,
                                                                   make_organisation):
    login_as(organisation=make_organisation(district_ags="06434"))
    page = client.get("/beitraege/neu/project").get_data(as_text=True)
    assert 'data-near="06434"' in page
