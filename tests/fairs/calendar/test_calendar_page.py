"""The calendar page, its archive, its agreement with the map, list, exports and API, and the
fair's JSON-LD."""

from __future__ import annotations

import json
import re
from collections import Counter
from csv import DictReader
from datetime import date, timedelta
from io import StringIO

from jobnet.accounts.models import Role
from jobnet.fairs.rules import all_day_span
from jobnet.posts.models import Kind
from tests.fairs.calendar.conftest import NOW
from tests.fairs.ical_readers import events
from tests.opendata.conftest import list_ids

ROW_IDS = re.compile(r'data-fair-id="(\d+)"')


def shown(client, url: str) -> set[int]:
    response = client.get(url)
    assert response.status_code == 200
    return {int(i) for i in ROW_IDS.findall(response.get_data(as_text=True))}


def test_upcoming_fairs_by_month_with_headings_and_tables(client, make_fair):
    march = make_fair(title="Jobdating Gelnhausen", start=(2027, 3, 29, 10, 0))
    april = make_fair(title="Herbstmesse Fulda", start=(2027, 4, 12, 9, 0))
    html = client.get("/jobboersen/").get_data(as_text=True)
    assert re.search(r"<h3 id=\"month-2027-03-01\">März 2027</h3>", html)
    assert re.search(r"<h3 id=\"month-2027-04-01\">April 2027</h3>", html)
    assert html.index("Jobdating Gelnhausen") < html.index("April 2027") < html.index(
        "Herbstmesse Fulda")
    assert '<th scope="col">' in html and "<table" in html
    assert 'href="/jobboersen/"' in client.get("/beitraege/").get_data(as_text=True)
    listed = client.get("/jobboersen/?ansicht=liste").get_data(as_text=True)
    assert "Jobdating Gelnhausen" in listed and "<table" not in listed
    assert march.id and april.id



def test_an_all_day_fair_shows_its_days_in_the_month_table(client, make_fair):
    # Stored up to midnight after the last day (exclusive): the table must not show that
    # midnight as a time, nor the day after as the fair's last day.
    start, end = all_day_span(date(2027, 5, 3), date(2027, 5, 4))
    fair = make_fair(start=start, end=end, all_day=True)
    html = client.get("/jobboersen/").get_data(as_text=True)
    row = re.search(rf'data-fair-id="{fair.id}".*?</tr>', html, re.DOTALL).group(0)
    assert "03.05.2027 – 04.05.2027 (ganztägig)" in row
    assert "00:00" not in row and "05.05." not in row

def test_filters_show_exactly_the_matching_fairs(client, make_fair):
    kinzig = make_fair(district_ags="06435")
    fulda = make_fair(district_ags="06631", target_groups=["over_50"])
    assert shown(client, "/jobboersen/?district=06435") == {kinzig.id}
    assert shown(client, "/jobboersen/?target_group=over_50") == {fulda.id}
    assert shown(client, f"/jobboersen/?organisation={fulda.organisation_id}") == {fulda.id}
    # A filter value the page does not know is dropped with a notice, as on the list.
    response = client.get("/jobboersen/?district=99999")
    assert response.status_code == 200
    assert "ungültig" in response.get_data(as_text=True)


def test_calendar_map_and_feed_show_the_same_upcoming_fairs(client, make_fair, make_post, db):
    fairs = [make_fair(district_ags=d) for d in ("06435", "06435", "06631")]
    ended = make_fair(start=NOW - timedelta(days=3), end=NOW - timedelta(days=3, hours=-4))
    make_fair(status="draft")
    withdrawn = make_fair(status="archived")
    make_post(Kind.PROJECT)
    for query in ("", "district=06435", "district=06631", "district=06632&neighbours=y"):
        page = shown(client, f"/jobboersen/?{query}")
        markers = client.get(f"/karte/daten.json?upcoming=y&{query}").get_json()
        on_map = {i for i, kind in zip(markers["id"], markers["kind"], strict=True) if kind == 3}
        feed = events(client.get(f"/jobboersen/kalender.ics?{query}").data)
        confirmed = {int(uid.split("-")[1].split("@")[0])
                     for uid, event in feed.items() if event["STATUS"] == "CONFIRMED"}
        assert page == on_map == confirmed
        # The feed's only extra: a fair withdrawn lately, for calendars to strike out.
        assert {uid for uid, event in feed.items() if event["STATUS"] != "CONFIRMED"} <= {
            f"fair-{withdrawn.id}@127.0.0.1"}
        assert ended.id not in page
    assert shown(client, "/jobboersen/") == {fair.id for fair in fairs}
    # Hersfeld-Rotenburg has no fair; of its neighbours Fulda has one, Main-Kinzig is none.
    assert shown(client, "/jobboersen/?district=06632&neighbours=y") == {fairs[2].id}


def test_archive_holds_the_fairs_that_are_over(client, make_fair):
    over = make_fair(start=NOW - timedelta(days=10), end=NOW - timedelta(days=10, hours=-5))
    archived = make_fair(start=NOW - timedelta(days=40), end=NOW - timedelta(days=40, hours=-5),
                         status="archived")
    coming = make_fair()
    assert shown(client, "/jobboersen/archiv") == {over.id, archived.id}
    assert coming.id not in shown(client, "/jobboersen/archiv")
    assert shown(client, "/jobboersen/archiv?district=06412") == set()


def test_subscription_links_carry_the_filters(app, client, make_fair):
    make_fair()
    html = client.get("/jobboersen/?district=06435").get_data(as_text=True)
    base = app.config["PUBLIC_BASE_URL"]
    host = base.split("://", 1)[1]
    assert f'href="webcal://{host}/jobboersen/kalender.ics?district=06435"' in html
    assert f'href="{base}/jobboersen/kalender.ics?district=06435"' in html
    assert "Abonnieren hält Ihren Kalender" in html


def test_fair_page_carries_schema_org_event(app, client, make_fair):
    fair = make_fair(title='Jobbörse </script><script>alert(1)</script> "A&B"',
                     district_ags="06435", start=(2027, 3, 29, 10, 0))
    response = client.get(f"/beitraege/{fair.id}")
    html = response.get_data(as_text=True)
    match = re.search(r'<script type="application/ld\+json" nonce="([^"]+)">(.*?)</script>',
                      html, re.DOTALL)
    assert match, "no JSON-LD block"
    assert f"'nonce-{match.group(1)}'" in response.headers["Content-Security-Policy"]
    data = json.loads(match.group(2))
    assert data["@type"] == "Event"
    assert data["name"] == fair.title  # the title's </script> did not end the block
    assert data["startDate"] == "2027-03-29T10:00:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"]["geo"] == {"@type": "GeoCoordinates", "latitude": 50.202,
                                       "longitude": 9.188}
    assert data["location"]["address"]["addressRegion"] == "Main-Kinzig-Kreis"
    assert data["organizer"]["name"] == fair.organisation.name
    assert data["isAccessibleForFree"] is True
    assert data["url"] == f"{app.config['PUBLIC_BASE_URL']}/beitraege/{fair.id}"


def test_a_co_organiser_finds_the_fair_under_its_own_name(client, make_fair, make_organisation):
    partner = make_organisation("Agentur für Arbeit Hanau")
    fair = make_fair(district_ags="06435", co_organiser_ids=[partner.id])
    make_fair(district_ags="06631")
    page = client.get("/jobboersen/").get_data(as_text=True)
    assert f'value="{partner.id}"' in page  # offered as an organiser
    assert shown(client, f"/jobboersen/?organisation={partner.id}") == {fair.id}


def test_calendar_map_list_exports_and_api_agree_on_an_organisers_fairs(
        client, make_fair, make_post, make_organisation, make_user):
    organiser = make_organisation("Jobcenter Main-Kinzig")
    author = make_user(Role.COORDINATOR, organisation=organiser)
    own = [make_fair(district_ags=d, author=author) for d in ("06435", "06631")]
    partner = make_fair(district_ags="06435", co_organiser_ids=[organiser.id])  # co-organised
    make_fair(district_ags="06435")  # another organiser's
    make_fair(start=NOW - timedelta(days=3), end=NOW - timedelta(days=3, hours=-4), author=author)
    make_fair(status="draft", author=author)
    make_post(Kind.PROJECT, author=author)
    expected = {own[0].id, own[1].id, partner.id}
    query = f"upcoming=y&kind=fair&organisation={organiser.id}"
    assert shown(client, f"/jobboersen/?organisation={organiser.id}") == expected
    markers = client.get(f"/karte/daten.json?{query}").get_json()
    assert set(markers["id"]) == expected
    counts = client.get(f"/karte/kreise.json?{query}").get_json()
    assert {ags: row["kinds"]["fair"] for ags, row in counts.items()} == {"06435": 2, "06631": 1}
    table = client.get(f"/?{query}").get_data(as_text=True)
    fulda = re.search(r'<tr data-ags="06631".*?</tr>', table, re.DOTALL).group(0)
    assert re.search(r'data-count="fair">1<', fulda)
    assert list_ids(client, query) == expected
    assert shown_in_list(client, f"/karte/liste?{query}") == expected
    rows = DictReader(StringIO(client.get(f"/beitraege/export.csv?{query}").get_data(as_text=True)))
    assert {int(row["id"]) for row in rows} == expected
    geo = client.get(f"/beitraege/export.geojson?{query}").get_json(force=True)
    assert {feature["id"] for feature in geo["features"]} == expected
    items = client.get(f"/api/v1/posts?{query}").get_json()["items"]
    assert {item["id"] for item in items} == expected
    feed = events(client.get(f"/jobboersen/kalender.ics?organisation={organiser.id}").data)
    assert Counter(event["STATUS"] for event in feed.values()) == Counter({"CONFIRMED": 3})


def shown_in_list(client, url: str) -> set[int]:
    return {int(i) for i in re.findall(r'href="/beitraege/(\d+)"', client.get(url).get_data(
        as_text=True))}
