"""The demo network (organisations, one user per role, example posts) as read from network.toml.

The data lives in network.toml so that it can be edited without touching code. This module only
turns the file's relative dates into real ones for a given day (the forms are explained at the top
of the file). Pure data, no database: jobnet/demo/loader.py writes it.
"""

from __future__ import annotations

import tomllib
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from jobnet.clock import LOCAL_TIMEZONE

DATA_FILE = Path(__file__).resolve().parent / "network.toml"

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAY_KEYS = {"in_days", "weekday"}
SCHEDULE_KEYS = DAY_KEYS | {"opens", "closes", "deadline_days", "days"}

# TOML has no null, so a post leaves these fields out instead; every post has valid_until, fairs
# and projects also have these columns in their rows.
NONE_WHEN_LEFT_OUT = {"fair": ("registration_url",), "project": ("participants", "integrations")}


def _read() -> dict[str, Any]:
    with DATA_FILE.open("rb") as file:
        return tomllib.load(file)


def _organisation(row: dict[str, str]) -> dict[str, str]:
    # Placeholder addresses follow from the slug, so the file names each only once.
    slug = row["slug"]
    # A joint job centre of a city and its county lists both: districts = ["...", "..."].
    districts = row.get("districts") or [row["district_ags"]]
    return {"name": row["name"], "kind": row["kind"], "districts": districts,
            "email": f"{slug}@example.org", "website": f"https://example.org/{slug}"}


_NETWORK = _read()
ORGANISATIONS: list[dict[str, str]] = [_organisation(row) for row in _NETWORK["organisations"]]
# One user per role; passwords are set by the loader, never stored in the file.
DEMO_USERS: list[dict[str, str]] = _NETWORK["demo_users"]
# Comparison rings: name, member organisations' names, moderators' addresses.
RINGS: list[dict] = _NETWORK.get("rings", [])


def demo_posts(today: date) -> list[dict]:
    """The demo posts, dated relative to `today`; the same day always gives the same list.

    Each post is {"kind", "organisation", "fields"} plus "published_days_ago" or, for a draft,
    "status": "draft". The file is read again so that no two calls share a (mutable) list.
    """
    return [_post(row, today) for row in _read()["posts"]]


def _post(row: dict[str, Any], today: date) -> dict[str, Any]:
    post: dict[str, Any] = {"kind": row.pop("kind"), "organisation": row.pop("organisation")}
    published_days_ago = row.pop("published_days_ago", None)
    status = row.pop("status", None)
    # A fair's partners by name, and what happened to it after publication (loader.py).
    for key in ("co_organisers", "moved", "cancelled"):
        if key in row:
            post[key] = row.pop(key)
    if (published_days_ago is None) == (status is None) or status not in (None, "draft"):
        raise ValueError(f"{row['title']!r}: give published_days_ago or status = \"draft\"")
    fields: dict[str, Any] = {}
    for key, value in row.items():
        if key == "schedule":
            fields.update(_schedule(value, today))
        elif isinstance(value, dict):
            fields[key] = _day(value, today)
        else:
            fields[key] = value
    fields.setdefault("links", [])
    for key in ("valid_until", *NONE_WHEN_LEFT_OUT.get(post["kind"], ())):
        fields.setdefault(key, None)
    post["fields"] = fields
    if status is None:
        post["published_days_ago"] = published_days_ago
    else:
        post["status"] = status
    return post


def _day(spec: dict[str, Any], today: date, allowed: set[str] = DAY_KEYS) -> date:
    """today + in_days, moved on to the first given weekday if there is one."""
    if unknown := spec.keys() - allowed:
        raise ValueError(f"unknown relative date keys {sorted(unknown)} in {spec}")
    day = today + timedelta(days=spec["in_days"])
    if "weekday" in spec:
        day += timedelta(days=(WEEKDAYS.index(spec["weekday"]) - day.weekday()) % 7)
    return day


def _schedule(spec: dict[str, Any], today: date) -> dict[str, Any]:
    """A fair's start, end and registration deadline; the times are wall-clock times in Hesse."""
    day = _day(spec, today, SCHEDULE_KEYS)
    last = day + timedelta(days=spec.get("days", 1) - 1)
    return {"starts_at": _local(day, spec["opens"]), "ends_at": _local(last, spec["closes"]),
            "registration_deadline": day - timedelta(days=spec["deadline_days"])}


def _local(day: date, clock: str) -> datetime:
    # Kept in the local zone (not converted to UTC by clock.from_local) so that the fields read
    # as written; the database stores them as UTC either way.
    return datetime.combine(day, time.fromisoformat(clock), tzinfo=LOCAL_TIMEZONE)
