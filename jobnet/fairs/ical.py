"""iCalendar (RFC 5545) for job fairs, written with the `icalendar` library.

Each event is serialised once per (fair, version, organiser, reminder, language) and kept:
serialising 2,000 events takes icalendar 1.1–1.4 s on a quiet machine, joining kept ones 20–30 ms
(docs/architecture.md, "Job-fair calendar"). A feed is the calendar's own lines, one
VTIMEZONE for Europe/Berlin and the events, each piece written by icalendar.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from urllib.parse import urlsplit

from flask_babel import get_locale
from flask_babel import gettext as _
from icalendar import (
    Alarm,
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
    vDuration,
)

from jobnet.clock import LOCAL_TIMEZONE
from jobnet.content_version import current_version
from jobnet.fairs import event_store
from jobnet.fairs.calendar import struck_out
from jobnet.fairs.schedule import (
    calendar_sequence,
    daily_hours,
    fair_days,
    is_all_day,
    state_note,
)
from jobnet.geo.districts import district_label
from jobnet.posts.models import JobFair, Status

# The software, not the installation: the same for every region (the calendar name says which).
PRODID = "-//JobNet//Jobboersen//DE"
# Not allowed in iCalendar TEXT (RFC 5545 3.3.11); line breaks are kept and escaped.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")
MAX_KEPT_EVENTS = 20_000


@dataclass(frozen=True)
class FeedSettings:
    """What every event needs besides the fair: where JobNet lives and how often to look."""

    base_url: str  # PUBLIC_BASE_URL, without a trailing slash
    refresh: timedelta  # REFRESH-INTERVAL and X-PUBLISHED-TTL

    @property
    def domain(self) -> str:
        return urlsplit(self.base_url).hostname or "jobnet.invalid"

    def fair_url(self, fair: JobFair) -> str:
        return f"{self.base_url}/beitraege/{fair.id}"


def clean_text(value: str | None) -> str:
    """Text without control characters, with Unix line ends (icalendar escapes the rest)."""
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _CONTROL.sub("", text))


def uid(fair: JobFair, settings: FeedSettings) -> str:
    """The event's UID: the fair's id never changes, and neither may this."""
    return f"fair-{fair.id}@{settings.domain}"


def _times(event: Event, fair: JobFair) -> None:
    if is_all_day(fair):
        first, last = fair_days(fair)
        event.add("dtstart", first)
        event.add("dtend", last + timedelta(days=1))  # DTEND of a DATE is exclusive
        return
    if hours := daily_hours(fair):
        # The first day's hours, repeated daily: calendars show each day 10:00–16:00 instead
        # of one block through the nights. With TZID, each day keeps its local hours across
        # a daylight-saving switch (RFC 5545 3.3.10).
        event.add("dtstart", datetime.combine(hours.first_day, hours.opens, LOCAL_TIMEZONE))
        event.add("dtend", datetime.combine(hours.first_day, hours.closes, LOCAL_TIMEZONE))
        event.add("rrule", {"freq": "daily", "count": hours.days})
        return
    event.add("dtstart", fair.starts_at.astimezone(LOCAL_TIMEZONE))
    event.add("dtend", fair.ends_at.astimezone(LOCAL_TIMEZONE))


def _location(fair: JobFair) -> str:
    parts, seen = [], set()
    for part in (fair.venue, fair.place, district_label(fair.district_ags)
                 if fair.district_ags else ""):
        for name in clean_text(part).replace("\n", " ").split(","):
            name = name.strip()
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                parts.append(name)
    return ", ".join(parts)


def _organizer(fair: JobFair, settings: FeedSettings) -> vCalAddress:
    organisation = fair.organisation
    address = (f"mailto:{organisation.email}" if organisation.email
               else organisation.website or settings.fair_url(fair))
    organizer = vCalAddress(address)
    organizer.params["CN"] = clean_text(organisation.name).replace("\n", " ")
    return organizer


def _description(fair: JobFair, url: str, cancelled: bool) -> str:
    lines = []
    if cancelled:
        lines.append(_("Diese Jobbörse wurde abgesagt."))
    if note := state_note(fair):
        lines.append(note)
    if fair.status == Status.PUBLISHED:
        lines.append(fair.summary)
        if fair.registration_url:
            lines.append(_("Anmeldung: %(url)s", url=fair.registration_url))
    lines.append(_("Alle Angaben: %(url)s", url=url))  # calendar apps ignore URL
    return clean_text("\n\n".join(lines))


def build_event(fair: JobFair, settings: FeedSettings, *, reminder: bool) -> Event:
    """The VEVENT of a fair."""
    cancelled = struck_out(fair)
    url = settings.fair_url(fair)
    title = clean_text(fair.title).replace("\n", " ")
    event = Event()
    event.add("uid", uid(fair, settings))
    # No METHOD: DTSTAMP is when the information was last revised (RFC 5545 3.8.7.2).
    event.add("dtstamp", fair.updated_at)
    event.add("last-modified", fair.updated_at)
    event.add("created", fair.published_at or fair.created_at)
    event.add("sequence", calendar_sequence(fair))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("summary", _("Abgesagt: %(title)s", title=title) if cancelled else title)
    _times(event, fair)
    event.add("location", _location(fair))
    if fair.latitude is not None and fair.longitude is not None:
        event.add("geo", (round(fair.latitude, 6), round(fair.longitude, 6)))
    event.add("organizer", _organizer(fair, settings))
    event.add("url", url)
    event.add("description", _description(fair, url, cancelled))
    event.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    if reminder and not cancelled:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _("Morgen: %(title)s", title=title))
        if (hours := daily_hours(fair)) is None:
            alarm.add("trigger", timedelta(days=-1))
        else:
            # A relative trigger fires before every day of a daily fair (on day one, at the
            # fair); an absolute one fires once (RFC 5545 3.8.6.3), the day before it opens.
            # icalendar leaves out VALUE=DATE-TIME, which RFC 5545 requires (ical.js fails).
            opens = datetime.combine(hours.first_day, hours.opens, LOCAL_TIMEZONE)
            alarm.add("trigger", (opens - timedelta(days=1)).astimezone(UTC),
                      parameters={"VALUE": "DATE-TIME"})
        event.add_component(alarm)
    return event


# (content epoch, fair id, version, status, organiser, reminder, language, settings) ->
# (VEVENT bytes, cancelled). The epoch changes when the database is emptied and refilled.
# A process starts empty and fills this from the database's store (event_store.py).
_kept_events: dict[tuple, tuple[bytes, bool]] = {}


def _fill(keys: dict[int, tuple], load: Callable[[list[int]], list[JobFair]],
          settings: FeedSettings, reminder: bool, ends_after: datetime) -> None:
    """Bring the missing events into this process: stored ones as they are, the others
    written by icalendar and stored for the next process."""
    if len(_kept_events) + len(keys) > MAX_KEPT_EVENTS:
        _kept_events.clear()  # rare: a fresh start costs one slower feed
    variant = event_store.hashed(*next(iter(keys.values()))[-3:])[:32]
    stored_keys = {fair_id: event_store.hashed(*key) for fair_id, key in keys.items()}
    found = event_store.stored(variant, stored_keys, ends_after=ends_after)
    written, unwritten = {}, [fair_id for fair_id in keys if fair_id not in found]
    for fair in load(unwritten) if unwritten else ():
        body = build_event(fair, settings, reminder=reminder).to_ical()
        found[fair.id] = body, struck_out(fair)
        written[fair.id] = (stored_keys[fair.id], *found[fair.id])
    for fair_id, kept in found.items():
        _kept_events[keys[fair_id]] = kept
    event_store.store(variant, written)


def feed_events(rows: list, load: Callable[[list[int]], list[JobFair]], *,
                settings: FeedSettings, reminder: bool, keep_since: datetime,
                now: datetime) -> list[bytes]:
    """The VEVENTs of calendar.feed_rows(): kept ones as they are, the others read from the
    store or written and kept; a fair cancelled before `keep_since` has left the feed."""
    shared = (str(get_locale()), reminder, settings)
    epoch = current_version(recent=True).partition(".")[0]
    # updated_at (row[3]) is the events' DTSTAMP: a change of it alone is a new event.
    keys = [(epoch, *row, *shared) for row in rows]
    missing = {key[1]: key for key in keys if key not in _kept_events}
    if missing:
        _fill(missing, load, settings, reminder, now)
    chosen = []
    for key, row in zip(keys, rows, strict=True):
        kept = _kept_events.get(key)  # None: the fair was deleted since the rows were read
        if kept is None:
            continue
        body, cancelled = kept
        if not cancelled or row[3] >= keep_since:
            chosen.append(body)
    return chosen


@cache
def _timezone_block() -> bytes:
    # Europe/Berlin by its rules since 1996, as RRULEs. icalendar's add_missing_timezones()
    # writes one RDATE property with a date per year, of which ical.js (Thunderbird) reads only
    # the first: fairs after 2021 came out an hour off in summer.
    zone = Timezone()
    zone.add("tzid", LOCAL_TIMEZONE.key)
    for part, start, month, names in ((TimezoneDaylight(), datetime(1970, 3, 29, 2), 3,
                                       ("CEST", timedelta(hours=1), timedelta(hours=2))),
                                      (TimezoneStandard(), datetime(1970, 10, 25, 3), 10,
                                       ("CET", timedelta(hours=2), timedelta(hours=1)))):
        part.add("tzname", names[0])
        part.add("tzoffsetfrom", names[1])
        part.add("tzoffsetto", names[2])
        part.add("dtstart", start)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        zone.add_component(part)
    return zone.to_ical()


def _calendar_lines(name: str, settings: FeedSettings) -> tuple[bytes, bytes]:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", clean_text(name))
    calendar.add("name", clean_text(name))
    calendar.add("x-wr-timezone", LOCAL_TIMEZONE.key)
    calendar.add("refresh-interval", settings.refresh, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(settings.refresh))
    text = calendar.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert text.endswith(end)
    return text[: -len(end)], end


def calendar_bytes(events: list[bytes], *, name: str, settings: FeedSettings) -> bytes:
    """A whole VCALENDAR around serialised events, with the VTIMEZONE they refer to."""
    head, end = _calendar_lines(name, settings)
    return b"".join((head, _timezone_block(), *events, end))


def fair_calendar(fair: JobFair, settings: FeedSettings, *, reminder: bool) -> bytes:
    """One fair's own calendar file."""
    event = build_event(fair, settings, reminder=reminder).to_ical()
    return calendar_bytes([event], name=fair.title, settings=settings)
