"""axe-core on the map and the list: no serious or critical violations."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.map_helpers import load_demo_posts, loopback_tiles, open_map  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("loopback_tiles")]


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    assert results.response["passes"], "axe ran no rules"
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def test_map_and_list_pages_pass_axe(page, db, tmp_path):
    load_demo_posts(db, tmp_path)
    open_map(page)
    page.get_by_label("Beiträge", exact=True).check()  # with the choropleth legend showing
    assert serious_violations(page) == []
    page.goto("/beitraege/")
    assert serious_violations(page) == []


def test_map_controls_are_labelled_and_reachable_by_keyboard(page, db, tmp_path):
    load_demo_posts(db, tmp_path)
    open_map(page)
    assert page.get_by_role("region", name="Karte Hessens mit den Beiträgen").is_visible()
    for name in ("Vergrößern", "Verkleinern"):
        assert page.get_by_role("button", name=name).count() == 1
    assert page.get_by_role("checkbox", name="Firmenansiedlungen").is_checked()
    assert page.get_by_role("radio", name="Keine").is_checked()
    # The list holds what the map shows, and the skip link leads to it.
    page.get_by_role("link", name="Zur Liste springen").focus()
    page.keyboard.press("Enter")
    total = sum(page.evaluate("jobnetMap.counts()").values())
    assert page.locator("#results-heading").inner_text().startswith(f"{total} ")
