"""Digest preferences with whole states, and old district keys in stored preferences."""

from __future__ import annotations

import pytest

from jobnet.digest.models import DistrictMode
from jobnet.digest.preferences import checked_preferences, resolved_districts
from jobnet.forms.errors import FieldError
from tests.posts.test_state_filter import germany  # noqa: F401  (fixture)

BASE = {"kinds": ["settlement"], "district_mode": "list", "include_catchment": True,
        "target_groups": [], "frequency": "weekly", "locale": "de"}


def test_hesse_offers_no_other_state(app, db):
    with app.test_request_context():
        with pytest.raises(FieldError) as error:
            checked_preferences({**BASE, "districts": ["06435"], "states": ["03"]})
        assert error.value.field == "states"
        assert checked_preferences({**BASE, "districts": [], "states": ["06"]}).states == ("06",)


def test_a_state_follows_all_its_districts_and_an_old_key_means_todays(germany, app, db):  # noqa: F811
    with app.test_request_context():
        preferences = checked_preferences({**BASE, "districts": ["03156"], "states": ["16"]})
        assert preferences.districts == ("03159",)
        followed = resolved_districts(DistrictMode.LIST, preferences.districts, germany,
                                      preferences.states)
        assert "03159" in followed and "16063" in followed and "16051" in followed  # Erfurt
        assert "16056" not in followed and not any(key.startswith("06") for key in followed)
        assert len([key for key in followed if key.startswith("16")]) == 22  # Thüringen today


def test_the_subscribe_page_offers_states_and_groups_districts_by_state(germany, client):  # noqa: F811
    page = client.get("/wochenuebersicht/").get_data(as_text=True)
    assert 'name="states"' in page and "Ganze Bundesländer" in page
    assert '<legend>Niedersachsen</legend>' in page
