"""Exports of the post list with the list's filters: CSV (two variants), GeoJSON, Atom, and the
page describing their fields (docs/architecture.md, "Open data")."""

from __future__ import annotations

from collections.abc import Iterator
from hashlib import sha256
from itertools import islice

from flask import (
    Blueprint,
    Response,
    current_app,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _

from jobnet import clock  # read as clock.utcnow(), so tests can pin the time
from jobnet.clock import local_today
from jobnet.content_version import current_version
from jobnet.geo.settings import geo_settings
from jobnet.opendata import formats
from jobnet.opendata.atom import atom_feed
from jobnet.opendata.fields_page import column_docs
from jobnet.opendata.licence import data_licence
from jobnet.opendata.records import BadFilter, columns, export_filter, iter_published
from jobnet.posts.queries import PostFilter
from jobnet.posts.selection import selection_text
from jobnet.web.compression import accepts_gzip, gzip_stream
from jobnet.web.page_cache import cached_for_visitors

bp = Blueprint("opendata", __name__, url_prefix="/beitraege")
MAX_AGE = 60  # seconds: exports follow the list closely; the ETag makes a re-check cheap
CSV_TYPE = "text/csv"
GEOJSON_TYPE = "application/geo+json"
ATOM_TYPE = "application/atom+xml; charset=utf-8"


@bp.errorhandler(BadFilter)
def bad_filter(error: BadFilter):
    return Response(_("Der Export kann so nicht erstellt werden.") + f"\n{error}\n", status=400,
                    mimetype="text/plain")


def _export_columns(post_filter: PostFilter):
    kind = "fair" if post_filter.upcoming else (post_filter.kind or None)
    return columns(kind)


def _etag(now) -> str:
    # Visible posts change with the content, and with time (fairs end, "valid until" passes).
    key = f"{current_version(recent=True)}|{request.full_path}|{get_locale()}|{now:%Y%m%d%H%M}"
    return sha256(key.encode()).hexdigest()[:32]


def _streamed(chunks: Iterator[str], mimetype: str, extension: str, now) -> Response:
    """A streamed download with validators, licence link and a dated file name."""
    etag = _etag(now)
    if request.if_none_match.contains_weak(etag):
        response = Response(status=304)
    else:
        body = (chunk.encode() for chunk in chunks)
        response = Response(stream_with_context(body), mimetype=mimetype)
        if accepts_gzip():
            response.response = gzip_stream(response.response)
            response.headers["Content-Encoding"] = "gzip"
        filename = f"jobnet-beitraege-{local_today(now).isoformat()}.{extension}"
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.vary.add("Accept-Encoding")
    response.set_etag(etag, weak=True)
    response.cache_control.public = True
    response.cache_control.max_age = MAX_AGE
    response.headers["Link"] = data_licence().link_header(
        current_app.config["PUBLIC_BASE_URL"] + url_for("opendata.fields"))
    return response


def _csv(variant: formats.CsvVariant) -> Response:
    post_filter, now = export_filter(request.args), clock.utcnow()
    chunks = formats.csv_chunks(iter_published(post_filter, now=now),
                                _export_columns(post_filter), variant,
                                data_licence().csv_cells())
    return _streamed(chunks, CSV_TYPE, "csv", now)


@bp.get("/export-excel.csv")
def csv_excel():
    return _csv(formats.EXCEL)


@bp.get("/export.csv")
def csv_plain():
    return _csv(formats.RFC4180)


@bp.get("/export.geojson")
def geojson():
    post_filter, now = export_filter(request.args), clock.utcnow()
    members = {"name": feed_title(post_filter), **data_licence().geojson_members()}
    chunks = formats.geojson_chunks(iter_published(post_filter, now=now), members)
    return _streamed(chunks, GEOJSON_TYPE, "geojson", now)


@bp.get("/feed.atom")
def atom():
    post_filter, now = export_filter(request.args), clock.utcnow()
    base, args = current_app.config["PUBLIC_BASE_URL"], post_filter.query_args()
    posts = islice(iter_published(post_filter, now=now), current_app.config["ATOM_FEED_ENTRIES"])
    body, updated = atom_feed(
        posts, title=feed_title(post_filter), self_url=base + url_for("opendata.atom", **args),
        page_url=base + url_for("posts.index", **args), filter_args=args,
        licence=data_licence(), now=now)
    response = Response(body, content_type=ATOM_TYPE)
    response.set_etag(sha256(body).hexdigest()[:32], weak=True)
    response.last_modified = min(updated, now)
    response.cache_control.public = True
    response.cache_control.max_age = MAX_AGE * 5
    response.headers["Link"] = f'<{data_licence().url}>; rel="license"'
    return response.make_conditional(request)


def feed_title(post_filter: PostFilter) -> str:
    """What the filter selects in words, e.g. "Jobbörsen: Landkreis Fulda – JobNet Hessen"."""
    return _("%(what)s – %(product)s", what=selection_text(post_filter),
             product=geo_settings().product_name)


@bp.get("/export-felder")
@cached_for_visitors
def fields():
    return render_template("opendata/fields.html", groups=column_docs(), licence=data_licence())
