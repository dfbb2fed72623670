"""In Chromium: a member of a ring finds it in the header, reads its page and filters the post
list by it; after signing out, the ring and its filter are gone."""

from __future__ import annotations

import pytest

from jobnet.accounts.models import Role
from jobnet.clock import utcnow
from jobnet.posts import services
from jobnet.posts.models import Kind
from jobnet.rings.models import Ring, RingMember
from tests.browser.map_helpers import loopback_tiles  # noqa: F401
from tests.browser.test_foundation_journey import sign_in, sign_out
from tests.posts.conftest import post_data

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("loopback_tiles")]


def test_a_member_reads_the_ring_page_and_filters_the_list_by_the_ring(
        page, db, make_organisation, make_user):
    kca = make_organisation("KCA Main-Kinzig-Kreis", "06435")
    fulda = make_organisation("Kreisjobcenter Fulda", "06631")
    frankfurt = make_organisation("Jobcenter Frankfurt am Main", "06412")
    db.session.add(Ring(name="Vergleichsring Osthessen",
                        member_rows=[RingMember(organisation=kca), RingMember(organisation=fulda)]))
    authors = {org: make_user(Role.COORDINATOR, organisation=org) for org in (kca, fulda, frankfurt)}
    for org, title in ((kca, "Projekt des KCA"), (frankfurt, "Projekt aus Frankfurt")):
        services.create_post(Kind.PROJECT, post_data(Kind.PROJECT, title=title), author=authors[org],
                             now=utcnow(), publish=True)

    sign_in(page, authors[fulda].email)
    page.get_by_role("link", name="Vergleichsringe").first.click()
    page.get_by_role("link", name="Vergleichsring Osthessen").click()
    members = page.locator("#ring-members").inner_text()
    assert "KCA Main-Kinzig-Kreis" in members and "Main-Kinzig-Kreis" in members
    assert "Jobcenter Frankfurt" not in members
    assert "Projekt des KCA" in page.locator("#ring-posts").inner_text()

    page.goto("/beitraege/")
    if page.locator("details.filters[open]").count() == 0:  # folded on narrow screens
        page.locator("details.filters summary").click()
    page.get_by_label("Vergleichsring").select_option(label="Vergleichsring Osthessen")
    page.get_by_role("button", name="Filtern").click()
    page.wait_for_url("**ring=*")
    results = page.locator("main").inner_text()
    assert "Projekt des KCA" in results and "Projekt aus Frankfurt" not in results

    sign_out(page)
    page.goto("/beitraege/")
    assert page.get_by_label("Vergleichsring").count() == 0
    assert page.get_by_role("link", name="Vergleichsringe").count() == 0
