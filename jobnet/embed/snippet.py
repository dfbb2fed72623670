"""What a job centre pastes into its site: the embedded map's address for a filter, the <iframe>
snippet, and the oEmbed answer for a JobNet map address (https://oembed.com, type "rich")."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

from flask_babel import gettext as _
from markupsafe import escape
from werkzeug.datastructures import MultiDict

from jobnet.geo.settings import geo_settings
from jobnet.posts.queries import PostFilter
from jobnet.posts.selection import selection_text

EMBED_PATH = "/karte/eingebettet"
# Addresses oEmbed answers for: the home map, the embedded map and the embed builder.
MAP_PATHS = frozenset({"/", EMBED_PATH, "/einbetten"})
DEFAULT_SIZE = (800, 600)
SIZE_LIMITS = (200, 4000)  # px; smaller shows no map, larger is no frame but a typo


class NotJobNet(LookupError):
    """The address is not a JobNet map (oEmbed: 404)."""


@dataclass(frozen=True)
class Embed:
    url: str  # the embedded map with the filter
    title: str  # the frame's accessible name
    width: int
    height: int

    def html(self) -> str:
        """The <iframe> snippet; every attribute escaped, nothing that runs script."""
        return (f'<iframe src="{escape(self.url)}" title="{escape(self.title)}" '
                f'width="{self.width}" height="{self.height}" loading="lazy" '
                f'referrerpolicy="strict-origin-when-cross-origin"></iframe>')


def embed_url(base_url: str, post_filter: PostFilter) -> str:
    """The embedded map's absolute address for a filter."""
    query = urlencode(post_filter.query_args())
    return f"{base_url}{EMBED_PATH}" + (f"?{query}" if query else "")


def embed_title(post_filter: PostFilter) -> str:
    """A name that says what the frame shows, e.g. "Jobbörsen: Landkreis Fulda – Karte von JobNet
    Hessen"."""
    return _("%(what)s – Karte von %(product)s", what=selection_text(post_filter),
             product=geo_settings().product_name)


def clamp_size(width: int | None, height: int | None) -> tuple[int, int]:
    """The frame's size within SIZE_LIMITS; None takes the default."""
    low, high = SIZE_LIMITS
    return (min(max(width or DEFAULT_SIZE[0], low), high),
            min(max(height or DEFAULT_SIZE[1], low), high))


def make_embed(base_url: str, post_filter: PostFilter, width: int | None = None,
               height: int | None = None) -> Embed:
    """The embed for a filter at a size."""
    return Embed(embed_url(base_url, post_filter), embed_title(post_filter),
                 *clamp_size(width, height))


def map_query(url: str, base_url: str) -> MultiDict:
    """The query of a JobNet map address (its filters), or NotJobNet for any other address."""
    parts, base = urlsplit(url), urlsplit(base_url)
    if ((parts.scheme, parts.netloc.lower()) != (base.scheme, base.netloc.lower())
            or parts.path not in MAP_PATHS):
        raise NotJobNet(url)
    return MultiDict(parse_qsl(parts.query))


def oembed_answer(embed: Embed, *, base_url: str, max_width: int | None,
                  max_height: int | None) -> dict[str, object]:
    """The oEmbed 1.0 response for an embed, no larger than the consumer's maximum."""
    width = min(embed.width, max_width) if max_width else embed.width
    height = min(embed.height, max_height) if max_height else embed.height
    sized = Embed(embed.url, embed.title, width, height)
    return {"version": "1.0", "type": "rich", "html": sized.html(), "width": width,
            "height": height, "title": embed.title, "provider_name": geo_settings().product_name,
            "provider_url": f"{base_url}/", "cache_age": 3600}
