"""Open-data test helpers: posts dated around the real now (the exports use the real clock)."""

from __future__ import annotations

import re

from tests.map.conftest import make_post  # noqa: F401  (fixture)

LIST_LINK = re.compile(r'href="/beitraege/(\d+)"')


def list_ids(client, query: str) -> set[int]:
    """The ids of the posts the list shows for the query, over all its pages."""
    ids: set[int] = set()
    for page in range(1, 50):
        html = client.get(f"/beitraege/?{query}&page={page}").get_data(as_text=True)
        found = {int(i) for i in LIST_LINK.findall(html)}
        if not found - ids:
            return ids
        ids |= found
    return ids
