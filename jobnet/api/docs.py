"""The API's description: /api/v1/openapi.json for programs, /schnittstelle for people (rendered
on the server from the same document, so it needs no script and obeys the CSP)."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template, request

from jobnet.api.licence import add_licence_link
from jobnet.api.openapi import JSON, OPENAPI_TYPE, description

bp = Blueprint("api_docs", __name__)


@bp.get("/api/v1/openapi.json")
def openapi():
    response = jsonify(description())
    # GDAL's OAPIF driver asks for the 3.0 type or plain JSON and refuses any other answer.
    response.content_type = request.accept_mimetypes.best_match([OPENAPI_TYPE, JSON],
                                                                default=OPENAPI_TYPE)
    response.vary.add("Accept")
    return add_licence_link(response)


@bp.get("/schnittstelle")
def page():
    document = description()
    return render_template("api/docs.html", document=document,
                           schemas=document["components"]["schemas"])
