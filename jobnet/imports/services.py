"""The import of a CSV of posts: upload (read, check every row, keep it pending), preview, and
confirm (save the kept rows in one transaction, or none). Authorised here: only coordinators of
the organisation that uploaded the file."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from flask_babel import gettext as _

from jobnet.accounts.models import Role, User
from jobnet.extensions import db
from jobnet.forms.errors import FieldError
from jobnet.imports import pending
from jobnet.imports.csvfile import BadFile, read_table
from jobnet.imports.rows import CheckedRow, check_row, flag_duplicates
from jobnet.posts.location import LocationRefused
from jobnet.posts.permissions import require
from jobnet.posts.services import PostStateError, create_post


class NotAllRowsRight(Exception):
    """The confirmed rows are not all right (any more); nothing was saved."""

    def __init__(self, rows: list[CheckedRow]) -> None:
        super().__init__("rows with errors")
        self.rows = rows


def _require_coordinator(user: User | None, organisation_id: int | None = None) -> None:
    require(user is not None and user.role == Role.COORDINATOR and user.organisation_id
            and (organisation_id is None or user.organisation_id == organisation_id),
            "only the organisation's coordinators import posts")


def check_rows(rows, organisation_id: int) -> list[CheckedRow]:
    """Every row validated and geocoded, duplicates flagged."""
    checked = [check_row(line, values) for line, values in rows]
    flag_duplicates(checked, organisation_id)
    return checked


def upload(raw: bytes, filename: str, *, user: User, now: datetime, instance_path: str) -> str:
    """Read and keep an uploaded file; the id of the pending upload (BadFile if unreadable)."""
    _require_coordinator(user)
    table = read_table(raw)
    return pending.store(instance_path, organisation_id=user.organisation_id, user_id=user.id,
                         filename=filename[:200], rows=list(table.rows), now=now)


def preview(token: str, *, user: User, now: datetime, instance_path: str
            ) -> tuple[pending.PendingUpload, list[CheckedRow]]:
    """The pending upload and its rows as checked now (LookupError if unknown or expired)."""
    upload_ = _pending(token, user, now, instance_path)
    return upload_, check_rows(upload_.rows, upload_.organisation_id)


def confirm(token: str, keep: Collection[int], *, publish: bool, user: User, now: datetime,
            instance_path: str) -> int:
    """Save the kept rows (by line number) as drafts or published posts, all or none."""
    upload_ = _pending(token, user, now, instance_path)
    kept = [(line, values) for line, values in upload_.rows if line in set(keep)]
    if not kept:
        raise BadFile(_("Bitte behalten Sie mindestens eine Zeile."))
    rows = check_rows(kept, upload_.organisation_id)
    if not all(row.ok for row in rows):
        raise NotAllRowsRight(rows)
    note = _("importiert aus CSV „%(file)s“", file=upload_.filename)
    try:
        for row in rows:
            try:
                create_post(row.kind, row.data, author=user, now=now, publish=publish,
                            history_note=f"{note}, {_('Zeile')} {row.line}", commit=False)
            except (FieldError, PostStateError, LocationRefused, ValueError) as error:
                row.errors.append(str(getattr(error, "message", error)))
                raise NotAllRowsRight(rows) from error
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    pending.discard(instance_path, token)
    return len(rows)


def _pending(token: str, user: User, now: datetime, instance_path: str) -> pending.PendingUpload:
    _require_coordinator(user)
    upload_ = pending.load(instance_path, token, now)
    if upload_ is None:
        raise LookupError(token)
    _require_coordinator(user, upload_.organisation_id)
    return upload_
