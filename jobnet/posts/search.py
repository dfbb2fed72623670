"""The folded text the full-text filter matches, built from the kinds' searchable fields."""

from __future__ import annotations

import unicodedata

from jobnet.posts.kinds import field_specs


def search_key(text: str) -> str:
    """Text folded for matching: compatibility-normalised and casefolded (ß = ss, Ö = ö)."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


def search_text(post) -> str:
    """The folded text of all searchable fields of the post."""
    names = [spec.name for spec in field_specs(post.kind) if spec.searchable]
    return search_key("\n".join(str(getattr(post, name, None) or "") for name in names))
