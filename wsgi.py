"""WSGI entry point for production servers: gunicorn wsgi:app."""

from jobnet import create_app

app = create_app()
