"""The map page and its JSON endpoints: marker columns, counts per district, popup details."""

from __future__ import annotations

from functools import cache

from flask import Blueprint, current_app, jsonify, render_template, request, url_for
from flask_babel import gettext as _

from jobnet import clock  # read as clock.utcnow(), so tests can pin the time
from jobnet.accounts.session import acting_user
from jobnet.exchange.queries import mark_counts_by_district
from jobnet.geo.boundaries import outline_geojson
from jobnet.geo.settings import geo_settings
from jobnet.map import queries
from jobnet.map.details import post_details
from jobnet.map.district_table import district_table
from jobnet.map.page import map_shell
from jobnet.posts.forms import PostFilterForm
from jobnet.posts.permissions import is_member
from jobnet.posts.queries import published_posts
from jobnet.web.page_cache import cached_for_visitors
from jobnet.web.static_json import cacheable_json_response, frozen_json
from jobnet.web.vendor import asset_url

bp = Blueprint("map", __name__, url_prefix="/karte")
OUTLINE_MAX_AGE = 86400


def _filter_form() -> tuple[PostFilterForm, bool]:
    form = PostFilterForm(request.args)
    return form, form.validate()  # invalid values are reset to "any", never an error


def _listing(form: PostFilterForm):
    post_filter = form.to_filter()
    per_page = current_app.config["POSTS_PER_PAGE"]
    return (published_posts(post_filter, now=clock.utcnow(), per_page=per_page),
            post_filter.query_args())


def map_shell_for_app():
    """The app's map shell (tiles and assets from the configuration)."""
    config = current_app.config
    js = (asset_url("leaflet", "leaflet.js"),
          asset_url("leaflet-markercluster", "leaflet.markercluster.js"))
    css = (asset_url("leaflet", "leaflet.css"),
           asset_url("leaflet-markercluster", "MarkerCluster.css"),
           url_for("static", filename="css/map.css"))
    west, south, east, north = geo_settings().profile.bounds
    return map_shell(config["MAP_TILE_URL"], config["MAP_TILE_ATTRIBUTION"],
                     int(config["MAP_TILE_MAX_ZOOM"]), js, css,
                     centre=(round((south + north) / 2, 4), round((west + east) / 2, 4)))


def render_map_page():
    """The home page: map, filters and the filtered list (pages.home calls this)."""
    form, filter_valid = _filter_form()
    pagination, filter_args = _listing(form)
    table = district_table(form.to_filter(), now=clock.utcnow())
    if is_member(acting_user()):  # never on the visitors' (cached) page
        table = table.with_marks(mark_counts_by_district(form.to_filter(), now=clock.utcnow()))
    return render_template("map/index.html", form=form, filter_valid=filter_valid,
                           pagination=pagination, filter_args=filter_args, shell=map_shell_for_app(),
                           max_zoom=int(current_app.config["MAP_TILE_MAX_ZOOM"]),
                           district_table=table)


@bp.get("/daten.json")
@cached_for_visitors
def data():
    form, _ = _filter_form()
    return jsonify(queries.marker_columns(form.to_filter(), now=clock.utcnow()))


@bp.get("/kreise.json")
@cached_for_visitors
def counts():
    form, _ = _filter_form()
    return jsonify(queries.district_counts(form.to_filter(), now=clock.utcnow()))


@bp.get("/markierungen.json")
def mark_counts():
    """Members only, never cached for visitors: the district table's mark columns for the
    filters applied in the page ({ags: {experience, interest}}; static/js/map/district-table.js)."""
    if not is_member(acting_user()):
        return jsonify(error=_("Nur für angemeldete Mitglieder.")), 403
    form, _valid = _filter_form()
    return jsonify(mark_counts_by_district(form.to_filter(), now=clock.utcnow()))


@bp.get("/beitrag/<id:post_id>.json")
@cached_for_visitors
def detail(post_id: int):
    post = queries.published_post(post_id)
    if post is None:
        return not_found(None)
    return jsonify(post_details(post, acting_user(), now=clock.utcnow()))


@bp.get("/umriss.json")
def outline():
    return cacheable_json_response(*_outline_body(geo_settings().region),
                                   max_age=OUTLINE_MAX_AGE)


@cache
def _outline_body(region: str) -> tuple[bytes, str]:
    return frozen_json(outline_geojson(True, region))


@bp.get("/liste")
@cached_for_visitors
def post_list():
    form, filter_valid = _filter_form()
    pagination, filter_args = _listing(form)
    return render_template("map/_list.html", pagination=pagination, filter_args=filter_args,
                           filter_valid=filter_valid)


@bp.errorhandler(404)
def not_found(_error):
    return jsonify(error=_("Diesen Beitrag gibt es nicht oder er ist nicht veröffentlicht.")), 404
