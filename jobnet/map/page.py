"""The Folium shell of the map page: the Leaflet map with its tile layer, no data inside.
Data comes from static/js/map/ as JSON, Leaflet from /vendor (docs/architecture.md, "No CDN")."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import folium

ZOOM_SNAP = 0.25


@dataclass(frozen=True)
class MapShell:
    """The pieces of a rendered Folium map to place in a Jinja page."""

    name: str  # the JavaScript variable holding the L.map
    html: str  # the map's <div>
    script: str  # creates the map and its tile layer
    js: tuple[str, ...]  # script URLs, in order
    css: tuple[str, ...]  # stylesheet URLs


@lru_cache(maxsize=16)
def map_shell(tile_url: str, attribution: str, max_zoom: int, js: tuple[str, ...],
              css: tuple[str, ...], centre: tuple[float, float] = (50.61, 9.03)) -> MapShell:
    """Render the Folium map once per configuration (about 2 ms, but every request counts).
    centre: the region's, where the map stands until static/js/map/main.js fits the region
    and sets the zoom limits from its box."""
    # Quarter zoom steps fit the region snugly on any screen, and a view restored from the URL
    # (static/js/map/view-state.js) keeps its zoom. The zoom buttons and the scale come from
    # static/js/map/main.js: Folium's speak English and measure in miles too.
    m = folium.Map(location=centre, zoom_start=6, tiles=None, max_zoom=max_zoom,
                   zoom_control=False, zoom_snap=ZOOM_SNAP)
    # Folium's default scripts and styles point at CDNs (jQuery, Bootstrap, icon fonts); the shell
    # needs none of them, only Leaflet's from the app. Per instance, not add_js_link: that would
    # change the class for every later map.
    m.default_js = [(f"js{index}", url) for index, url in enumerate(js)]
    m.default_css = [(f"css{index}", url) for index, url in enumerate(css)]
    if tile_url:
        folium.TileLayer(tile_url, attr=attribution, max_zoom=max_zoom, name="tiles").add_to(m)
    figure = m.get_root()
    figure.render()
    # Folium's header also sets html/body to full height and forbids zooming the page; the
    # page links the scripts itself (same URLs) and keeps only the map's div and script.
    return MapShell(name=m.get_name(), html=figure.html.render(), script=figure.script.render(),
                    js=js, css=css)
