"""The API's refusals: one exception with the German message, answered as {"error": ...} 400."""

from __future__ import annotations

from flask import Blueprint, jsonify

from jobnet.opendata.records import BadFilter


class BadRequest(ValueError):
    """A parameter the API refuses, with the German message for {"error": ...}."""


def answer_bad_requests(bp: Blueprint) -> None:
    """Answer BadRequest and BadFilter raised in the blueprint's views with a JSON 400."""

    def bad_request(error: ValueError):
        return jsonify(error=str(error)), 400

    bp.register_error_handler(BadRequest, bad_request)
    bp.register_error_handler(BadFilter, bad_request)
