"""gunicorn settings: gunicorn -c config/gunicorn.conf.py --workers 4 --bind 127.0.0.1:8000 wsgi:app

Measured with all of Germany (bench/bench_geodata_scale.py, docs/architecture.md "Geodata at
national scale"): preloaded, four workers share one copy of the geodata instead of loading four.
"""

import gc

# The master imports wsgi.py, which loads the geodata, before it forks the workers. The master
# opens no database connection, so no socket is shared between workers.
preload_app = True


def pre_fork(server, worker):
    # Objects made so far (app, geodata) leave the cyclic collector's reach: a collection in a
    # worker would otherwise write into each of them and unshare every page they lie on.
    gc.freeze()
