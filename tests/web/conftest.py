"""Web layer tests use the map's published posts."""

from tests.map.conftest import make_post  # noqa: F401  (fixture)
