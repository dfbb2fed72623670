"""Post text that looks like script stays text: on the map's popups, in the list, on the pages."""

from __future__ import annotations

import pytest

from jobnet.accounts.models import Role
from jobnet.clock import utcnow
from jobnet.posts import services
from jobnet.posts.models import Kind
from tests.browser.map_helpers import loopback_tiles, open_map  # noqa: F401
from tests.posts.conftest import post_data

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("loopback_tiles")]
PAYLOAD = ('</script><script>alert(1)</script> ${alert(1)} ` <img src=x onerror=alert(1)> '
           '"><svg onload=alert(1)>')
COMMON_TEXT = ("title", "summary", "body", "place", "contact_name")
KIND_TEXT = {
    Kind.SETTLEMENT: ("company", "sector", "occupations"),
    Kind.PROGRAMME: ("programme_name", "providers", "experience"),
    Kind.PROJECT: ("funding", "instruments"),
    Kind.FAIR: ("venue", "organisers", "audience", "fee_note"),
}


def hostile_posts(make_organisation, make_user) -> list:
    author = make_user(Role.COORDINATOR, organisation=make_organisation(name=PAYLOAD))
    posts = []
    for kind in Kind:
        data = post_data(kind.value, links=[])
        data.update({name: PAYLOAD for name in (*COMMON_TEXT, *KIND_TEXT[kind])})
        if kind == Kind.FAIR:
            now = utcnow()
            data.update(starts_at=now.replace(microsecond=0) + (data["ends_at"] - data["starts_at"]) * 40,
                        ends_at=now.replace(microsecond=0) + (data["ends_at"] - data["starts_at"]) * 41)
        posts.append(services.create_post(kind.value, data, author=author, now=utcnow(),
                                          publish=True))
    return posts


def test_script_in_every_text_field_shows_literally_and_never_runs(
        page, db, make_organisation, make_user):
    posts = hostile_posts(make_organisation, make_user)
    open_map(page)
    assert sum(page.evaluate("jobnetMap.counts()").values()) == 4

    for post in posts:
        page.evaluate(f"jobnetMap.openPopup({post.id})")
        link = page.locator(f'a[href="/beitraege/{post.id}"].popup-link')
        link.wait_for()
        popup = page.locator(".leaflet-popup-content", has=link)
        assert popup.inner_text().count(PAYLOAD) >= 3  # title, place, organisation (and more)
        assert popup.locator("img, svg, script").count() == 0

    page.get_by_label("Beiträge", exact=True).check()  # tooltips and legend are built as well
    page.locator("#map-filters button[type=submit]").click()  # the list is fetched again
    page.wait_for_function("() => document.getElementById('map-root').dataset.ready === '1'")
    assert page.locator("#map-list").inner_text().count(PAYLOAD) >= 8
    assert page.locator("#map-list img, #map-list svg").count() == 0

    for path in ["/beitraege/", *(f"/beitraege/{post.id}" for post in posts)]:
        page.goto(path)
        assert PAYLOAD in page.locator("main").inner_text()
        assert page.locator("main [onerror], main [onload], main img[src=x]").count() == 0
    assert page.dialogs == []
