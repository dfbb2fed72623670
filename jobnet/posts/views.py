"""Post list, detail, forms and status changes."""

from flask import Blueprint

bp = Blueprint("posts", __name__, url_prefix="/beitraege")
