"""A round's composer: the period's posts loaded once, and each subscriber's window and wishes."""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime, timedelta

from flask import current_app

from jobnet.digest.compose import Digest, Wanted, compose
from jobnet.digest.index import PostIndex, load_index
from jobnet.digest.models import DistrictMode, Subscription
from jobnet.digest.periods import INTERVAL, Period, slot_of_key
from jobnet.digest.preferences import resolved_districts
from jobnet.digest.settings import DigestSettings
from jobnet.rings.access import ring_member_of, ring_organisations

# A subscriber who missed digests gets at most this many periods of news at once.
MAX_CATCH_UP_PERIODS = 4
# Digests kept for subscribers with the same preferences and window (each with its rendered
# text and HTML, ~140 KB): colleagues of one district mostly share theirs.
SHARED_DIGESTS = 256
# app.extensions key of a callable (since, until) -> an object with is_member(address),
# matching(kinds, districts, target_groups, since) and marks ({post id: (experience,
# interest)}), or None: news only members may read.
MEMBER_NEWS = "jobnet_digest_member_news"


class Composer:
    """Composes digests for a period from one index, caching what subscribers share."""

    def __init__(self, period: Period, settings: DigestSettings, subscriptions: list) -> None:
        self.period, self.settings = period, settings
        self._slots: dict[str, datetime | None] = {}
        self._wanted: dict[tuple, Wanted] = {}
        self._rings: dict[tuple, int | None] = {}  # (subscription, ring): the ring while a member
        self._ring_members: dict[int, frozenset[int]] = {}
        self._digests: OrderedDict[tuple, Digest] = OrderedDict()
        earliest = min((self.since(s) for s in subscriptions), default=period.since)
        self.index: PostIndex = load_index(
            since=earliest, until=period.slot,
            fair_until=period.slot + timedelta(weeks=settings.fair_weeks), region=settings.region)
        # Members-only news (the exchange's questions), set up by create_app: the digest
        # imports nothing of the exchange. None when there is none in the window.
        provider = current_app.extensions.get(MEMBER_NEWS)
        self.member_news = provider(earliest, period.slot) if provider else None

    def since(self, subscription: Subscription) -> datetime:
        """Start of the subscriber's window: their last digest's slot, at most a few periods back."""
        last = subscription.last_digest_period
        if not last or last == self.period.key:
            return self.period.since
        if last not in self._slots:
            self._slots[last] = slot_of_key(last, self.settings.trigger(self.period.frequency))
        slot = self._slots[last]
        if slot is None or slot >= self.period.slot:
            return self.period.since
        oldest = self.period.slot - MAX_CATCH_UP_PERIODS * INTERVAL[self.period.frequency]
        return max(slot, oldest)

    def _preferences(self, s: Subscription) -> tuple:
        return (tuple(s.kinds), s.district_mode, tuple(s.districts), s.include_catchment,
                tuple(s.target_groups), tuple(s.states or ()), self._ring(s))

    def _ring(self, s: Subscription) -> int | None:
        # Checked every round: a member whose organisation left the ring gets none of its posts.
        if s.district_mode != DistrictMode.RING:
            return None
        if (s.id, s.ring_id) not in self._rings:
            self._rings[s.id, s.ring_id] = ring_member_of(s.user_id, s.ring_id)
        return self._rings[s.id, s.ring_id]

    def wanted(self, s: Subscription) -> Wanted:
        key = self._preferences(s)
        if key not in self._wanted:
            ring = key[-1]
            self._wanted[key] = Wanted(frozenset(s.kinds), resolved_districts(
                s.district_mode, s.districts, self.settings.region, s.states or ()),
                s.include_catchment, frozenset(s.target_groups),
                None if s.district_mode != DistrictMode.RING else self._members(ring))
        return self._wanted[key]

    def _members(self, ring_id: int | None) -> frozenset[int]:
        if ring_id is None:
            return frozenset()
        if ring_id not in self._ring_members:
            self._ring_members.update(ring_organisations({ring_id}))
        return self._ring_members[ring_id]

    def digest(self, subscription: Subscription) -> Digest:
        """The subscriber's digest; the same object for subscribers with the same preferences
        and window, so it is composed and rendered once (docs/architecture.md, "Digest speed")."""
        since = self.since(subscription)
        member = self.member_news is not None and self.member_news.is_member(subscription.email)
        key = (self._preferences(subscription), since, member)
        digest = self._digests.get(key)
        if digest is None:
            wanted = self.wanted(subscription)
            digest = self._digests[key] = compose(wanted, self.index, since)
            if member:
                # Everything matching reads is in the key: the preferences (kinds, districts,
                # target groups), the window and whether the subscriber is a member.
                digest.questions = self.member_news.matching(
                    wanted.kinds, wanted.districts, wanted.target_groups, since)
                digest.marks = self.member_news.marks
            if len(self._digests) > SHARED_DIGESTS:
                self._digests.popitem(last=False)
        else:
            self._digests.move_to_end(key)
        return digest
