"""What visitors' pages of posts revalidate on in the page cache (web/page_cache.py): read
from the request as the views read it, and much cheaper than rendering the page."""

from __future__ import annotations

from jobnet import clock  # read as clock.utcnow(), so tests can pin the time
from jobnet.posts import queries
from jobnet.posts.filter_organisations import choices_fingerprint
from jobnet.posts.forms import requested_filter


def requested_selection() -> str:
    """Data of the posts the request's filter selects: the map's markers, counts and list."""
    return queries.selection_fingerprint(requested_filter()[0].to_filter(), now=clock.utcnow())


def filtered_page() -> str:
    """Pages with the filter panel (the list, the home map): the selection, and the panel's
    organisation options, which a post elsewhere can change."""
    return f"{requested_selection()}|{choices_fingerprint(now=clock.utcnow())}"


def one_post(post_id: int) -> str:
    """A post's own page and popup data."""
    return queries.post_fingerprint(post_id, now=clock.utcnow())
