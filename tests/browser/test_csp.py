"""Every page runs under the Content-Security-Policy in Chromium without a single violation, and
the map still works under it: markers drawn, tiles requested from the configured host, a popup."""

from __future__ import annotations

import pytest
from flask import current_app
from sqlalchemy import select

from jobnet.accounts import invitations, services
from jobnet.accounts.models import Role
from jobnet.accounts.throttle import client_of
from jobnet.clock import utcnow
from jobnet.digest.links import manage_token
from jobnet.posts.models import Kind, Post
from tests.browser.map_helpers import load_demo_posts, published_counts, wait_ready
from tests.browser.test_foundation_journey import sign_in

pytestmark = pytest.mark.browser

# Runs before any script of the page (Playwright injects it outside the page's CSP).
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.cspViolations.push(event.effectiveDirective + " " + event.blockedURI + " "
                            + (event.sample || ""));
}, true);
"""


@pytest.fixture()
def csp_page(page):
    """The browser tab, recording CSP violations as events (per document) and as console errors
    (these also come from frames, such as the digest preview's srcdoc frame)."""
    page.add_init_script(RECORD_VIOLATIONS)
    page.console_csp = []
    page.on("console", lambda message: page.console_csp.append(message.text)
            if "Content Security Policy" in message.text else None)
    return page


@pytest.fixture()
def foreign_tiles(app, live_server):
    """Tiles from another origin (localhost instead of 127.0.0.1): the CSP must allow its host."""
    previous = app.config["MAP_TILE_URL"]
    port = live_server.rsplit(":", 1)[1]
    app.config["MAP_TILE_URL"] = f"http://localhost:{port}/kacheln/{{z}}/{{x}}/{{y}}.png"
    yield f"http://localhost:{port}/"
    app.config["MAP_TILE_URL"] = previous


def violations(page) -> list[str]:
    """What the current page violated so far; the console list is emptied for the next page."""
    found = page.evaluate("window.cspViolations || []") + page.console_csp
    page.console_csp = []
    return found


def assert_enforced(page) -> None:
    """The page is really under a policy: a script injected into it is refused, not run."""
    page.evaluate("""() => { const s = document.createElement("script");
                             s.textContent = "window.injected = true"; document.body.append(s); }""")
    assert page.evaluate("window.injected === undefined")
    assert [v.split()[0] for v in page.evaluate("window.cspViolations")] == ["script-src-elem"]
    page.evaluate("window.cspViolations = []")
    page.console_csp = []


def visit_all(page, paths: dict[str, str]) -> dict[str, list[str]]:
    """Open every page and collect its violations, keyed by the page's name."""
    measured = {}
    assert violations(page) == []  # the page before, e.g. where signing in led
    for name, path in paths.items():
        page.goto(path)
        page.wait_for_load_state("networkidle")  # maps fetch their data, tiles, moves
        measured[name] = violations(page)
        assert_enforced(page)
    print({name: len(found) for name, found in measured.items()})  # the report, with -s
    return measured


def test_map_works_under_the_policy_without_violations(csp_page, db, tmp_path, foreign_tiles):
    page = csp_page
    load_demo_posts(db, tmp_path)
    expected = published_counts(db)
    page.goto("/")
    wait_ready(page)
    settlement = db.session.get(Post, page.evaluate("jobnetMap.ids('settlement')[0]"))

    # The Folium script (inline, with the nonce) made the map, and main.js drew the markers.
    assert page.evaluate("jobnetMap.counts()") == expected
    assert page.locator(".map-marker, .map-cluster").count() > 0
    assert page.locator(".leaflet-overlay-pane path.leaflet-interactive").count() == 26
    tiles = page.eval_on_selector_all(".leaflet-tile-pane img", "imgs => imgs.map(i => i.src)")
    assert tiles and all(src.startswith(foreign_tiles) for src in tiles)
    page.evaluate(f"jobnetMap.openPopup({settlement.id})")
    popup = page.locator(".leaflet-popup-content")
    popup.get_by_text(settlement.title).wait_for()
    assert popup.get_by_role("link", name="Zum Beitrag").is_visible()
    page.get_by_label("Beiträge", exact=True).check()  # choropleth colours and legend
    page.locator("#choropleth-legend").wait_for()
    page.select_option("select[name=kind]", "fair")  # the list is fetched and swapped in
    page.locator("#map-filters button[type=submit]").click()
    wait_ready(page)
    assert violations(page) == []
    assert_enforced(page)

    paths = {"list": "/beitraege/", "settlement (catchment map)": f"/beitraege/{settlement.id}",
             "login": "/konto/anmelden", "request reset": "/konto/passwort-vergessen",
             "subscribe": "/wochenuebersicht/", "404": "/gibt-es-nicht"}
    assert visit_all(page, paths) == {name: [] for name in paths}
    assert page.dialogs == []


def test_member_pages_have_no_violations(csp_page, db, tmp_path, make_user, make_subscription,
                                        foreign_tiles):
    page = csp_page
    load_demo_posts(db, tmp_path)
    post = db.session.scalars(select(Post).where(Post.kind == Kind.SETTLEMENT)).first()
    coordinator = make_user(Role.COORDINATOR, organisation=post.organisation)
    moderator = make_user(Role.MODERATOR)
    token = manage_token(make_subscription(), utcnow())
    paths = {"digest manage": f"/wochenuebersicht/verwalten/{token}",
             "digest unsubscribe": f"/wochenuebersicht/abmelden/{token}"}
    assert visit_all(page, paths) == {name: [] for name in paths}

    sign_in(page, coordinator.email)
    paths = {"choose kind": "/beitraege/neu",
             "new settlement (pin picker)": "/beitraege/neu/settlement",
             "edit": f"/beitraege/{post.id}/bearbeiten", "history": f"/beitraege/{post.id}/verlauf",
             "my organisation": "/beitraege/meine-organisation", "profile": "/konto/",
             "403": "/verwaltung/nutzer", "map signed in": "/"}
    assert visit_all(page, paths) == {name: [] for name in paths}
    page.goto("/beitraege/neu/settlement")  # the place lookup and the pin picker at work
    page.locator("input[name=place]").press_sequentially("Gelnhausen", delay=20)
    page.locator("#place-suggestions button").first.click()
    page.locator("#place-found").get_by_text("Main-Kinzig-Kreis").wait_for()
    assert violations(page) == []

    page.get_by_role("button", name="Abmelden").click()
    sign_in(page, moderator.email)
    paths = {"moderation": "/moderation/", "unpublish": f"/moderation/{post.id}/zurueckziehen"}
    assert visit_all(page, paths) == {name: [] for name in paths}


def test_admin_and_link_pages_have_no_violations(csp_page, db, make_user, make_organisation,
                                                 make_subscription):
    page = csp_page
    admin = make_user(Role.ADMIN)
    user = make_user(Role.COORDINATOR)
    subscription = make_subscription()
    links = []
    with current_app.test_request_context():
        invitations.invite(admin, email="neu@example.org", name="Neu", role=Role.COORDINATOR,
                           organisation_id=user.organisation_id, now=utcnow(),
                           link_for=links.append)
        services.request_password_reset(user.email, client=client_of("127.0.0.1"), now=utcnow(),
                                        link_for=links.append)
    paths = {"accept invitation": f"/konto/einladung/{links[0]}",
             "reset password": f"/konto/passwort-neu/{links[1]}"}
    assert visit_all(page, paths) == {name: [] for name in paths}

    sign_in(page, admin.email)
    paths = {"admin": "/verwaltung/", "users": "/verwaltung/nutzer",
             "user": f"/verwaltung/nutzer/{user.id}", "organisations": "/verwaltung/organisationen",
             "organisation": f"/verwaltung/organisationen/{user.organisation_id}",
             "new organisation": "/verwaltung/organisationen/neu", "invite": "/verwaltung/einladen",
             "digest admin": "/verwaltung/wochenuebersicht/",
             "digest preview": f"/verwaltung/wochenuebersicht/{subscription.id}/vorschau"}
    assert visit_all(page, paths) == {name: [] for name in paths}
    # The preview frame shows the mail with its own inline styles (its own policy allows them).
    mail = page.frame_locator("iframe.mail-preview").locator("body")
    mail.get_by_text("JobNet Hessen").first.wait_for()
    assert mail.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(238, 241, 245)"
    assert violations(page) == []
