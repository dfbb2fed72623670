"""The posts tests' helpers (post factory, form submission) for the fair tests."""

from tests.posts.conftest import make_post, relogin, submit  # noqa: F401
