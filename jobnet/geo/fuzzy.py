"""Typo-tolerant lookup of compacted names: edit distance with swaps, and a bigram index."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

# Each edit (insertion, deletion, substitution, swap of neighbours) breaks at most this many of a
# word's bigrams, so a word within k edits keeps at least len(bigrams) - BIGRAMS_PER_EDIT * k.
BIGRAMS_PER_EDIT = 3


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance of a and b, or limit + 1 once it exceeds limit.

    Swapped neighbours count as one edit: "Gelnhasuen" is one typo away from "Gelnhausen".
    """
    return OSA.distance(a, b, score_cutoff=limit)


def _bigrams(word: str) -> set[str]:
    padded = f"^{word}$"
    return {padded[i : i + 2] for i in range(len(padded) - 1)}


class BigramIndex:
    """Finds the known words within a few edits of a word without comparing against all of them.

    Words sharing too few bigrams with the typed word cannot be close; counting shared bigrams
    over the posting lists (numpy) leaves a few dozen words to compare with the exact distance.
    Germany's 13,000 names need 8,000 posting arrays; a deletion index took 180,000 sets.
    """

    def __init__(self, words: Iterable[str]):
        # Sorted by length, so the words of a length range are one slice of the shared counts.
        self.words = sorted(set(words), key=lambda word: (len(word), word))
        lengths = np.array([len(word) for word in self.words], dtype=np.int32)
        self._starts = np.searchsorted(lengths, np.arange(256))
        self._bigram_counts = np.array([len(_bigrams(word)) for word in self.words], dtype=np.int32)
        # Posting lists per bigram and word length: a lookup reads only the lengths it can match.
        postings: dict[tuple[str, int], list[int]] = defaultdict(list)
        for index, word in enumerate(self.words):
            for bigram in _bigrams(word):
                postings[(bigram, len(word))].append(index)
        self._postings = {key: np.array(ids, dtype=np.int32) for key, ids in postings.items()}

    def within(self, word: str, limit: int) -> list[tuple[int, str]]:
        """(distance, known word) for all known words within 1..limit edits, closest first."""
        bigrams = _bigrams(word)
        needed = len(bigrams) - BIGRAMS_PER_EDIT * limit
        if len(word) + limit + 1 >= len(self._starts):
            return []
        low = self._starts[max(len(word) - limit, 0)]
        high = self._starts[len(word) + limit + 1]
        if needed > 0:
            lengths = range(max(len(word) - limit, 0), len(word) + limit + 1)
            lists = [
                ids
                for b in bigrams
                for n in lengths
                if (ids := self._postings.get((b, n))) is not None
            ]
            if not lists:
                return []
            shared = np.bincount(np.concatenate(lists) - low, minlength=high - low)
            # Either word keeps all but BIGRAMS_PER_EDIT * limit of its own bigrams.
            needed_each = np.maximum(self._bigram_counts[low:high], len(bigrams)) - (
                BIGRAMS_PER_EDIT * limit
            )
            close = np.flatnonzero(shared >= needed_each) + low
        else:  # a short word: too few bigrams to filter by, compare with all of similar length
            close = range(low, high)
        choices = [self.words[index] for index in close]
        found = process.extract(word, choices, scorer=OSA.distance, score_cutoff=limit, limit=None)
        return sorted((distance, known) for known, distance, _ in found if distance > 0)

    def within_one(self, word: str) -> list[str]:
        """Known words at edit distance exactly one from word."""
        return [known for _, known in self.within(word, 1)]
