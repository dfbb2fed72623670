"""An operator's legal text (Markdown, plain HTML allowed) as HTML that is safe to show.

Markdown, because legal texts need headings, lists and links that plain escaped text cannot
give, and operators write it in a TOML string or a file without knowing HTML. Whatever the
source holds, nh3 keeps only the structural tags below: no scripts, styles, frames, forms,
images, event handlers or javascript: links, so a configuration file can never run code in a
visitor's browser.
"""

from __future__ import annotations

import markdown
import nh3
from markupsafe import Markup

# The page has its own <h1>, so sections start at <h2>; a "#" heading in the source loses its
# tag (the words stay).
TAGS = {"h2", "h3", "h4", "p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "hr",
        "address", "table", "thead", "tbody", "tr", "th", "td", "abbr"}
ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def render_legal_text(source: str) -> Markup:
    """Markdown (with any HTML in it) to sanitised HTML for a legal page."""
    html = markdown.markdown(source, extensions=["sane_lists", "tables"])
    return Markup(nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                            link_rel="noopener noreferrer"))
