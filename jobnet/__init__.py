"""JobNet Hessen: shared job opportunities of the Hessian municipal job centres."""

from jobnet.app import create_app

__all__ = ["create_app"]
