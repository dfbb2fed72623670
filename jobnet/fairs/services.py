"""Moving and cancelling fairs, their co-organisers and exhibitors: authorised and recorded here.

Moved and cancelled are states, not edits: the fair keeps its page, its id (the feeds' UID) and
its history, and the calendar sequence rises so subscribed calendars take the change.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from jobnet.accounts.models import Organisation, User
from jobnet.extensions import db
from jobnet.fairs.rules import FairInputError, all_day_span, time_problems
from jobnet.posts.history import json_value
from jobnet.posts.models import (
    FairCoOrganiser,
    FairExhibitor,
    FairReschedule,
    FairState,
    JobFair,
    Status,
)
from jobnet.posts.permissions import can_edit, require
from jobnet.posts.status import PostStateError, record_change

# Changes attendees must hear of: their calendars update only when SEQUENCE rises (RFC 5545).
CALENDAR_FIELDS = frozenset({"starts_at", "ends_at", "all_day", "venue", "place", "latitude",
                             "longitude", "state"})
EXTRA_FIELDS = ("co_organiser_ids", "exhibitors")
MAX_EXHIBITORS = 200
MAX_CO_ORGANISERS = 20

CANCELLED_MESSAGE = _l("Diese Jobbörse ist abgesagt und kann nicht mehr geändert werden. Findet "
                       "sie doch statt, kündigen Sie sie bitte als neue Jobbörse an, damit alle "
                       "Kalender die Änderung sicher übernehmen.")


class FairStateError(PostStateError):
    """The fair's state (cancelled, not published) does not allow the action."""


def require_not_cancelled(fair: JobFair) -> None:
    if fair.state == FairState.CANCELLED:
        raise FairStateError(CANCELLED_MESSAGE)


def pop_extras(data: dict[str, Any]) -> dict[str, Any]:
    """Take the fair's co-organisers and exhibitors out of form data (they are not columns)."""
    return {name: data.pop(name) for name in EXTRA_FIELDS if name in data}


def apply_extras(fair: JobFair, extras: dict[str, Any]) -> dict[str, list[Any]]:
    """Set co-organisers and exhibitors; {field: [old, new]} for those that changed."""
    changed: dict[str, list[Any]] = {}
    if "co_organiser_ids" in extras:
        before = _co_organiser_names(fair)
        _set_co_organisers(fair, extras["co_organiser_ids"] or [])
        after = _co_organiser_names(fair)
        if before != after:
            changed["co_organisers"] = [before, after]
    if "exhibitors" in extras:
        before = _exhibitor_lines(fair)
        rows = [row for row in extras["exhibitors"] or [] if (row.get("name") or "").strip()]
        if len(rows) > MAX_EXHIBITORS:
            raise FairInputError([("exhibitors", _l("Bitte höchstens %(max)d Aussteller angeben.",
                                                    max=MAX_EXHIBITORS))])
        fair.exhibitors = [FairExhibitor(position=i, name=row["name"].strip(),
                                         sector=(row.get("sector") or "").strip(),
                                         open_positions=(row.get("open_positions") or "").strip())
                           for i, row in enumerate(rows)]
        after = _exhibitor_lines(fair)
        if before != after:
            changed["exhibitors"] = [before, after]
    return changed


def _set_co_organisers(fair: JobFair, ids: list[int]) -> None:
    wanted = [i for i in dict.fromkeys(ids) if i != fair.organisation_id]
    if len(wanted) > MAX_CO_ORGANISERS:
        raise FairInputError([("co_organiser_ids", _l(
            "Bitte höchstens %(max)d Mitveranstalter angeben.", max=MAX_CO_ORGANISERS))])
    have = {row.organisation_id for row in fair.co_organiser_rows}
    new = [i for i in wanted if i not in have]
    found = {o.id: o for o in db.session.scalars(select(Organisation).where(
        Organisation.id.in_(new)))} if new else {}
    # A deactivated organisation stays where it was named, but is never added anew.
    if any(i not in found or not found[i].active for i in new):
        raise FairInputError([("co_organiser_ids", _l(
            "Eine der gewählten Organisationen gibt es nicht mehr oder sie ist nicht mehr aktiv. "
            "Bitte wählen Sie erneut."))])
    fair.co_organiser_rows = [row for row in fair.co_organiser_rows
                              if row.organisation_id in wanted]
    fair.co_organiser_rows.extend(FairCoOrganiser(organisation_id=i, organisation=found[i])
                                  for i in new)


def _co_organiser_names(fair: JobFair) -> list[str]:
    return sorted(row.organisation.name for row in fair.co_organiser_rows if row.organisation)


def _exhibitor_lines(fair: JobFair) -> list[str]:
    return [" · ".join(part for part in (row.name, row.sector, row.open_positions) if part)
            for row in fair.exhibitors]


def raise_sequence(fair: JobFair, changed: dict[str, Any]) -> None:
    """Raise the calendar sequence when a change matters to attendees."""
    if CALENDAR_FIELDS & set(changed):
        fair.calendar_sequence = (fair.calendar_sequence or 0) + 1


def _require_movable(fair: JobFair, user: User) -> None:
    require(can_edit(user, fair), "may not change this fair")
    require_not_cancelled(fair)
    if fair.status != Status.PUBLISHED:
        raise FairStateError(_l("Nur veröffentlichte Jobbörsen können verschoben oder abgesagt "
                                "werden; einen Entwurf ändern Sie einfach über „Bearbeiten“."))


def move_fair(fair: JobFair, *, user: User, now: datetime, starts_at: datetime,
              ends_at: datetime, all_day: bool = False, note: str | None = None) -> JobFair:
    """Move a published fair to new dates, keeping the old ones in a reschedule record."""
    _require_movable(fair, user)
    if all_day:
        starts_at, ends_at = all_day_span(starts_at.date(), ends_at.date())
    problems = time_problems(starts_at, ends_at, now=now,
                             exhibitor_deadline=fair.registration_deadline,
                             visitor_deadline=fair.visitor_registration_deadline)
    if starts_at < now:
        problems.append(("starts_at", _l("Eine Jobbörse kann nicht in die Vergangenheit "
                                         "verschoben werden.")))
    if (starts_at, ends_at, all_day) == (fair.starts_at, fair.ends_at, bool(fair.all_day)):
        problems.append(("starts_at", _l("Die neuen Termine sind dieselben wie bisher.")))
    if problems:
        raise FairInputError(problems)
    note = (note or "").strip() or None
    fair.reschedules.insert(0, FairReschedule(
        user_id=user.id, at=now, old_starts_at=fair.starts_at,
        old_ends_at=fair.ends_at, new_starts_at=starts_at, new_ends_at=ends_at, note=note))
    fields = {"starts_at": [json_value(fair.starts_at), json_value(starts_at)],
              "ends_at": [json_value(fair.ends_at), json_value(ends_at)]}
    if bool(fair.all_day) != all_day:
        fields["all_day"] = [bool(fair.all_day), all_day]
    if fair.state != FairState.MOVED:
        fields["state"] = [fair.state, FairState.MOVED.value]
    fair.starts_at, fair.ends_at, fair.all_day = starts_at, ends_at, all_day
    fair.state = FairState.MOVED
    _record(fair, user, now, "moved", fields, note)
    return fair


def cancel_fair(fair: JobFair, *, user: User, now: datetime, reason: str) -> JobFair:
    """Cancel a published fair: it stays visible, marked cancelled, with the reason."""
    _require_movable(fair, user)
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise FairInputError([("reason", _l("Bitte geben Sie einen Grund für die Absage an "
                                            "(mindestens 5 Zeichen)."))])
    fields = {"state": [fair.state, FairState.CANCELLED.value]}
    fair.state, fair.cancel_reason = FairState.CANCELLED, reason
    _record(fair, user, now, "cancelled", fields, reason)
    return fair


def _record(fair: JobFair, user: User, now: datetime, action: str, fields: dict,
            reason: str | None) -> None:
    fair.updated_at = now
    raise_sequence(fair, fields | {"state": True})
    record_change(fair, user, now, action, fields, reason)
    db.session.commit()
