"""The job-fair calendar, its archive, the iCal feeds and a fair's own calendar file."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from hashlib import sha256

from flask import Blueprint, Response, current_app, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from jobnet import clock
from jobnet.content_version import current_version
from jobnet.fairs import calendar, ical, schedule
from jobnet.fairs.forms import FairFilterForm, FeedArgumentsError, feed_filter
from jobnet.fairs.structured_data import event_json_ld
from jobnet.geo.settings import geo_settings
from jobnet.i18n import date_text
from jobnet.posts.models import Kind
from jobnet.posts.views import visible_post
from jobnet.web import compression
from jobnet.web.page_cache import cached_for_visitors

bp = Blueprint("fairs", __name__)
ICS_TYPE = "text/calendar; charset=utf-8"
FEED_ARCHIVE_PER_PAGE = 20


@dataclass
class Feed:
    body: bytes
    etag: str
    last_modified: datetime | None
    # The body gzipped, made on the first request that accepts gzip and kept with the feed:
    # 1.2 MB become 48 kB, in 8 ms that a kept feed should not pay on every request.
    gzipped: bytes | None = field(default=None, compare=False)


def _settings() -> ical.FeedSettings:
    config = current_app.config
    return ical.FeedSettings(base_url=config["PUBLIC_BASE_URL"],
                             refresh=timedelta(hours=config["FAIRS_FEED_REFRESH_HOURS"]))


def _keep_cancelled() -> timedelta:
    return timedelta(days=current_app.config["FAIRS_FEED_KEEP_CANCELLED_DAYS"])


@bp.app_template_global()
def fair_json_ld(fair) -> dict:
    """schema.org Event data of a fair, for templates/fairs/_json_ld.html."""
    return event_json_ld(fair, _settings())


@bp.get("/jobboersen/")
@cached_for_visitors
def index():
    form = FairFilterForm(request.args)
    filter_valid = form.validate()
    post_filter = calendar.calendar_filter(form.to_filter())
    fairs = calendar.upcoming_fairs(post_filter, now=clock.utcnow())
    feed_args = post_filter.query_args()
    return render_template("fairs/index.html", form=form, filter_valid=filter_valid,
                           fairs=fairs, months=calendar.by_month(fairs),
                           as_list=request.args.get("ansicht") == "liste",
                           feed_args=feed_args)


@bp.get("/jobboersen/archiv")
@cached_for_visitors
def archive():
    form = FairFilterForm(request.args)
    filter_valid = form.validate()
    post_filter = calendar.calendar_filter(form.to_filter())
    pagination = calendar.past_fairs(post_filter, now=clock.utcnow(),
                                     page=request.args.get("page", 1, type=int),
                                     per_page=FEED_ARCHIVE_PER_PAGE)
    return render_template("fairs/archive.html", form=form, filter_valid=filter_valid,
                           pagination=pagination, filter_args=post_filter.query_args())


def _feed_key() -> tuple:
    # Like the page cache: the same URL, language and content within the same minute.
    return (request.full_path, str(get_locale()), current_version(recent=True),
            int(clock.utcnow().timestamp() // 60))


def _built_feed() -> Feed:
    post_filter, reminder = feed_filter(request.args)
    now = clock.utcnow()
    keep = _keep_cancelled()
    rows = calendar.feed_rows(post_filter, now=now, keep_cancelled=keep)
    events = ical.feed_events(rows, calendar.fairs_by_id, settings=_settings(),
                              reminder=reminder, keep_since=now - keep, now=now)
    body = ical.calendar_bytes(events, name=_("Jobbörsen %(in_region)s – JobNet",
                                                  in_region=geo_settings().names().in_region),
                               settings=_settings())
    return Feed(body, sha256(body).hexdigest()[:32], calendar.last_change(now=now))


@bp.get("/jobboersen/kalender.ics")
def feed():
    kept = current_app.extensions.setdefault("jobnet_fair_feeds", {})
    key = _feed_key()
    found = kept.get(key)
    if found is None:
        try:
            found = _built_feed()
        except FeedArgumentsError as error:
            return Response(f"{error}\n", status=400, mimetype="text/plain")
        if len(kept) > 200:
            kept.clear()  # keys hold the minute: old ones are never asked for again
        kept[key] = found
    return _ics_response(found, "jobboersen.ics")


@bp.get("/beitraege/<id:post_id>/kalender.ics")
def fair_file(post_id: int):
    fair = visible_post(post_id)
    if fair.kind != Kind.FAIR:
        return Response(_("Nur Jobbörsen haben einen Kalendereintrag.") + "\n", status=404,
                        mimetype="text/plain")
    body = ical.fair_calendar(fair, _settings(), reminder=request.args.get("erinnerung") == "1")
    return _ics_response(Feed(body, sha256(body).hexdigest()[:32], fair.updated_at),
                         f"jobboerse-{fair.id}.ics")


def _ics_response(feed: Feed, filename: str) -> Response:
    if compression.accepts_gzip() and len(feed.body) >= compression.MIN_SIZE:
        if feed.gzipped is None:
            feed.gzipped = compression.gzipped(feed.body)
        # Weak ETag: the gzip and identity variants are the same calendar (RFC 9110 8.8.1).
        response = Response(feed.gzipped, content_type=ICS_TYPE)
        response.headers["Content-Encoding"] = "gzip"
    else:
        response = Response(feed.body, content_type=ICS_TYPE)
    response.vary.add("Accept-Encoding")
    response.set_etag(feed.etag, weak=True)
    if feed.last_modified is not None:
        response.last_modified = min(feed.last_modified, clock.utcnow())
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.cache_control.public = True
    response.cache_control.max_age = 300
    return response.make_conditional(request)


@bp.app_template_global()
def fair_deadline_note(fair) -> str:
    """ "Anmeldung bis <date>" when a registration deadline is within a week, else ""."""
    day = schedule.deadline_soon(fair, clock.local_today(clock.utcnow()))
    return _("Anmeldung bis %(date)s", date=date_text(day)) if day else ""


def webcal_url(endpoint: str, **values) -> tuple[str, str]:
    """The https and the webcal:// address of a feed."""
    https = current_app.config["PUBLIC_BASE_URL"] + url_for(endpoint, **values)
    return https, "webcal://" + https.split("://", 1)[1]


bp.add_app_template_global(webcal_url, "webcal_url")
