"""schema.org Event data for a fair's page, so search engines and job portals can read it.

The template writes it with `tojson` inside a nonced script block (templates/fairs/_json_ld.html).
"""

from __future__ import annotations

from typing import Any

from jobnet.clock import LOCAL_TIMEZONE
from jobnet.fairs.ical import FeedSettings
from jobnet.fairs.schedule import co_organisers, daily_hours, fair_days, fair_state, is_all_day
from jobnet.geo.districts import district_label
from jobnet.posts.models import JobFair

EVENT_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "moved": "https://schema.org/EventRescheduled",
    "cancelled": "https://schema.org/EventCancelled",
}


def _when(fair: JobFair) -> tuple[str, str]:
    if is_all_day(fair):
        first, last = fair_days(fair)
        return first.isoformat(), last.isoformat()
    return (fair.starts_at.astimezone(LOCAL_TIMEZONE).isoformat(),
            fair.ends_at.astimezone(LOCAL_TIMEZONE).isoformat())


def _organizer(organisation) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Organization", "name": organisation.name}
    if organisation.website:
        data["url"] = organisation.website
    return data


def _location(fair: JobFair) -> dict[str, Any]:
    address: dict[str, Any] = {"@type": "PostalAddress", "addressLocality":
                               fair.municipality_name or fair.place, "addressCountry": "DE"}
    if fair.district_ags:
        address["addressRegion"] = district_label(fair.district_ags)
    place: dict[str, Any] = {"@type": "Place", "name": fair.venue, "address": address}
    if fair.latitude is not None and fair.longitude is not None:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": fair.latitude,
                        "longitude": fair.longitude}
    return place


def event_json_ld(fair: JobFair, settings: FeedSettings) -> dict[str, Any]:
    """The fair as a schema.org Event (a dict for tojson)."""
    start, end = _when(fair)
    organisers = [fair.organisation, *co_organisers(fair)]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": fair.title,
        "description": fair.summary,
        "startDate": start,
        "endDate": end,
        "eventStatus": EVENT_STATUS.get(fair_state(fair), EVENT_STATUS["scheduled"]),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": _location(fair),
        "organizer": [_organizer(o) for o in organisers] if len(organisers) > 1
        else _organizer(fair.organisation),
        "url": settings.fair_url(fair),
    }
    if fair_state(fair) == "moved" and fair.reschedules:
        # The start before the latest move, as search engines ask of a rescheduled event.
        old = fair.reschedules[0].old_starts_at.astimezone(LOCAL_TIMEZONE)
        data["previousStartDate"] = old.date().isoformat() if is_all_day(fair) else old.isoformat()
    if hours := daily_hours(fair):
        # startDate/endDate stay the whole span; the schedule says it is held each day.
        data["eventSchedule"] = {
            "@type": "Schedule", "startDate": hours.first_day.isoformat(),
            "endDate": hours.last_day.isoformat(), "startTime": f"{hours.opens:%H:%M}",
            "endTime": f"{hours.closes:%H:%M}", "repeatFrequency": "P1D",
            "repeatCount": hours.days, "scheduleTimezone": LOCAL_TIMEZONE.key}
    if fair.is_free is not None:
        data["isAccessibleForFree"] = bool(fair.is_free)
    return data
