"""The API's description: /api/v1/openapi.json for programs, /schnittstelle for people (rendered
on the server from the same document, so it needs no script and obeys the CSP)."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template

from jobnet.api.licence import add_licence_link
from jobnet.api.openapi import OPENAPI_TYPE, description

bp = Blueprint("api_docs", __name__)


@bp.get("/api/v1/openapi.json")
def openapi():
    response = jsonify(description())
    response.content_type = OPENAPI_TYPE
    return add_licence_link(response)


@bp.get("/schnittstelle")
def page():
    document = description()
    return render_template("api/docs.html", document=document,
                           schemas=document["components"]["schemas"])
