"""Fixtures the legal tests share with the posts and digest tests."""

from tests.digest.conftest import make_subscription  # noqa: F401  (fixture)
from tests.posts.conftest import anonymous_get, make_post, relogin  # noqa: F401  (fixtures)
