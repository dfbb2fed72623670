"""The one check for redirect targets taken from requests (`next`): same-site paths only."""

from __future__ import annotations

from urllib.parse import urlsplit

MAX_TARGET = 2000


def safe_next(target: str | None) -> str | None:
    """The target when it is a path on this site, else None (no open redirects)."""
    if not target or len(target) > MAX_TARGET or not target.startswith("/") or target.startswith("//"):
        return None
    # Browsers drop tabs and newlines and read backslashes as slashes, so "/\t/evil" is "//evil".
    if "\\" in target or any(ord(char) < 0x21 or ord(char) == 0x7F for char in target):
        return None
    parts = urlsplit(target)
    return None if parts.scheme or parts.netloc else target
