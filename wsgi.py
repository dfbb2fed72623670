"""WSGI entry point for production servers: gunicorn -c config/gunicorn.conf.py wsgi:app.

With the config's preload_app the master imports this once, loads the geodata and forks the
workers, which share it copy-on-write instead of each loading its own (docs/architecture.md,
"Geodata at national scale").
"""

from jobnet import create_app
from jobnet.geo.preload import preload_geodata

app = create_app()
preload_geodata(app)
