"""The job-fair calendar in Chromium, as a visitor uses it: filter by district, no JavaScript
needed, no CSP violation."""

from __future__ import annotations

from tests.fairs.calendar.conftest import make_fair  # noqa: F401  (fixture)
from tests.posts.conftest import make_post  # noqa: F401  (fixture)


def test_filter_by_district_shows_exactly_those_fairs(page, make_fair):  # noqa: F811
    kinzig = [make_fair(title="Jobdating Gelnhausen", district_ags="06435"),
              make_fair(title="Messe Wächtersbach", district_ags="06435",
                        start=(2027, 4, 12, 9, 0))]
    fulda = make_fair(title="Jobbörse Fulda", district_ags="06631")
    violations = []
    page.on("console", lambda m: violations.append(m.text)
            if "Content Security Policy" in m.text else None)
    page.goto("/")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Jobbörsen").click()
    page.wait_for_url("**/jobboersen/")
    rows = page.locator("tr[data-fair-id]")
    assert rows.count() == 3
    page.get_by_label("Landkreis / Stadt").select_option("06435")
    page.get_by_role("button", name="Filtern").click()
    page.wait_for_url("**district=06435**")
    shown = {int(rows.nth(i).get_attribute("data-fair-id")) for i in range(rows.count())}
    assert shown == {fair.id for fair in kinzig}
    assert page.get_by_role("heading", name="März 2027").is_visible()
    assert page.get_by_role("heading", name="April 2027").is_visible()
    assert page.get_by_role("row", name="Jobbörse Fulda").count() == 0
    feed = page.get_by_role("link", name="Im Kalender abonnieren (webcal)")
    assert feed.get_attribute("href").startswith("webcal://")
    assert feed.get_attribute("href").endswith("/jobboersen/kalender.ics?district=06435")
    assert fulda.id not in shown
    assert violations == []
