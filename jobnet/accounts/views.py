"""Login, logout, invitation acceptance and password reset."""

from flask import Blueprint

bp = Blueprint("accounts", __name__, url_prefix="/konto")
