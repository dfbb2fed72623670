"""What visitors' pages of posts revalidate on in the page cache (web/page_cache.py): read
from the request as the views read it, and much cheaper than rendering the page."""

from __future__ import annotations

from jobnet import clock  # read as clock.utcnow(), so tests can pin the time
from jobnet.posts import queries
from jobnet.posts.forms import requested_filter


def requested_selection() -> str:
    """Pages of the posts the request's filter selects: the list, the map and its data."""
    return queries.selection_fingerprint(requested_filter()[0].to_filter(), now=clock.utcnow())


def one_post(post_id: int) -> str:
    """A post's own page and popup data."""
    return queries.post_fingerprint(post_id, now=clock.utcnow())
