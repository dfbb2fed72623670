"""Typo-tolerant lookup of compacted names: edit distance with swaps, and a deletion index."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import numpy as np

_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
_COLUMN = {char: index for index, char in enumerate(_ALPHABET)}


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance of a and b, or limit + 1 once it exceeds limit.

    Swapped neighbours count as one edit: "Gelnhasuen" is one typo away from "Gelnhausen".
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before, previous = None, list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = char_a != char_b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if before is not None and i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return min(previous[-1], limit + 1)


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))} | {word}


class DeletionIndex:
    """Finds the known words within one edit of a word without comparing against all of them.

    Every word is stored under itself and its one-letter deletions; two words one edit apart
    (insertion, deletion, substitution or swap) always share one of those keys.
    """

    def __init__(self, words: Iterable[str]):
        self.words = sorted(set(words))
        self._counts = np.array([_letter_counts(word) for word in self.words]).reshape(
            -1, len(_ALPHABET)
        )
        self._lengths = np.array([len(word) for word in self.words])
        self._by_deletion: dict[str, set[str]] = defaultdict(set)
        for word in self.words:
            for key in _deletions(word):
                self._by_deletion[key].add(word)

    def within_one(self, word: str) -> list[str]:
        """Known words at edit distance exactly one from word."""
        candidates = set().union(*(self._by_deletion.get(key, ()) for key in _deletions(word)))
        return sorted(c for c in candidates if c != word and edit_distance(word, c, 1) == 1)

    def within(self, word: str, limit: int) -> list[tuple[int, str]]:
        """(distance, known word) for all known words within limit edits."""
        # Each edit changes the letter counts by at most two, so words whose counts differ by more
        # than 2 * limit cannot be close; this skips the slow comparison for nearly all of them.
        difference = np.abs(self._counts - _letter_counts(word)).sum(axis=1)
        close = (difference <= 2 * limit) & (np.abs(self._lengths - len(word)) <= limit)
        found = []
        for index in np.flatnonzero(close):
            distance = edit_distance(word, self.words[index], limit)
            if 0 < distance <= limit:
                found.append((distance, self.words[index]))
        return sorted(found)


def _letter_counts(word: str) -> np.ndarray:
    counts = np.zeros(len(_ALPHABET), dtype=np.int16)
    for char in word:
        counts[_COLUMN.get(char, 0)] += 1
    return counts
