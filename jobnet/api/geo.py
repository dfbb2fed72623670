"""API: geocoding, point lookup and the district outlines of the region."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from flask import Blueprint, jsonify, request
from flask_babel import gettext as _

from jobnet.api.errors import BadRequest, answer_bad_requests
from jobnet.geo.boundaries import map_body
from jobnet.geo.compact import COARSE_MAX_ZOOM
from jobnet.geo.coordinates import InvalidCoordinates
from jobnet.geo.lookup import geocode_answer, locate_answer
from jobnet.geo.names import InvalidQuery
from jobnet.geo.settings import geo_settings
from jobnet.web.static_json import cacheable_json_response, frozen_body

bp = Blueprint("api_geo", __name__, url_prefix="/api/v1")

MAX_LIMIT = 20
MAX_ZOOM = 30
DISTRICTS_MAX_AGE = 86400
_LIMIT = re.compile(r"[0-9]{1,3}")
# A plain decimal number as people and programs write it; float() would also take "nan", "inf",
# "1_0" and non-ASCII digits.
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")


answer_bad_requests(bp)


@bp.errorhandler(InvalidQuery)
def bad_query(error: InvalidQuery):
    return jsonify(error=str(error)), 400


@bp.errorhandler(InvalidCoordinates)
def bad_coordinates(error: InvalidCoordinates):
    return jsonify(error=_("Breiten- und Längengrad müssen Zahlen im gültigen Bereich sein.")), 400


@bp.get("/geocode")
def geocode():
    limit = _limit(request.args.get("limit"))
    return jsonify(
        geocode_answer(request.args.get("q", ""), limit=limit, near=request.args.get("near"))
    )


@bp.get("/locate")
def locate():
    lat = _coordinate(request.args.get("lat"), "lat", 90)
    lon = _coordinate(request.args.get("lon"), "lon", 180)
    return jsonify(locate_answer(lat, lon))


@bp.get("/districts")
def districts():
    coarse = map_zoom(request.args.get("zoom")) <= COARSE_MAX_ZOOM
    return cacheable_json_response(*_districts_body(geo_settings().region, coarse),
                                   max_age=DISTRICTS_MAX_AGE)


def map_zoom(raw: str | None) -> int:
    """The zoom the map shows the outlines at (without one: MAX_ZOOM, the most detail)."""
    if raw is None:
        return MAX_ZOOM
    if not _LIMIT.fullmatch(raw) or int(raw) > MAX_ZOOM:
        raise BadRequest(_("zoom muss eine ganze Zahl von 0 bis %(max)d sein.", max=MAX_ZOOM))
    return int(raw)


def _limit(raw: str | None) -> int:
    if raw is None:
        return 10
    if not _LIMIT.fullmatch(raw) or not 1 <= int(raw) <= MAX_LIMIT:
        raise BadRequest(_("limit muss eine ganze Zahl von 1 bis %(max)d sein.", max=MAX_LIMIT))
    return int(raw)


def _coordinate(raw: str | None, name: str, limit: int) -> float:
    text = (raw or "").strip()
    if not _NUMBER.fullmatch(text):
        raise BadRequest(_("%(name)s muss eine Dezimalzahl sein, z. B. 50.2016.", name=name))
    value = float(text)  # "1e400" becomes infinity, which is out of range as well
    if not -limit <= value <= limit:
        raise BadRequest(
            _("%(name)s muss zwischen -%(limit)d und %(limit)d liegen.", name=name, limit=limit)
        )
    return value


@cache
def _districts_body(region: str | Path, coarse: bool) -> tuple[bytes, str]:
    # Hesse 340 kB, Germany 5.6 MB (coarse: 1.1 MB, 265 kB gzipped): serialise and hash it once
    # per process (gunicorn's master does, see wsgi.py).
    return frozen_body(map_body(region, coarse=coarse))
