"""The subscription form's districts as grouped checkboxes, with "Nachbarkreise dazunehmen"
working as a plain form POST (no JavaScript): same field name and values as before."""

from __future__ import annotations

import html
import re

from jobnet.clock import utcnow
from jobnet.digest.links import manage_token
from jobnet.digest.models import PendingSubscription, Subscription
from tests.conftest import csrf_token_from

FORM = {"email": "leser@example.org", "kinds": ["settlement", "fair"], "district_mode": "list",
        "include_catchment": "y", "frequency": "weekly", "locale": "de"}
# Main-Kinzig-Kreis (06435) borders Frankfurt, Offenbach (city and Kreis), Wetterau,
# Vogelsberg and Fulda.
MAIN_KINZIG_NEIGHBOURS = {"06412", "06413", "06438", "06440", "06535", "06631"}
CHECKBOX = re.compile(r'<input [^>]*name="districts" type="checkbox" value="(\d{5})"[^>]*>')


def ticked(page: str) -> set[str]:
    return {m.group(1) for m in CHECKBOX.finditer(page) if " checked " in m.group(0)}


def groups(page: str) -> dict[str, list[str]]:
    """Legend of each district group -> its checkbox values, in page order."""
    found = {}
    for legend, body in re.findall(r'<fieldset class="district-group">\s*<legend>([^<]+)</legend>'
                                   r'(.*?)</fieldset>', page, re.DOTALL):
        found[legend] = CHECKBOX.findall(body)
    return found


def test_districts_are_checkboxes_in_two_groups_with_the_old_name_and_values(client):
    page = html.unescape(client.get("/wochenuebersicht/").get_data(as_text=True))
    assert "<select" not in page and "Strg" not in page
    found = groups(page)
    assert list(found) == ["Kreisfreie Städte", "Landkreise"]
    assert found["Kreisfreie Städte"] == ["06411", "06412", "06611", "06413", "06414"]
    assert len(found["Landkreise"]) == 21 and len(set(found["Landkreise"])) == 21
    # By name: the city of Kassel among the cities, the Landkreis Kassel under K in its group.
    assert '> Landkreis Kassel</label>' in page and '> Kassel</label>' in page


def test_neighbours_are_ticked_by_a_form_post_and_nothing_is_sent(client, db, mail_outbox):
    page = client.get("/wochenuebersicht/").get_data(as_text=True)
    response = client.post("/wochenuebersicht/", data={
        **FORM, "districts": ["06435"], "add_neighbours": "Nachbarkreise dazunehmen",
        "csrf_token": csrf_token_from(page)})
    assert response.status_code == 200
    after = html.unescape(response.get_data(as_text=True))
    assert ticked(after) == {"06435"} | MAIN_KINZIG_NEIGHBOURS
    assert ("Dazugenommen: Frankfurt am Main, Kreis Offenbach, Landkreis Fulda, Offenbach am "
            "Main, Vogelsbergkreis, Wetteraukreis.") in after
    assert 'value="leser@example.org"' in after  # the rest of the input is kept
    assert mail_outbox == [] and db.session.query(PendingSubscription).count() == 0

    # Subscribing then sends the ticked keys under the old field name.
    response = client.post("/wochenuebersicht/", data={
        **FORM, "districts": sorted(ticked(after)), "csrf_token": csrf_token_from(after)})
    assert response.status_code == 200 and len(mail_outbox) == 1
    pending = db.session.query(PendingSubscription).one()
    assert set(pending.preferences["districts"]) == {"06435"} | MAIN_KINZIG_NEIGHBOURS


def test_neighbours_without_a_ticked_district_say_so(client):
    page = client.get("/wochenuebersicht/").get_data(as_text=True)
    response = client.post("/wochenuebersicht/", data={
        **FORM, "districts": ["99999"], "add_neighbours": "1", "csrf_token": csrf_token_from(page)})
    assert response.status_code == 200
    after = html.unescape(response.get_data(as_text=True))
    assert ticked(after) == set() and "Keine weiteren Nachbarkreise" in after


def test_the_helper_needs_the_csrf_token_like_the_form(client, mail_outbox):
    response = client.post("/wochenuebersicht/", data={**FORM, "districts": ["06435"],
                                                       "add_neighbours": "1"})
    assert response.status_code == 400 and mail_outbox == []


def test_saved_preferences_show_ticked_and_the_helper_saves_nothing(app, client, db,
                                                                    make_subscription):
    subscription = make_subscription(districts=["06631", "06632"], district_mode="list")
    with app.app_context():
        token = manage_token(subscription, utcnow())
    url = f"/wochenuebersicht/verwalten/{token}"
    page = client.get(url).get_data(as_text=True)
    assert ticked(page) == {"06631", "06632"}
    response = client.post(url, data={**FORM, "districts": ["06631", "06632"],
                                      "add_neighbours": "1", "csrf_token": csrf_token_from(page)})
    assert response.status_code == 200
    # Fulda and Hersfeld-Rotenburg border Main-Kinzig, Vogelsberg, Schwalm-Eder, Werra-Meißner.
    assert ticked(response.get_data(as_text=True)) == {"06631", "06632", "06435", "06535",
                                                       "06634", "06636"}
    db.session.refresh(subscription)
    assert subscription.districts == ["06631", "06632"]
    assert db.session.query(Subscription).count() == 1
