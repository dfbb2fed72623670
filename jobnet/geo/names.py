"""Normalisation of German place names as people type them, for matching against the gazetteer."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from jobnet.geo.states import STATES

MAX_QUERY_LENGTH = 200

# Umlauts become their two-letter spellings, so "Bruchköbel" and "Bruchkoebel" fold alike;
# casefold() already turns ß into ss.
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_PARENTHESES = re.compile(r"\(([^)]*)\)")
_POSTCODE = re.compile(r"^\d{5}$")

# Words in front of a name that say which kind of area is meant; "Stadt Offenbach" is the city,
# "Kreis Offenbach" the district.
_KIND_PREFIXES = {
    "landkreis": "district",
    "kreis": "district",
    "lkr": "district",
    "lk": "district",
    "kreisfreie": "municipality",
    "stadt": "municipality",
    "gemeinde": "municipality",
    "markt": "municipality",
    "landeshauptstadt": "municipality",
    "kreisstadt": "municipality",
    "universitaetsstadt": "municipality",
    "wissenschaftsstadt": "municipality",
    "hansestadt": "municipality",
}
_KIND_SUFFIXES = {
    "kreis": "district",
    "landkreis": "district",
    "land": "district",
    "stadt": "municipality",
}
# A connector after the first word starts a disambiguator: "Frankfurt am Main", "Limburg a.d. Lahn",
# "Höchst i. Odw.", "Bad Homburg v.d. Höhe".
_CONNECTORS = {"am", "an", "a", "im", "i", "in", "ob", "vor", "v", "auf", "bei", "b"}
_ARTICLES = {"der", "dem", "den", "die", "d"}


class InvalidQuery(ValueError):
    """A search text that no person types: too long, control characters, not text."""


@dataclass(frozen=True)
class ParsedName:
    """A name split into the parts that matter for matching."""

    full: str  # every word, compacted: "reichelsheimodenwald"
    word_set: str  # the words sorted, space-separated, for names typed in another order
    core: str  # without kind words and disambiguators: "reichelsheim"
    core_words: tuple[str, ...]
    qualifiers: tuple[str, ...]  # compacted disambiguators: ("odenwald",)
    kind_hint: str | None  # "district", "municipality" or None
    postcode: str | None


def check_query(text: object) -> str:
    """The query stripped of surrounding whitespace; InvalidQuery for text no person types."""
    if not isinstance(text, str):
        raise InvalidQuery("query must be text")
    text = text.strip()
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidQuery(f"query is longer than {MAX_QUERY_LENGTH} characters")
    # Control characters, lone surrogates and unassigned code points never come from a keyboard.
    if any(unicodedata.category(char) in {"Cc", "Cs", "Co", "Cn"} for char in text):
        raise InvalidQuery("query contains control or invalid characters")
    return text


def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces: "Groß-Gerau" -> "gross gerau"."""
    text = unicodedata.normalize("NFC", text).casefold().translate(_UMLAUTS)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _NON_ALNUM.sub(" ", text).strip()


def compact(text: str) -> str:
    """The folded name without spaces, so "Neu-Isenburg", "Neu Isenburg" and "Neuisenburg" agree."""
    return fold(text).replace(" ", "")


def parse(text: str, neutral: frozenset[str] = frozenset()) -> ParsedName:
    """Split a name into core, disambiguators and kind hint; `neutral` qualifiers are ignored."""
    name, _, context = text.partition(",")
    qualifiers = _PARENTHESES.findall(name) + context.split(",")
    words = fold(_PARENTHESES.sub(" ", name)).split()
    postcode = next((w for w in words if _POSTCODE.match(w)), None)
    words = [w for w in words if not _POSTCODE.match(w)]
    kept = [key for q in qualifiers if (key := compact(q)) and key not in neutral]
    full = "".join(words) + "".join(kept)
    # "Frankfurt Messe" is "Messe Frankfurt"; the space keeps these keys apart from compact ones.
    all_words = set(words) | set(kept)
    word_set = " ".join(sorted(all_words)) if len(all_words) > 1 else ""
    words, kind_hint = _strip_kind_words(words)
    core_words, trailing = _split_connector(words, neutral)
    qualifier_keys = [compact(q) for q in qualifiers] + trailing
    return ParsedName(
        full=full,
        word_set=word_set,
        core="".join(core_words),
        core_words=tuple(core_words),
        qualifiers=tuple(q for q in qualifier_keys if q and q not in neutral),
        kind_hint=kind_hint,
        postcode=postcode,
    )


def _strip_kind_words(words: list[str]) -> tuple[list[str], str | None]:
    hint = None
    while len(words) > 1 and words[0] in _KIND_PREFIXES:
        hint = hint or _KIND_PREFIXES[words[0]]
        words = words[1:]
    if len(words) > 1 and words[-1] in _KIND_SUFFIXES:
        hint = hint or _KIND_SUFFIXES[words[-1]]
        words = words[:-1]
    return words, hint


def _split_connector(words: list[str], neutral: frozenset[str]) -> tuple[list[str], list[str]]:
    for index, word in enumerate(words[1:], start=1):
        if word in _CONNECTORS:
            rest = [w for w in words[index + 1 :] if w not in _ARTICLES and w not in _CONNECTORS]
            return words[:index], ["".join(rest)] if rest else []
    # "Münster Hessen": a trailing region name adds nothing.
    if len(words) > 1 and words[-1] in neutral:
        return words[:-1], []
    return words, []


def without_bad(core_words: tuple[str, ...]) -> str | None:
    """The core without a leading "Bad", or None: "Bad Hersfeld" is also typed "Hersfeld"."""
    if len(core_words) > 1 and core_words[0] == "bad":
        return "".join(core_words[1:])
    return None


def without_kreis(key: str) -> str | None:
    """A district name without its "kreis" ending: "mainkinzigkreis" -> "mainkinzig"."""
    if key.endswith("kreis") and len(key) > len("kreis") + 2:
        return key[: -len("kreis")]
    return None


def qualifier_matches(typed: str, known: str) -> bool:
    """True if a typed disambiguator abbreviates a known one: "m" ~ "main", "odw" ~ "odenwald"."""
    if not typed or not known or typed[0] != known[0]:
        return False
    if known.startswith(typed):
        return True
    letters = iter(known)
    return all(char in letters for char in typed)


_NEAR = re.compile(r"[0-9]{2}(?:[0-9]{3}(?:[0-9]{3})?)?")


def check_near(text: object) -> str | None:
    """A near hint: a state's (2 digits), district's (5) or municipality's (8) AGS, or None."""
    if text is None or text == "":
        return None
    if not isinstance(text, str) or not _NEAR.fullmatch(text) or text[:2] not in STATES:
        raise InvalidQuery(
            "near must be the AGS of a state (2 digits), district (5) or municipality (8)"
        )
    return text
