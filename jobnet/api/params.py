"""Reading the API's own query parameters (limit, cursor, bbox, datetime); bad values are a 400
with a German message, never a guess."""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, time, timedelta

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from jobnet.api.errors import BadRequest
from jobnet.api.paging import Area, Window
from jobnet.clock import LOCAL_TIMEZONE
from jobnet.opendata.records import BadFilter, export_filter
from jobnet.posts.queries import PostFilter

_DIGITS = re.compile(r"[0-9]{1,7}")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")
# RFC 3339 date-time (with offset or Z) or full date.
_INSTANT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,6})?"
                      r"(?:[Zz]|[+-][0-9]{2}:[0-9]{2})")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def single(args: MultiDict, name: str) -> str | None:
    """The parameter's only value; given twice it is refused."""
    values = args.getlist(name)
    if len(values) > 1:
        raise BadRequest(_("%(name)s darf nur einmal angegeben werden.", name=name))
    return values[0] if values else None


def limit(raw: str | None, *, default: int, maximum: int, clamp: bool = False) -> int:
    """A page size from 1 to maximum; with clamp, larger numbers mean the maximum."""
    if raw is None:
        return default
    if clamp and raw.isascii() and raw.isdigit() and len(raw.lstrip("0")) > len(str(maximum)):
        return maximum  # however many digits: OGC API Features asks for no error above it
    if not _DIGITS.fullmatch(raw) or int(raw) < 1 or (int(raw) > maximum and not clamp):
        raise BadRequest(_("limit muss eine ganze Zahl von 1 bis %(max)d sein.", max=maximum))
    return min(int(raw), maximum)


def post_filter(args: MultiDict, own: tuple[str, ...]) -> PostFilter:
    """The list's filters among the arguments, the endpoint's own parameters set aside."""
    rest = MultiDict([(k, v) for k, v in args.items(multi=True) if k not in own])
    for name in set(rest):
        single(rest, name)
    try:
        return export_filter(rest)
    except BadFilter as error:
        raise BadRequest(str(error)) from None


def bbox(raw: str | None) -> Area | None:
    """OGC bbox: west,south,east,north (or six numbers with heights) in WGS84 degrees."""
    if raw is None:
        return None
    parts = raw.split(",")
    message = _("bbox erwartet vier Zahlen: West,Süd,Ost,Nord in Grad (WGS84), "
                "z. B. 8.9,50.0,9.6,50.4.")
    if len(parts) not in (4, 6) or not all(_NUMBER.fullmatch(p.strip()) for p in parts):
        raise BadRequest(message)
    numbers = [float(p) for p in parts]
    if len(numbers) == 6:
        numbers = [numbers[0], numbers[1], numbers[3], numbers[4]]
    west, south, east, north = numbers
    if not all(math.isfinite(n) for n in numbers) or not (
            -180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise BadRequest(message)
    return Area(west, south, east, north)


def window(raw: str | None) -> Window | None:
    """OGC datetime: an instant, a date, or an interval start/end with ".." or "" for open."""
    if raw is None:
        return None
    message = _("datetime erwartet RFC-3339-Zeitpunkte oder ein Intervall, z. B. "
                "2027-03-01T00:00:00Z/2027-03-31T23:59:59Z oder 2027-03-01/..")
    pieces = raw.split("/")
    if len(pieces) == 1:
        start, end = _moment(pieces[0], message)
        return Window(start, end)
    if len(pieces) != 2 or all(p in ("", "..") for p in pieces):
        raise BadRequest(message)
    start = None if pieces[0] in ("", "..") else _moment(pieces[0], message)[0]
    end = None if pieces[1] in ("", "..") else _moment(pieces[1], message)[1]
    if start is not None and end is not None and end < start:
        raise BadRequest(_("datetime: das Ende liegt vor dem Beginn."))
    return Window(start, end)


def _moment(text: str, message: str) -> tuple[datetime, datetime]:
    """The first and last instant a date-time or a day (in Hesse) stands for."""
    try:
        if _INSTANT.fullmatch(text):
            instant = datetime.fromisoformat(text.upper()).astimezone(UTC)
            return instant, instant
        if _DAY.fullmatch(text):
            day = date.fromisoformat(text)
            first = datetime.combine(day, time(), LOCAL_TIMEZONE)
            after = datetime.combine(day + timedelta(days=1), time(), LOCAL_TIMEZONE)
            return first.astimezone(UTC), (after - timedelta(microseconds=1)).astimezone(UTC)
    except (ValueError, OverflowError):
        pass
    raise BadRequest(message)


def refuse_unknown(args: MultiDict, known: tuple[str, ...]) -> None:
    """A 400 for parameters the endpoint does not know (OGC API Features asks for it too)."""
    unknown = sorted(set(args) - set(known))
    if unknown:
        raise BadRequest(_("Unbekannter Parameter: %(names)s.", names=", ".join(unknown)))
    for name in known:
        single(args, name)


def format_json(raw: str | None) -> None:
    """OGC's `f`: only JSON (GeoJSON) is served."""
    if raw is not None and raw not in ("json", "geojson"):
        raise BadRequest(_("f: nur json wird angeboten."))
