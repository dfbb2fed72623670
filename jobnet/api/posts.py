"""API: published posts as JSON and GeoJSON, paged by cursor (docs/architecture.md, "API")."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request, url_for
from flask_babel import gettext as _

from jobnet import clock  # read as clock.utcnow(), so tests can pin the time
from jobnet.api import params
from jobnet.api.errors import answer_bad_requests
from jobnet.api.features import feature
from jobnet.api.licence import add_licence_link, licence_member
from jobnet.api.paging import Page, decode_cursor, list_order, posts_page
from jobnet.extensions import db
from jobnet.opendata.records import public_record
from jobnet.posts.models import Post
from jobnet.posts.queries import PostFilter, published_statement

bp = Blueprint("api_posts", __name__, url_prefix="/api/v1")
answer_bad_requests(bp)

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
OWN_PARAMETERS = ("limit", "cursor")


def read_page(endpoint: str) -> tuple[Page, str | None]:
    """The page the query asks for and the absolute URL of the next one."""
    args = request.args
    post_filter = params.post_filter(args, OWN_PARAMETERS)
    limit = params.limit(params.single(args, "limit"), default=DEFAULT_LIMIT, maximum=MAX_LIMIT)
    raw_cursor = params.single(args, "cursor")
    after = decode_cursor(raw_cursor, list_order(post_filter)) if raw_cursor is not None else None
    page = posts_page(post_filter, now=clock.utcnow(), limit=limit, after=after)
    next_url = None
    if page.next is not None:
        kept = {k: v for k, v in args.items() if k != "cursor"}
        next_url = url_for(endpoint, **kept, cursor=page.next.encode(), _external=True)
    return page, next_url


def _paged(body: dict, next_url: str | None, mimetype: str) -> Response:
    response = jsonify(body)
    response.mimetype = mimetype
    if next_url:
        response.headers.add("Link", f'<{next_url}>; rel="next"')
    return add_licence_link(response)


@bp.get("/posts")
def posts():
    page, next_url = read_page("api_posts.posts")
    body = {"items": [public_record(post) for post in page.posts], "next": next_url,
            "license": licence_member()}
    return _paged(body, next_url, "application/json")


@bp.get("/posts.geojson")
def posts_geojson():
    page, next_url = read_page("api_posts.posts_geojson")
    body = {"type": "FeatureCollection", "features": [feature(post) for post in page.posts],
            "next": next_url, "license": licence_member()}
    return _paged(body, next_url, "application/geo+json")


@bp.get("/posts/<id:post_id>")
def post(post_id: int):
    found = published_post(post_id)
    if found is None:
        return jsonify(error=_("Diesen Beitrag gibt es nicht oder er ist nicht veröffentlicht.")), 404
    return add_licence_link(jsonify({**public_record(found), "license": licence_member()}))


def published_post(post_id: int) -> Post | None:
    """The post if the public may see it now (fairs that are over included), else None."""
    stmt = published_statement(PostFilter(past=True), now=clock.utcnow()).where(Post.id == post_id)
    return db.session.scalars(stmt).unique().first()
