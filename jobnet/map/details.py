"""A post's facts for its map popup, as plain JSON-ready data (the browser inserts it as text)."""

from __future__ import annotations

from datetime import datetime

from flask import url_for
from flask_babel import gettext as _

from jobnet.accounts.models import User
from jobnet.fairs import schedule
from jobnet.fairs.display import when_text
from jobnet.geo.catchments import InvalidRadius, circle_geojson
from jobnet.geo.districts import district_label
from jobnet.i18n import date_text
from jobnet.posts.facts import post_facts
from jobnet.posts.kinds import KIND_LABELS
from jobnet.posts.models import Kind, Post
from jobnet.posts.permissions import can_see_contact
from jobnet.posts.status import is_past_fair


def post_details(post: Post, viewer: User | None = None, *, now: datetime) -> dict:
    """Kind, title, place, district, organisation, date, link and the kind's popup facts; the
    contact too when the viewer may see it (a member, or the author made it public); a fair
    that is over says so ("past", and first among its facts, which the popup shows)."""
    past = is_past_fair(post, now)
    details = {
        "id": post.id,
        "kind": post.kind,
        "kind_label": str(KIND_LABELS.get(post.kind, post.kind)),
        "title": post.title,
        "place": post.place,
        "district": district_label(post.district_ags),
        "district_ags": post.district_ags or "",
        "organisation": post.organisation.name,
        # In Hesse's time (jobnet/clock.py), day first in both languages (jobnet/i18n.py).
        "date": date_text(post.published_at) if post.published_at else "",
        "url": url_for("posts.detail", post_id=post.id),
        # Which facts a popup shows is part of each kind's specification (posts/kinds.py).
        "facts": [{"name": f.name, "label": f.label, "text": f.text}
                  for f in post_facts(post, popup=True)],
        "past": past,
    }
    if past:
        details["facts"].insert(0, {"name": "past", "label": _("Status"), "text": _("vergangen")})
    # As facts, so the popup shows them as text like every other fact (static/js/map/popups.js).
    contact = [(name, label, value) for name, label, value in _contact(post) if value]
    if contact and can_see_contact(viewer, post):
        details["facts"] += [{"name": name, "label": label, "text": value}
                             for name, label, value in contact]
    elif contact:
        details["facts"].append({"name": "contact", "label": _("Kontakt"),
                                 "text": _("für Mitglieder des Netzwerks nach der Anmeldung")})
    if post.kind == Kind.SETTLEMENT:
        details["catchment"] = settlement_catchment(post)
    if post.kind == Kind.FAIR:
        # Moved and cancelled fairs say so in the popup, before their facts.
        details["state"] = schedule.fair_state(post)
        details["state_note"] = schedule.state_note(post) or ""
        details["when"] = when_text(post)
        if schedule.daily_hours(post):
            # Held each day at the same hours: one line, as the calendar and the fair's page
            # say it, instead of a start and an end that read as one block through the nights.
            times = [i for i, fact in enumerate(details["facts"])
                     if fact["name"] in ("starts_at", "ends_at")]
            if times:
                details["facts"][times[0]:times[-1] + 1] = [
                    {"name": "when", "label": _("Termin"), "text": details["when"]}]
    return details


def _contact(post: Post) -> list[tuple[str, str, str | None]]:
    return [("contact_name", _("Ansprechperson"), post.contact_name),
            ("contact_email", _("E-Mail"), post.contact_email),
            ("contact_phone", _("Telefon"), post.contact_phone)]


def settlement_catchment(post: Post) -> dict | None:
    """The commuting circle (GeoJSON) and the districts it touches with their shares."""
    if post.latitude is None or post.longitude is None:
        return None
    try:
        circle = circle_geojson(post.latitude, post.longitude, post.commute_radius_km)
    except InvalidRadius:
        return None  # an old row with an odd radius still gets its popup, just no circle
    return {
        "radius_km": post.commute_radius_km,
        "circle": circle,
        "districts": [{"ags": row.district_ags, "name": district_label(row.district_ags),
                       "share": row.share} for row in post.catchment],
    }
