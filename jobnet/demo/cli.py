"""CLI: load the demo network."""

from flask.cli import AppGroup

demo_cli = AppGroup("demo", help="Demo data.")
