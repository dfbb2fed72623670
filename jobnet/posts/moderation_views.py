"""Moderation view: recent posts and unpublishing with a reason."""

from flask import Blueprint

bp = Blueprint("moderation", __name__, url_prefix="/moderation")
