"""The map with the keyboard only and with a screen reader's names, in Debian's Chromium: markers
and clusters are named buttons that Enter and Space open, popups take and give back the focus,
posts of two kinds at one place are both reachable, and the districts are no tab stops."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from jobnet.accounts.models import Role, User
from jobnet.clock import utcnow
from jobnet.fairs.services import cancel_fair
from jobnet.posts import services
from jobnet.posts.models import Kind, Post, Status
from tests.browser.map_helpers import (  # noqa: F401
    load_demo_posts,
    loopback_tiles,
    open_map,
    wait_ready,
)
from tests.browser.test_accessibility import serious_violations
from tests.browser.test_csp import csp_page, violations  # noqa: F401
from tests.posts.conftest import post_data

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("loopback_tiles")]
GERMAN = {"settlement": "Firmenansiedlung", "programme": "Berufsbild / Ausbildungsgang",
          "project": "Zielgruppenprojekt", "fair": "Jobbörse"}
FOCUSED = ":focus"


def focused_info(page) -> dict:
    return page.evaluate("""() => { const a = document.activeElement;
        return {cls: a.getAttribute('class') || '', name: a.getAttribute('aria-label') || '',
                tag: a.tagName, inMarkers: !!a.closest('.leaflet-marker-pane'),
                inPopup: !!a.closest('.leaflet-popup')}; }""")


def tab_until(page, wanted, limit: int = 60) -> dict:
    """Presses Tab until the focused element matches wanted(info); returns its info."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = focused_info(page)
        if wanted(info):
            return info
    raise AssertionError("never reached by Tab")


def published_names(db) -> dict[str, Post]:
    posts = db.session.scalars(select(Post).where(Post.status == Status.PUBLISHED))
    return {f"{GERMAN[post.kind]}: {post.title}": post for post in posts}


def test_marker_by_keyboard_named_popup_focus_and_escape(csp_page, db, tmp_path):  # noqa: F811
    page = csp_page
    load_demo_posts(db, tmp_path)
    names = published_names(db)
    open_map(page)

    # From the legend's last control before the map: the map (arrow keys pan it), then straight
    # to the markers; the 26 districts are no tab stops in between.
    page.get_by_role("radio", name="Keine").focus()
    page.keyboard.press("Tab")
    assert "leaflet-container" in focused_info(page)["cls"]
    page.keyboard.press("Tab")
    assert focused_info(page)["inMarkers"]
    assert page.eval_on_selector_all(".leaflet-overlay-pane path",
                                     "ps => ps.filter(p => p.tabIndex >= 0).length") == 0

    # A marker's name says kind and title, in German, as Chromium computes it.
    marker = tab_until(page, lambda info: "map-marker" in info["cls"])
    post = names[marker["name"]]
    expect(page.locator(FOCUSED)).to_have_accessible_name(marker["name"])
    expect(page.locator(FOCUSED)).to_have_role("button")

    # Enter opens the popup, a dialog named after the post, with the focus in it.
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name=marker["name"])
    dialog.get_by_role("link", name="Zum Beitrag").wait_for()
    assert focused_info(page)["inPopup"]
    assert post.title in dialog.inner_text()
    page.keyboard.press("Tab")
    expect(page.locator(FOCUSED)).to_have_accessible_name("Zum Beitrag")
    # axe, with markers, clusters and the dialog open (faded in: axe weighs colours by opacity)
    page.wait_for_function("() => document.getAnimations().length === 0")
    assert serious_violations(page) == []

    # Escape closes it, and the focus is back on the marker that opened it.
    page.keyboard.press("Escape")
    expect(page.locator(".leaflet-popup")).to_have_count(0)
    assert focused_info(page)["name"] == marker["name"]

    # Space opens it too; its close button ("Schließen") closes it with Enter, focus back again.
    page.keyboard.press(" ")
    dialog.get_by_role("link", name="Zum Beitrag").wait_for()
    tab_until(page, lambda info: "leaflet-popup-close-button" in info["cls"])
    expect(page.locator(FOCUSED)).to_have_accessible_name("Schließen")
    page.keyboard.press("Enter")
    expect(page.locator(".leaflet-popup")).to_have_count(0)
    assert focused_info(page)["name"] == marker["name"]
    assert violations(page) == []


def test_enter_on_a_cluster_zooms_in_and_focuses_its_first_post(csp_page, db, tmp_path):  # noqa: F811
    page = csp_page
    load_demo_posts(db, tmp_path)
    names = published_names(db)
    open_map(page)
    page.get_by_role("link", name="Zur Liste springen").focus()
    cluster = tab_until(page, lambda info: "map-cluster" in info["cls"])

    # The cluster's name says how many posts it holds, and of which kinds.
    count = int(page.locator(FOCUSED).inner_text())
    match = re.fullmatch(r"(\d+) Beiträge: (.+)", cluster["name"])
    assert match and int(match[1]) == count
    assert sum(int(part.split(" ", 1)[0]) for part in match[2].split(", ")) == count

    zoom = page.evaluate("jobnetMap.map.getZoom()")
    page.keyboard.press("Enter")
    page.wait_for_function("""z => jobnetMap.map.getZoom() > z
        && document.activeElement.closest('.leaflet-marker-pane') !== null""", arg=zoom)
    # The focus went to one of the cluster's posts (or a smaller cluster holding it).
    now = focused_info(page)
    assert now["name"] in names or int(now["name"].split(" ")[0]) < count
    assert violations(page) == []


def same_place_posts(make_user) -> tuple[Post, Post]:
    """A fair and a project at exactly one point in Fulda, published."""
    author, now = make_user(Role.COORDINATOR), utcnow().replace(microsecond=0)
    point = {"latitude": 50.5516, "longitude": 9.6752, "place": "Fulda"}
    start = now + timedelta(days=20)
    fair = services.create_post(Kind.FAIR, post_data(
        Kind.FAIR, title="Osthessische Pflegejobbörse", starts_at=start,
        ends_at=start + timedelta(hours=6), **point), author=author, now=now, publish=True)
    project = services.create_post(Kind.PROJECT, post_data(
        Kind.PROJECT, title="Erfahrung zählt in Fulda", **point), author=author, now=now,
        publish=True)
    return fair, project


def test_two_kinds_at_one_place_are_both_reachable(csp_page, db, make_user):  # noqa: F811
    page = csp_page
    fair, project = same_place_posts(make_user)
    open_map(page)
    # One cluster for both kinds, at every zoom up to the highest: neither hides the other.
    page.evaluate("""() => { const m = jobnetMap.map;
        m.setView([50.5516, 9.6752], m.getMaxZoom(), {animate: false}); }""")
    page.wait_for_function("() => document.querySelectorAll('.map-cluster').length === 1")
    assert page.locator(".map-marker").count() == 0
    cluster = tab_until(page, lambda info: "map-cluster" in info["cls"])
    assert cluster["name"] == "2 Beiträge: 1 Zielgruppenprojekt, 1 Jobbörse"

    # Enter spiderfies it and focuses the first post; each one opens by keyboard.
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.classList.contains('map-marker')")
    expected = {f"Jobbörse: {fair.title}": fair, f"Zielgruppenprojekt: {project.title}": project}
    reached = []
    for _ in expected:
        name = focused_info(page)["name"]
        reached.append(name)
        page.keyboard.press("Enter")
        dialog = page.get_by_role("dialog", name=name)
        dialog.get_by_text(expected[name].title).wait_for()
        page.keyboard.press("Escape")
        expect(page.locator(".leaflet-popup")).to_have_count(0)
        assert focused_info(page)["name"] == name
        page.keyboard.press("Tab")
    assert sorted(reached) == sorted(expected)
    # The spiderfied markers do not cover each other.
    boxes = page.eval_on_selector_all(".map-marker", "els => els.map(e => e.getBoundingClientRect().toJSON())")
    assert len(boxes) == 2 and not overlaps(boxes[0], boxes[1])
    assert violations(page) == []


def overlaps(a: dict, b: dict) -> bool:
    return (a["left"] < b["right"] and b["left"] < a["right"]
            and a["top"] < b["bottom"] and b["top"] < a["bottom"])


def test_english_page_names_and_letters_follow_the_language(page, db, make_user):
    fair, _project = same_place_posts(make_user)
    open_map(page)
    page.get_by_role("button", name="English").click()  # the header's language switch
    page.locator("html[lang=en]").wait_for(state="attached")
    wait_ready(page)
    assert page.locator("html").get_attribute("lang") == "en"
    cluster = page.locator(".map-cluster")
    expect(cluster).to_have_accessible_name("2 posts: 1 Target-group project, 1 Job fair")
    cluster.click()
    page.locator(".map-marker.kind-fair").wait_for()
    expect(page.locator(".map-marker.kind-fair")).to_have_accessible_name(f"Job fair: {fair.title}")
    assert page.locator(".map-marker.kind-fair").inner_text() == "J"
    assert page.locator(".map-marker.kind-project").inner_text() == "P"
    expect(page.get_by_role("button", name="Zoom in")).to_have_count(1)


@pytest.mark.parametrize("zoom_steps", [0, 1, 2, 3])
def test_markers_and_clusters_are_big_enough_and_apart_on_a_phone(page, db, tmp_path, zoom_steps):
    load_demo_posts(db, tmp_path)
    page.set_viewport_size({"width": 390, "height": 844})
    open_map(page)
    if zoom_steps:  # closer to the Rhine-Main area, where the posts are densest
        page.evaluate("""s => new Promise(done => { const m = jobnetMap.map;
            jobnetMap.group.once('animationend', () => done());
            m.setView([50.1, 8.75], m.getZoom() + s, {animate: false}); })""", zoom_steps)
    # Measured once the clusters' CSS transitions have ended, on the part of the map one sees.
    page.wait_for_function("() => document.getAnimations().length === 0")
    frame = page.locator("#map-root").evaluate("e => e.getBoundingClientRect().toJSON()")
    boxes = [box for box in page.eval_on_selector_all(
        ".leaflet-marker-icon", "els => els.map(e => e.getBoundingClientRect().toJSON())")
        if overlaps(box, frame)]
    assert len(boxes) >= 3  # something to compare at every zoom
    assert all(box["width"] >= 24 and box["height"] >= 24 for box in boxes)  # WCAG 2.2 SC 2.5.8
    touching = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if overlaps(a, b)]
    assert touching == []


def test_district_click_zooms_and_outlines_it_without_a_focus_rectangle(page, db, tmp_path):
    load_demo_posts(db, tmp_path)
    open_map(page)
    home_zoom = page.evaluate("jobnetMap.map.getZoom()")
    for kind in GERMAN:  # marker layers off, so the click reaches the district
        page.locator(f"input[name=layer][value={kind}]").uncheck()
    point = page.evaluate("""() => {
        const m = jobnetMap.map, p = m.latLngToContainerPoint([50.55, 9.68]);  // Fulda
        const box = m.getContainer().getBoundingClientRect();
        return {x: box.left + p.x, y: box.top + p.y};
    }""")
    page.mouse.click(point["x"], point["y"])
    page.wait_for_url(re.compile(r"district=06631"))
    page.wait_for_function("() => document.getElementById('map-root').dataset.ready === '1'")
    assert page.evaluate("jobnetMap.selectedDistrict()") == "06631"
    assert page.evaluate("jobnetMap.map.getZoom()") >= home_zoom + 1.5
    # Fulda fills the map: its outline is drawn thicker, and nothing draws a focus rectangle.
    widths = page.eval_on_selector_all(".leaflet-overlay-pane path.leaflet-interactive",
                                       "ps => ps.map(p => p.getAttribute('stroke-width'))")
    assert widths.count("4") == 1
    assert page.evaluate("""() => { const a = document.activeElement;
        return a.tagName !== 'path' || getComputedStyle(a).outlineStyle === 'none'; }""")


def test_a_cancelled_fair_says_so_in_its_name_and_looks_struck_through(page, db, make_user):
    fair, _project = same_place_posts(make_user)
    cancel_fair(fair, user=db.session.get(User, fair.author_id), now=utcnow(),
                reason="Halle gesperrt")
    open_map(page)
    page.locator(".map-cluster").click()  # spiderfies: both at one place
    marker = page.locator(".map-marker.kind-fair")
    expect(marker).to_have_accessible_name(f"Jobbörse (Abgesagt): {fair.title}")
    assert "state-cancelled" in marker.get_attribute("class")
    assert marker.evaluate("e => getComputedStyle(e, '::after').transform") != "none"
    assert "state-" not in page.locator(".map-marker.kind-project").get_attribute("class")
