"""Web layer tests use the map's published posts and digest subscriptions (personal pages)."""

from tests.digest.conftest import make_subscription  # noqa: F401  (fixture)
from tests.map.conftest import make_post  # noqa: F401  (fixture)
