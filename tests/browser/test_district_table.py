"""The district table beside the map in Chromium: it follows the filters applied in the page,
and its links filter map and list in place, by keyboard."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from jobnet.clock import local_today, utcnow
from tests.browser.map_helpers import load_demo_posts, loopback_tiles, open_map  # noqa: F401
from tests.map.sql_counts import KINDS, sql_counts

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("loopback_tiles")]

# Each district's numbers as the page shows them: the kinds, all posts, jobs.
READ_TABLE = """() => Object.fromEntries(Array.from(
  document.querySelectorAll('#district-table tr[data-ags]')).map(row => [row.dataset.ags,
  Array.from(row.querySelectorAll('td')).map(cell => Number(cell.textContent.replace(/\\./g, '')))]))"""


def expected_table(db, **sql_filter) -> dict[str, list[int]]:
    now = utcnow()
    counts = sql_counts(db, now=now, today=local_today(now), **sql_filter)
    empty = {"kinds": dict.fromkeys(KINDS, 0), "posts": 0, "jobs": 0}
    return {ags: [*row["kinds"].values(), row["posts"], row["jobs"]]
            for ags, row in counts.items()}, empty


def assert_table_shows(page, db, **sql_filter) -> None:
    shown = page.evaluate(READ_TABLE)
    expected, empty = expected_table(db, **sql_filter)
    total = [0] * (len(KINDS) + 2)
    for ags, numbers in shown.items():
        if not ags:
            continue
        want = expected.get(ags, [*empty["kinds"].values(), 0, 0])
        assert numbers == want, ags
        total = [a + b for a, b in zip(total, want, strict=True)]
    assert shown[""] == total  # the row "Ganz Hessen"
    assert len(shown) == 27


def wait_for_total(page, column: str, value: int) -> None:
    page.wait_for_function(
        "([column, value]) => document.querySelector("
        "`#district-table tfoot [data-count=\"${column}\"]`).textContent.replace(/\\./g, '')"
        " === String(value)", arg=[column, value])


def test_the_table_follows_the_filters_and_its_links_filter_in_place(page, db, tmp_path):
    load_demo_posts(db, tmp_path)
    open_map(page)
    assert_table_shows(page, db)
    page.locator("#district-table-details summary").click()
    assert page.locator("#district-table").is_visible()
    # axe-core on the open table: no violation of any impact (headers, scope, caption, links).
    axe = Axe().run(page, context="#district-table-details",
                    options={"resultTypes": ["violations", "passes"]})
    assert axe.response["violations"] == []
    assert {"th-has-data-cells", "td-headers-attr", "link-name"} <= {
        rule["id"] for rule in axe.response["passes"]}

    # A filter applied in the page changes the table without a page load.
    page.evaluate("window.samePage = true")
    settlements = sum(row[0] for row in expected_table(db, kind="settlement")[0].values())
    page.select_option("select[name=kind]", "settlement")
    page.locator("#map-filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"\?kind=settlement$"))
    wait_for_total(page, "fair", 0)
    assert_table_shows(page, db, kind="settlement")
    assert page.locator("#district-table tfoot [data-count=posts]").inner_text() == str(settlements)

    # Past job fairs come back with their filter (the demo has two).
    page.select_option("select[name=kind]", "")
    page.get_by_label("Vergangene Jobbörsen anzeigen").check()
    page.locator("#map-filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"\?past=y$"))
    with_past = sum(row[3] for row in expected_table(db, past=True)[0].values())
    wait_for_total(page, "fair", with_past)
    assert_table_shows(page, db, past=True)
    assert with_past == sum(row[3] for row in expected_table(db)[0].values()) + 2

    # A district's link, by keyboard: map and list follow, the table still compares all
    # districts and marks the chosen one; focus stays on the link.
    link = page.locator('#district-table a[data-district="06411"]')
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?district=06411&past=y$"))
    page.wait_for_function("() => document.getElementById('map-root').dataset.ready === '1'")
    darmstadt = expected_table(db, past=True)[0]["06411"][4]
    assert page.locator("#results-heading").inner_text().startswith(f"{darmstadt} ")
    assert link.get_attribute("aria-current") == "true"
    assert page.locator('#district-table tr[data-ags="06411"] .selected-mark').is_visible()
    assert page.evaluate("document.activeElement.dataset.district") == "06411"
    assert page.evaluate("window.samePage") is True
    assert_table_shows(page, db, past=True)
    assert page.locator("#map-filters select[name=district]").input_value() == "06411"

    # Back: no district chosen any more, the mark goes.
    page.go_back()
    page.wait_for_url(re.compile(r"\?past=y$"))
    page.wait_for_function("() => !document.querySelector('#district-table [aria-current]')")
    assert not page.locator('#district-table tr[data-ags="06411"] .selected-mark').is_visible()


def test_without_javascript_the_table_is_there_and_its_links_filter(chromium, live_server, db,
                                                                   tmp_path):
    load_demo_posts(db, tmp_path)
    context = chromium.new_context(base_url=live_server, locale="de-DE", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/?kind=fair")
        page.locator("#district-table-details summary").click()
        fairs = {ags: row[3] for ags, row in expected_table(db, kind="fair")[0].items()}
        ags = min(ags for ags, count in fairs.items() if count)
        row = page.locator(f'#district-table tr[data-ags="{ags}"]')
        assert row.locator('[data-count="fair"]').inner_text() == str(fairs[ags])
        name = row.locator("a").inner_text()
        row.locator("a").click()
        page.wait_for_url(re.compile(rf"/\?kind=fair&district={ags}#map-list$"))
        assert page.locator("#map-list .post-item.kind-fair").count() == fairs[ags]
        assert page.locator('#district-table a[aria-current="true"]').text_content() == name
    finally:
        context.close()
