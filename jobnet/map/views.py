"""The map page and its JSON endpoints: marker columns, counts per district, popup details."""

from __future__ import annotations

from functools import cache

from flask import Blueprint, Response, current_app, jsonify, render_template, request, url_for
from flask_babel import gettext as _

from jobnet import clock  # read as clock.utcnow(), so tests can pin the time
from jobnet.accounts.session import acting_user
from jobnet.api.errors import BadRequest
from jobnet.api.geo import map_zoom
from jobnet.exchange.queries import mark_counts_by_district
from jobnet.geo.boundaries import map_body
from jobnet.geo.compact import COARSE_MAX_ZOOM
from jobnet.geo.settings import geo_settings
from jobnet.map import queries
from jobnet.map.clusters import InvalidView, parse_view
from jobnet.map.details import post_details
from jobnet.map.district_table import district_table
from jobnet.map.page import map_shell
from jobnet.posts import page_fingerprints
from jobnet.posts.forms import PostFilterForm, requested_filter
from jobnet.posts.permissions import is_member
from jobnet.posts.queries import published_posts
from jobnet.web.page_cache import cached_for_visitors, keep_out, may_be_late
from jobnet.web.static_json import cacheable_json_response, frozen_body
from jobnet.web.vendor import asset_url

bp = Blueprint("map", __name__, url_prefix="/karte")
OUTLINE_MAX_AGE = 86400


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
    form, filter_valid = requested_filter()
    pagination, filter_args = _listing(form)
    table = district_table(form.to_filter(), now=clock.utcnow())
    if is_member(acting_user()):  # never on the visitors' (cached) page
        table = table.with_marks(mark_counts_by_district(form.to_filter(), now=clock.utcnow()))
    return render_template("map/index.html", form=form, filter_valid=filter_valid,
                           pagination=pagination, filter_args=filter_args, shell=map_shell_for_app(),
                           max_zoom=int(current_app.config["MAP_TILE_MAX_ZOOM"]),
                           district_table=table)


@bp.get("/daten.json")
@cached_for_visitors  # no fingerprint: at 100,000 posts it cost more than the answer
def data():
    # Built column by column (map/queries.py); the page cache keeps it gzipped with an ETag.
    # With zoom and bbox, a large selection comes as clusters of the box from the points each
    # process keeps (map/clusters.py, map/points.py).
    form, _valid = requested_filter()
    config = current_app.config
    try:
        view = parse_view(request.args.get("zoom"), request.args.get("bbox"),
                          int(config["MAP_TILE_MAX_ZOOM"]))
    except InvalidView as error:
        return jsonify(error=str(error)), 400
    # After organisations changed, the markers may reach visitors as late as stored pages do.
    body, current = queries.marker_json(form.to_filter(), now=clock.utcnow(), view=view,
                                        client_max=int(config["MAP_CLIENT_MARKERS_MAX"]),
                                        late_ok=may_be_late())
    if not current:
        keep_out()
    return Response(body, mimetype="application/json")


@bp.get("/kreise.json")
@cached_for_visitors(fingerprint=page_fingerprints.requested_selection)
def counts():
    form, _ = requested_filter()
    return jsonify(queries.district_counts(form.to_filter(), now=clock.utcnow()))


@bp.get("/markierungen.json")
def mark_counts():
    """Members only, never cached for visitors: the district table's mark columns for the
    filters applied in the page ({ags: {experience, interest}}; static/js/map/district-table.js)."""
    if not is_member(acting_user()):
        return jsonify(error=_("Nur für angemeldete Mitglieder.")), 403
    form, _valid = requested_filter()
    return jsonify(mark_counts_by_district(form.to_filter(), now=clock.utcnow()))


@bp.get("/beitrag/<id:post_id>.json")
@cached_for_visitors(fingerprint=page_fingerprints.one_post)
def detail(post_id: int):
    post = queries.published_post(post_id)
    if post is None:
        return not_found(None)
    return jsonify(post_details(post, acting_user(), now=clock.utcnow()))


@bp.get("/umriss.json")
def outline():
    try:
        coarse = map_zoom(request.args.get("zoom")) <= COARSE_MAX_ZOOM
    except BadRequest as error:
        return jsonify(error=str(error)), 400
    return cacheable_json_response(*_outline_body(geo_settings().region, coarse),
                                   max_age=OUTLINE_MAX_AGE)


@cache
def _outline_body(region: str, coarse: bool) -> tuple[bytes, str]:
    return frozen_body(map_body(region, outline=True, coarse=coarse))


@bp.get("/liste")
@cached_for_visitors(fingerprint=page_fingerprints.requested_selection)
def post_list():
    form, filter_valid = requested_filter()
    pagination, filter_args = _listing(form)
    return render_template("map/_list.html", pagination=pagination, filter_args=filter_args,
                           filter_valid=filter_valid)


@bp.errorhandler(404)
def not_found(_error):
    return jsonify(error=_("Diesen Beitrag gibt es nicht oder er ist nicht veröffentlicht.")), 404
