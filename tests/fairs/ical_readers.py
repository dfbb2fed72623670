"""Readers of what the feeds say, independent of the app's serialiser: Python's icalendar
parser (no app code) and Mozilla's ical.js in node (tests/fairs/node, `npm ci --prefix
tests/fairs/node`). Without node or ical.js the node tests skip; in CI they fail."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
from dateutil.rrule import rrulestr

from tests.conftest import require_system_tool

NODE_DIR = Path(__file__).resolve().parent / "node"


def events(body: bytes) -> dict[str, icalendar.Event]:
    """The feed's events by UID, read with icalendar's parser."""
    calendar = icalendar.Calendar.from_ical(body)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def utc(value) -> datetime | date:
    """A DTSTART/DTEND value as a UTC instant (DATE values stay dates)."""
    moment = value.dt
    return moment.astimezone(UTC) if isinstance(moment, datetime) else moment


def occurrences(event: icalendar.Event) -> list[tuple[datetime, datetime]]:
    """Each time the event is held as (start, end) in its own zone: its RRULE expanded by
    dateutil from icalendar's parsed values (as calendar apps do), else the one span."""
    start, end = event["DTSTART"].dt, event["DTEND"].dt
    if "RRULE" not in event:
        return [(start, end)]
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
    # Python adds to an aware time on the wall clock, so each day keeps its local hours, as
    # RFC 5545 3.3.10 asks of a DTSTART with TZID.
    length = end.replace(tzinfo=None) - start.replace(tzinfo=None)
    return [(day, day + length) for day in rule]


def ical_js(tmp_path: Path, bodies: list[bytes]) -> list[dict]:
    """What ical.js reads from each body (see tests/fairs/node/parse.mjs)."""
    node = require_system_tool(shutil.which("node"), "node (apt-get install nodejs)")
    require_system_tool(str(NODE_DIR / "node_modules" / "ical.js" / "package.json"),
                        "the npm package ical.js (npm ci --prefix tests/fairs/node)")
    paths = []
    for number, body in enumerate(bodies):
        path = tmp_path / f"feed-{number}.ics"
        path.write_bytes(body)
        paths.append(str(path))
    done = subprocess.run([node, str(NODE_DIR / "parse.mjs"), *paths], capture_output=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    return json.loads(done.stdout)
