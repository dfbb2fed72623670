"""The district table beside the home map: the choropleth's numbers as text, for screen readers,
keyboards and browsers without JavaScript (docs/architecture.md, "District table").

It counts with the map's own district counts (`queries.district_counts`), so table, choropleth
and list cannot disagree. It leaves the district filter out: the table compares all districts
and marks the chosen one, instead of showing 25 zeros beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from jobnet.geo.districts import district_choices
from jobnet.map.queries import KIND_ORDER, district_counts
from jobnet.posts.queries import PostFilter


@dataclass(frozen=True)
class DistrictRow:
    ags: str  # "" for the total of all districts
    name: str
    kinds: tuple[int, ...]  # matching posts per kind, in KIND_ORDER
    posts: int
    jobs: int  # jobs announced by the matching settlements
    selected: bool

    def cells(self, kinds: tuple[str, ...]) -> list[tuple[str, int]]:
        """(column key, number) for every number cell: the kinds, then "posts" and "jobs"."""
        return [*zip(kinds, self.kinds, strict=True), ("posts", self.posts), ("jobs", self.jobs)]


@dataclass(frozen=True)
class DistrictTable:
    kinds: tuple[str, ...]  # the kind columns, in KIND_ORDER
    rows: tuple[DistrictRow, ...]  # every district of the region, by name
    total: DistrictRow
    filter_args: dict[str, str]  # the filters without the district, for the rows' links
    # For members only: experience and interest marks on the matching posts, per district
    # ("" for the total); None for visitors, whose page never carries them.
    marks: dict[str, tuple[int, int]] | None = None

    def with_marks(self, counts: dict[str, dict[str, int]]) -> DistrictTable:
        """The table with the members' mark columns (counts from exchange/queries.py)."""
        marks = {ags: (c.get("experience", 0), c.get("interest", 0)) for ags, c in counts.items()}
        marks[""] = (sum(e for e, _i in marks.values()), sum(i for _e, i in marks.values()))
        return replace(self, marks=marks)


def district_table(post_filter: PostFilter, *, now: datetime) -> DistrictTable:
    """Every district with its matching posts per kind, all posts and announced jobs."""
    without_district = replace(post_filter, district="")
    counts = district_counts(without_district, now=now)
    kinds = tuple(kind.value for kind in KIND_ORDER)
    rows = []
    for ags, name in district_choices():  # sorted by name
        row = counts.get(ags, {})
        per_kind = row.get("kinds", {})
        rows.append(DistrictRow(ags, name, tuple(per_kind.get(kind, 0) for kind in kinds),
                                row.get("posts", 0), row.get("jobs", 0),
                                selected=ags == post_filter.district))
    total = DistrictRow("", "", tuple(sum(r.kinds[i] for r in rows) for i in range(len(kinds))),
                        sum(r.posts for r in rows), sum(r.jobs for r in rows), selected=False)
    return DistrictTable(kinds, tuple(rows), total, without_district.query_args())
