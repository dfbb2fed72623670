"""Jinja filters and globals: Markdown, local times, labels, asset URLs, catchments."""

from __future__ import annotations

import re
from functools import cache

import markdown as markdown_lib
import nh3
from babel.numbers import get_group_symbol
from flask import Flask
from flask_babel import get_locale
from markupsafe import Markup

from jobnet import clock
from jobnet.accounts.labels import ORGANISATION_KIND_LABELS, ROLE_LABELS
from jobnet.accounts.models import Role
from jobnet.fairs import schedule as fair_schedule
from jobnet.fairs.display import when_text
from jobnet.geo.compact import COARSE_MAX_ZOOM
from jobnet.geo.districts import district_label
from jobnet.geo.settings import geo_settings
from jobnet.i18n import date_text, datetime_text, month_text, written_lang
from jobnet.map.details import settlement_catchment
from jobnet.posts import kinds, labels, status
from jobnet.posts.facts import post_facts
from jobnet.web.vendor import asset_url

# Tags Markdown produces that are safe to show; everything else (script, style, iframes,
# event handlers, javascript: URLs) is removed by nh3.
ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "h5", "blockquote",
                "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td"}


def render_markdown(text: str | None) -> Markup:
    """Markdown to sanitised HTML; raw HTML in the source is escaped, links get rel=noopener."""
    html = markdown_lib.markdown(text or "", extensions=["sane_lists", "tables"])
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}},
                      url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer nofollow")
    return Markup(clean)


def local_datetime(value, width: str = "medium") -> str:
    """A UTC datetime in Hesse's time with hours and minutes (jobnet/i18n.py datetime_text)."""
    return datetime_text(value, width) if value else ""


def local_date(value) -> str:
    """A day, or an instant's day in Hesse (jobnet/i18n.py date_text)."""
    return date_text(value) if value else ""


def grouped_number(number: int) -> str:
    """A whole number grouped as in the locale ("1.200", "1,200"). Babel's format_number
    costs about 0.1 ms a call, too much for a table of 26 x 6 numbers on every home page."""
    if -1000 < number < 1000:  # most counts: nothing to group, no locale lookup
        return str(number)
    return f"{number:,}".replace(",", _group_symbol(str(get_locale())))


@cache
def _group_symbol(locale: str) -> str:
    return get_group_symbol(locale)


def place_line(parts) -> str:
    """Venue, place and district as one line, each name once ("Erwin-Piscator-Haus, Marburg,
    Marburg-Biedenkopf", not the venue again inside the place).

    A name already said inside an earlier one is left out too: venue "Kongress Palais Kassel"
    and place "Kassel, Kongress Palais" give "Kongress Palais Kassel", not that and "Kassel,
    Kongress Palais" again. Hyphens bind: "Marburg" is not said by "Marburg-Biedenkopf"."""
    names: list[str] = []
    for part in parts:
        for name in str(part or "").split(","):
            name = name.strip()
            if name and not any(_says(earlier, name) for earlier in names):
                names.append(name)
    return ", ".join(names)


def _says(text: str, name: str) -> bool:
    """Whether `name` occurs in `text` as whole words (case-insensitive)."""
    return re.search(rf"(?<![\w-]){re.escape(name.casefold())}(?![\w-])", text.casefold()) is not None


def register_template_helpers(app: Flask) -> None:
    """Make filters, label tables and helper functions available in every template."""
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["localdatetime"] = local_datetime
    app.jinja_env.filters["localdate"] = local_date
    app.jinja_env.filters["localmonth"] = month_text
    app.jinja_env.filters["district"] = district_label
    app.jinja_env.filters["place_line"] = place_line
    app.jinja_env.filters["grouped"] = grouped_number
    app.jinja_env.globals.update(
        KIND_LABELS=kinds.KIND_LABELS,
        KIND_PLURALS=kinds.KIND_PLURALS,
        post_facts=post_facts,
        # "vergangen" at the moment of rendering, by the project's clock.
        is_past_fair=lambda post: status.is_past_fair(post, clock.utcnow()),
        geodata_attribution=lambda places=True: geo_settings().attribution(places=places),
        COARSE_MAX_ZOOM=COARSE_MAX_ZOOM,  # the map swaps district outlines above it
        STATUS_LABELS=labels.STATUS_LABELS,
        PROGRAMME_TYPE_LABELS=labels.PROGRAMME_TYPE_LABELS,
        TARGET_GROUP_LABELS=labels.TARGET_GROUP_LABELS,
        ACTION_LABELS=labels.ACTION_LABELS,
        FAIR_STATE_LABELS=labels.FAIR_STATE_LABELS,
        fair_schedule=fair_schedule,
        fair_when=when_text,
        Role=Role,
        ROLE_LABELS=ROLE_LABELS,
        ORGANISATION_KIND_LABELS=ORGANISATION_KIND_LABELS,
        get_locale=get_locale,
        written_lang=written_lang,
        asset_url=asset_url,
        # The settlement page draws its catchment with the same data the map's popup gets.
        settlement_catchment=settlement_catchment,
    )
    app.context_processor(region_context)


def region_context() -> dict:
    """The product's and the region's names in the current language, and the region's box
    [[south, west], [north, east]] for the maps: every page and mail names them from here."""
    settings = geo_settings()
    west, south, east, north = settings.profile.bounds
    return {"product_name": settings.product_name, "region": settings.names(),
            "region_texts": settings.texts(), "region_bounds": [[south, west], [north, east]]}
