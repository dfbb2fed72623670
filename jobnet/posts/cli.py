"""CLI: post maintenance."""

from flask.cli import AppGroup

posts_cli = AppGroup("posts", help="Maintain posts.")
