"""Composing one subscriber's digest from a round's in-memory index (no database access)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain

from jobnet.digest.index import DigestItem, PostIndex
from jobnet.posts.models import Kind

KIND_ORDER = (Kind.SETTLEMENT, Kind.PROGRAMME, Kind.PROJECT, Kind.FAIR)


@dataclass(frozen=True, slots=True)
class Entry:
    """An item in one subscriber's digest, with what is specific to that subscriber."""

    item: DigestItem
    updated: bool  # published before the subscriber's window: an update, not a new post
    touches_you: bool = False  # a settlement elsewhere whose catchment reaches their districts
    fresh: bool = True  # published or updated in the window (fairs in the calendar may be older)


@dataclass
class Digest:
    """New and updated posts grouped by kind, then district; upcoming fairs nearest first."""

    sections: list[tuple[str, list[tuple[str, list[Entry]]]]] = field(default_factory=list)
    fairs: list[Entry] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # new and updated posts by kind
    # Questions to the network: only in members' digests (jobnet/exchange/digest_questions.py).
    questions: list = field(default_factory=list)
    # Members' digests only: (experience, interest) marks by post id, shown on the entries.
    marks: dict = field(default_factory=dict, repr=False)
    # Subject, text and HTML by language, rendered once for everyone who gets this digest
    # (jobnet/digest/render.py); only the manage and unsubscribe links differ between them.
    rendered: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def is_empty(self) -> bool:
        """Nothing new: no new or updated post (upcoming fairs alone are not news)."""
        return (not self.sections and not any(entry.fresh for entry in self.fairs)
                and not self.questions)


@dataclass(frozen=True, slots=True)
class Wanted:
    """A subscriber's preferences in the form matching needs."""

    kinds: frozenset[str]
    districts: frozenset[str] | None  # None: the whole region
    include_catchment: bool
    target_groups: frozenset[str]  # empty: all
    # A ring digest: only posts of these organisations (empty: the member left the ring).
    organisations: frozenset[int] | None = None


def _organisation_ok(item: DigestItem, wanted: Wanted) -> bool:
    return wanted.organisations is None or item.organisation_id in wanted.organisations


def _group_ok(item: DigestItem, groups: frozenset[str]) -> bool:
    # Posts without target groups (most settlements) concern everybody.
    return not groups or not item.target_groups or bool(item.target_groups & groups)


def compose(wanted: Wanted, index: PostIndex, since: datetime) -> Digest:
    """The digest for one subscriber whose window is [since, index.until)."""
    chosen: dict[int, Entry] = {}
    pools = (index.all_items if wanted.districts is None
             else chain.from_iterable(index.by_district.get(d, ()) for d in wanted.districts))
    for item in pools:
        if (item.kind in wanted.kinds and item.activity_at >= since
                and _group_ok(item, wanted.target_groups) and _organisation_ok(item, wanted)):
            chosen[item.id] = Entry(item, item.published_at < since)
    if wanted.include_catchment and wanted.districts and Kind.SETTLEMENT in wanted.kinds:
        for ags in wanted.districts:
            for item in index.by_catchment.get(ags, ()):
                if (item.id not in chosen and item.activity_at >= since
                        and _group_ok(item, wanted.target_groups)):
                    chosen[item.id] = Entry(item, item.published_at < since, touches_you=True)
    return _grouped(chosen, _fairs(wanted, index, since))


def _fairs(wanted: Wanted, index: PostIndex, since: datetime) -> list[Entry]:
    if Kind.FAIR not in wanted.kinds:
        return []
    return [Entry(item, item.published_at < since,
                  fresh=since <= item.activity_at < index.until)
            for item in index.fairs
            if (wanted.districts is None or item.district_ags in wanted.districts)
            and _group_ok(item, wanted.target_groups) and _organisation_ok(item, wanted)]


def _grouped(chosen: dict[int, Entry], fairs: list[Entry]) -> Digest:
    digest = Digest(fairs=fairs)
    listed_fairs = {entry.item.id for entry in fairs}
    by_kind: dict[str, dict[str, list[Entry]]] = {}
    for entry in chosen.values():
        if entry.item.id in listed_fairs:
            continue  # a new fair in the next weeks is shown once, in the calendar
        by_kind.setdefault(entry.item.kind, {}).setdefault(entry.item.district_label, []).append(entry)
    for kind in KIND_ORDER:
        districts = by_kind.get(kind)
        if districts:
            groups = [(label, sorted(entries, key=lambda e: e.item.title.casefold()))
                      for label, entries in sorted(districts.items(), key=lambda kv: kv[0] or "~")]
            digest.sections.append((kind, groups))
            digest.counts[kind] = sum(len(entries) for _label, entries in groups)
    # Counts are what is new: the calendar also lists fairs announced in earlier weeks.
    fresh_fairs = sum(1 for entry in fairs if entry.fresh)
    if fresh_fairs:
        digest.counts[Kind.FAIR] = digest.counts.get(Kind.FAIR, 0) + fresh_fairs
    return digest
