"""An upload waiting for its confirmation: kept in instance/imports/<random id>.json, never in the
session cookie (a list of posts is too big for it), and forgotten after PENDING_HOURS."""

from __future__ import annotations

import json
import os
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

PENDING_HOURS = 2
_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{32}")


@dataclass(frozen=True)
class PendingUpload:
    token: str
    organisation_id: int
    user_id: int
    filename: str
    created: datetime
    rows: list[tuple[int, dict[str, str]]]


def _folder(instance_path: str) -> Path:
    folder = Path(instance_path) / "imports"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def store(instance_path: str, *, organisation_id: int, user_id: int, filename: str,
          rows: list[tuple[int, dict[str, str]]], now: datetime) -> str:
    """Keep the rows under a new random id; older uploads past their time are removed."""
    forget_expired(instance_path, now)
    token = secrets.token_urlsafe(24)  # 32 characters, 192 bits
    body = {"organisation_id": organisation_id, "user_id": user_id, "filename": filename,
            "created": now.isoformat(), "rows": rows}
    path = _folder(instance_path) / f"{token}.json"
    with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w",
              encoding="utf-8") as out:
        json.dump(body, out, ensure_ascii=False)
    return token


def load(instance_path: str, token: str, now: datetime) -> PendingUpload | None:
    """The upload with that id, or None when it is unknown, malformed or expired."""
    if not _TOKEN_RE.fullmatch(token or ""):
        return None
    path = _folder(instance_path) / f"{token}.json"
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    created = datetime.fromisoformat(body["created"])
    if now - created > timedelta(hours=PENDING_HOURS):
        return None
    return PendingUpload(token, body["organisation_id"], body["user_id"], body["filename"],
                         created, [(line, values) for line, values in body["rows"]])


def discard(instance_path: str, token: str) -> None:
    if _TOKEN_RE.fullmatch(token or ""):
        (_folder(instance_path) / f"{token}.json").unlink(missing_ok=True)


def forget_expired(instance_path: str, now: datetime) -> None:
    limit = (now - timedelta(hours=PENDING_HOURS)).timestamp()
    for path in _folder(instance_path).glob("*.json"):
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
