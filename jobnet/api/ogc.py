"""OGC API – Features – Part 1: Core for the published posts, so QGIS and ArcGIS open them as a
layer (docs/architecture.md, "API"): landing page, conformance, the collection `posts`, its
items (bbox, datetime, limit, the list's filters, cursor paging) and single features."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from flask import Blueprint, jsonify, request, url_for
from flask_babel import gettext as _
from shapely.geometry import shape

from jobnet import clock
from jobnet.api import params
from jobnet.api.errors import answer_bad_requests
from jobnet.api.features import feature
from jobnet.api.licence import add_licence_link, licence_member
from jobnet.api.paging import count_matching, decode_cursor, list_order, posts_page
from jobnet.api.posts import published_post
from jobnet.geo.boundaries import outline_geojson
from jobnet.geo.settings import geo_settings

bp = Blueprint("api_ogc", __name__, url_prefix="/api/v1/ogc")
answer_bad_requests(bp)

COLLECTION = "posts"
DEFAULT_LIMIT = 10
MAX_LIMIT = 1000  # larger limits are served as this many, as Part 1 asks (no error)
OWN_PARAMETERS = ("limit", "cursor", "bbox", "datetime", "f")
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
]
JSON, GEOJSON = "application/json", "application/geo+json"


def _link(endpoint: str, rel: str, type_: str, title: str | None = None, **values) -> dict:
    link = {"href": url_for(endpoint, **values, _external=True), "rel": rel, "type": type_}
    if title:
        link["title"] = title
    return link


def _json(body: dict, mimetype: str = JSON):
    params.refuse_unknown(request.args, ("f",))
    params.format_json(request.args.get("f"))
    response = jsonify(body)
    response.mimetype = mimetype
    return add_licence_link(response)


@bp.get("", strict_slashes=False)
def landing():
    return _json({
        "title": geo_settings().product_name,
        "description": _("Beiträge des Netzwerks der kommunalen Jobcenter %(in_region)s als "
                         "OGC API – Features.", in_region=geo_settings().names().in_region),
        "links": [
            _link("api_ogc.landing", "self", JSON),
            _link("api_docs.openapi", "service-desc",
                  "application/vnd.oai.openapi+json;version=3.1"),
            _link("api_docs.page", "service-doc", "text/html"),
            _link("api_ogc.conformance", "conformance", JSON),
            _link("api_ogc.collections", "data", JSON),
            {"href": licence_member()["url"], "rel": "license", "type": "text/html"},
        ],
    })


@bp.get("/conformance")
def conformance():
    return _json({"conformsTo": CONFORMANCE})


@bp.get("/collections")
def collections():
    return _json({"links": [_link("api_ogc.collections", "self", JSON)],
                  "collections": [_collection()]})


@bp.get(f"/collections/{COLLECTION}")
def collection():
    return _json(_collection())


def _collection() -> dict:
    return {
        "id": COLLECTION,
        "title": _("Beiträge"),
        "description": _("Veröffentlichte Firmenansiedlungen, Berufsbilder, Zielgruppenprojekte "
                         "und Jobbörsen."),
        "itemType": "feature",
        "crs": [CRS84],
        "extent": {"spatial": {"bbox": [list(_region_bbox(geo_settings().region))],
                               "crs": CRS84}},
        "links": [
            _link("api_ogc.collection", "self", JSON),
            _link("api_ogc.items", "items", GEOJSON),
            {"href": licence_member()["url"], "rel": "license", "type": "text/html"},
        ],
    }


@bp.get(f"/collections/{COLLECTION}/items")
def items():
    args = request.args
    post_filter = params.post_filter(args, OWN_PARAMETERS)
    params.format_json(params.single(args, "f"))
    limit = params.limit(params.single(args, "limit"), default=DEFAULT_LIMIT, maximum=MAX_LIMIT,
                         clamp=True)
    area = params.bbox(params.single(args, "bbox"))
    window = params.window(params.single(args, "datetime"))
    raw_cursor = params.single(args, "cursor")
    after = decode_cursor(raw_cursor, list_order(post_filter)) if raw_cursor is not None else None
    now = clock.utcnow()
    page = posts_page(post_filter, now=now, limit=limit, after=after, area=area, window=window)
    links = [_link("api_ogc.items", "self", GEOJSON, **args),
             _link("api_ogc.collection", "collection", JSON)]
    if page.next is not None:
        kept = {k: v for k, v in args.items() if k != "cursor"}
        links.append(_link("api_ogc.items", "next", GEOJSON, **kept, cursor=page.next.encode()))
    response = jsonify({
        "type": "FeatureCollection",
        "features": [feature(post) for post in page.posts],
        "timeStamp": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "numberMatched": count_matching(post_filter, now=now, area=area, window=window),
        "numberReturned": len(page.posts),
        "links": links,
        "license": licence_member(),
    })
    response.mimetype = GEOJSON
    return add_licence_link(response)


@bp.get(f"/collections/{COLLECTION}/items/<id:feature_id>")
def item(feature_id: int):
    found = published_post(feature_id)
    if found is None:
        return jsonify(error=_("Diesen Beitrag gibt es nicht oder er ist nicht veröffentlicht.")), 404
    links = [_link("api_ogc.item", "self", GEOJSON, feature_id=feature_id),
             _link("api_ogc.collection", "collection", JSON),
             _link("posts.detail", "alternate", "text/html", post_id=feature_id)]
    return _json({**feature(found, links), "license": licence_member()}, GEOJSON)


@cache
def _region_bbox(region: str | Path) -> tuple[float, float, float, float]:
    outline = outline_geojson(True, region)["features"][0]["geometry"]
    return tuple(round(v, 4) for v in shape(outline).bounds)
