"""The map as a coordinator uses it, on the demo data in Debian's Chromium."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from jobnet.fairs.schedule import daily_hours
from jobnet.posts.models import FairCoOrganiser, Kind, Post, Status
from tests.browser.conftest import save_screenshot
from tests.browser.map_helpers import (  # noqa: F401
    load_demo_posts,
    loopback_tiles,
    open_map,
    published_counts,
    wait_ready,
)

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("loopback_tiles")]
MARKERS = ".map-marker.kind-{0}, .map-cluster.has-{0}"


def test_layers_filters_history_popup_choropleth_district_and_catchment(
        page, db, tmp_path):
    load_demo_posts(db, tmp_path)
    expected = published_counts(db)
    open_map(page)

    # Every published post is a marker in its kind's layer; the 26 districts are drawn.
    assert page.evaluate("jobnetMap.counts()") == expected
    assert page.locator(".leaflet-overlay-pane path.leaflet-interactive").count() == 26
    for kind, count in expected.items():
        assert page.locator(f'.layer-count[data-kind="{kind}"]').inner_text() == str(count)

    # A layer switched off takes its markers and clusters off the map.
    assert page.locator(MARKERS.format("settlement")).count() > 0
    page.get_by_role("checkbox", name=re.compile("^Firmenansiedlungen")).uncheck()
    assert page.locator(MARKERS.format("settlement")).count() == 0
    assert page.evaluate("jobnetMap.visible('settlement')") is False
    page.get_by_role("checkbox", name=re.compile("^Firmenansiedlungen")).check()
    assert page.evaluate("jobnetMap.visible('settlement')") is True

    # A filter changes map, list and URL together; the back button undoes it.
    total = sum(expected.values())
    page.select_option("select[name=kind]", "fair")
    page.locator("#map-filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"\?kind=fair$"))
    wait_ready(page)
    assert page.evaluate("jobnetMap.counts()") == {**dict.fromkeys(expected, 0),
                                                   "fair": expected["fair"]}
    heading = page.locator("#results-heading")
    assert heading.inner_text().startswith(f"{expected['fair']} ")
    assert page.locator("#map-list .post-item").count() == page.locator(
        "#map-list .post-item.kind-fair").count() > 0
    page.go_back()
    page.wait_for_url(re.compile(r"/$"))
    wait_ready(page)
    assert page.evaluate("jobnetMap.counts()") == expected
    assert heading.inner_text().startswith(f"{total} ")
    assert page.locator("select[name=kind]").input_value() == ""

    # Choropleth: districts get fill colours and a labelled legend appears.
    page.get_by_label("Beiträge", exact=True).check()
    legend = page.locator("#choropleth-legend")
    assert legend.is_visible() and "Beiträge je Landkreis" in legend.inner_text()
    fills = page.eval_on_selector_all(".leaflet-overlay-pane path.leaflet-interactive",
                                      "paths => paths.map(p => p.getAttribute('fill'))")
    assert len(set(fills)) > 2 and "#ffffff" not in fills
    page.get_by_label("Arbeitsplätze aus Ansiedlungen").check()
    assert "Angekündigte Arbeitsplätze" in legend.inner_text()
    save_screenshot(page, "map")

    # Clicking a district filters to it (marker layers off, so the click reaches the district).
    for kind in expected:
        page.locator(f"input[name=layer][value={kind}]").uncheck()
    point = page.evaluate("""() => {
        const m = jobnetMap.map, p = m.latLngToContainerPoint([50.55, 9.68]);  // Fulda
        const box = m.getContainer().getBoundingClientRect();
        return {x: box.left + p.x, y: box.top + p.y};
    }""")
    page.mouse.click(point["x"], point["y"])
    page.wait_for_url(re.compile(r"district=06631"))
    wait_ready(page)
    assert page.locator("select[name=district]").input_value() == "06631"
    fulda = db.session.query(Post).filter_by(status=Status.PUBLISHED, district_ags="06631").count()
    assert page.locator("#results-heading").inner_text().startswith(f"{fulda} ")

    # A settlement's popup shows its facts, draws its commuting circle and links to its page.
    page.goto("/")
    wait_ready(page)
    settlement = db.session.get(Post, page.evaluate("jobnetMap.ids('settlement')[0]"))
    page.evaluate(f"jobnetMap.openPopup({settlement.id})")
    popup = page.locator(".leaflet-popup-content")
    popup.get_by_text(settlement.title).wait_for()
    text = popup.inner_text()
    assert settlement.company in text and settlement.organisation.name in text
    assert page.evaluate("jobnetMap.hasCatchment()") is True
    assert page.evaluate("jobnetMap.highlighted()") == [r.district_ags for r in settlement.catchment]
    popup.get_by_role("link", name="Zum Beitrag").click()
    page.wait_for_url(f"**/beitraege/{settlement.id}")
    assert page.locator("h1").inner_text() == settlement.title
    page.wait_for_function("() => document.getElementById('catchment-map').dataset.ready === '1'")
    assert page.locator("#catchment-map path").count() >= 27  # circle + every district
    assert page.dialogs == []


def test_fair_popup_says_when_and_where(page, db, tmp_path):
    load_demo_posts(db, tmp_path)
    open_map(page, "/?upcoming=y")
    fair_id = page.evaluate("jobnetMap.ids('fair')[0]")
    fair = db.session.get(Post, fair_id)
    assert fair.kind == Kind.FAIR
    # A real click on the fair's own marker, once the map has zoomed in far enough to show it.
    page.evaluate(f"jobnetMap.reveal({fair_id})")
    page.locator(f'.map-marker[data-post-id="{fair_id}"]').click()
    popup = page.locator(".leaflet-popup-content")
    # The fair's start and end, from its kind specification; a fair held daily (the demo's
    # airport fair) has one line for its days and hours instead.
    popup.get_by_text("Termin" if daily_hours(fair) else "Beginn", exact=True).wait_for()
    assert fair.venue in popup.inner_text() and "Jobbörse" in popup.inner_text()
    assert page.evaluate("jobnetMap.hasCatchment()") is False


def test_an_organisations_upcoming_fairs_on_the_map_are_the_calendars(page, db, tmp_path):
    load_demo_posts(db, tmp_path)
    # A co-organiser: its fairs are other organisations' posts, yet its own under the filter.
    partner = Counter(row.organisation_id for row in db.session.query(FairCoOrganiser))
    organisation = partner.most_common(1)[0][0]
    page.goto(f"/jobboersen/?organisation={organisation}")
    calendar = sorted(int(i) for i in page.eval_on_selector_all(
        "[data-fair-id]", "rows => rows.map(r => r.dataset.fairId)"))
    assert calendar
    open_map(page)
    page.get_by_label("Nur kommende Jobbörsen").check()
    page.select_option("select[name=organisation]", str(organisation))
    page.locator("#map-filters button[type=submit]").click()
    page.wait_for_url(re.compile(rf"organisation={organisation}"))
    wait_ready(page)
    assert sorted(page.evaluate("jobnetMap.ids('fair')")) == calendar
    assert page.evaluate("jobnetMap.counts()")["settlement"] == 0
    assert page.locator("#results-heading").inner_text().startswith(f"{len(calendar)} ")
    assert page.dialogs == []
