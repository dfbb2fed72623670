"""Member pages of notifications: the list (unread count in the header), the mail frequency,
following and muting, and the one-click unsubscribe of notification mails (RFC 8058)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import func, select, update
from werkzeug.exceptions import NotFound

from jobnet import clock
from jobnet.accounts.session import acting_user
from jobnet.accounts.tokens import LinkError
from jobnet.exchange import follows
from jobnet.exchange.notification_mail import read_unsubscribe_token, setting_of
from jobnet.exchange.notification_models import MailFrequency, Notification, Target
from jobnet.exchange.notification_text import line
from jobnet.exchange.permissions import require_member
from jobnet.exchange.thread_forms import FollowForm, FrequencyForm
from jobnet.extensions import csrf, db
from jobnet.posts.permissions import is_member
from jobnet.web.redirects import safe_next

bp = Blueprint("notifications", __name__, url_prefix="/benachrichtigungen")
FREQUENCY_LABELS = {MailFrequency.IMMEDIATELY: _l("sofort"), MailFrequency.DAILY: _l("täglich"),
                    MailFrequency.WEEKLY: _l("wöchentlich"),
                    MailFrequency.NEVER: _l("nie (nur in JobNet)")}
TARGET_LABELS = {Target.POST: _l("Beitrag"), Target.THREAD: _l("Frage"),
                 Target.ORGANISATION: _l("Organisation"), Target.DISTRICT: _l("Landkreis"),
                 Target.TOPIC: _l("Thema")}


@bp.after_request
def no_referrer_on_token_pages(response):
    if request.endpoint == "notifications.unsubscribe":
        response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.app_context_processor
def unread_notifications() -> dict:
    def unread() -> int:
        user = current_user
        if not is_member(user):
            return 0
        return db.session.scalar(select(func.count(Notification.id)).where(
            Notification.user_id == user.id, Notification.read_at.is_(None))) or 0
    return {"unread_notifications": unread, "notification_line": line,
            "follow_state": lambda target, key: _follow_state(target, str(key))}


def _follow_state(target: str, key: str) -> str:
    row = follows.find(current_user, target, key) if is_member(current_user) else None
    return "none" if row is None else ("muted" if row.muted else "following")


def _bad_request(message: str):
    return render_template("errors/error.html", code=400, title=_("Ungültige Eingabe"),
                           message=message, back=url_for(".index")), 400


@bp.get("/")
@login_required
def index():
    user = require_member(acting_user())
    items = list(db.session.scalars(select(Notification).where(Notification.user_id == user.id)
                                    .order_by(Notification.id.desc()).limit(200)))
    return render_template("exchange/notifications.html", items=items,
                           follows=follows.followed(user),
                           frequency=setting_of(user).frequency, FREQUENCIES=FREQUENCY_LABELS,
                           TARGETS=TARGET_LABELS)


@bp.post("/gelesen")
@login_required
def read_all():
    user = require_member(acting_user())
    db.session.execute(update(Notification).where(Notification.user_id == user.id,
                                                  Notification.read_at.is_(None))
                       .values(read_at=clock.utcnow()))
    db.session.commit()
    return redirect(url_for(".index"))


@bp.get("/<id:notification_id>")
@login_required
def open_one(notification_id: int):
    """Mark the notification read and go where it points."""
    user = require_member(acting_user())
    found = db.session.get(Notification, notification_id)
    if found is None or found.user_id != user.id:
        raise NotFound(_("Diese Benachrichtigung gibt es nicht."))
    found.read_at = found.read_at or clock.utcnow()
    db.session.commit()
    return redirect(found.link)


@bp.post("/mails")
@login_required
def frequency():
    user = require_member(acting_user())
    form = FrequencyForm()
    form.frequency.choices = list(FREQUENCY_LABELS.items())
    if not form.validate_on_submit():
        return _bad_request(_("Bitte wählen Sie aus der Liste."))
    setting_of(user).frequency = form.frequency.data
    db.session.commit()
    flash(_("Gespeichert."), "success")
    return redirect(url_for(".index"))


@bp.post("/folgen")
@login_required
def follow():
    """Follow, mute or stop following; back to the page the button was on."""
    user = require_member(acting_user())
    form = FollowForm()
    target, key, action = form.target.data or "", form.key.data or "", form.action.data or ""
    if (not form.validate_on_submit() or action not in ("follow", "mute", "unfollow")
            or target not in Target.__members__.values()):
        return _bad_request(_("Das können Sie nicht folgen."))
    try:
        follows.set_follow(user, target, key, follow=action != "unfollow", muted=action == "mute",
                           now=clock.utcnow())
    except follows.UnknownTarget:
        raise NotFound(_("Das gibt es nicht (mehr).")) from None
    flash({"follow": _("Sie folgen jetzt."), "mute": _("Stummgeschaltet."),
           "unfollow": _("Sie folgen nicht mehr.")}[action], "success")
    return redirect(safe_next(form.next.data) or url_for(".index"))


@bp.errorhandler(LinkError)
def link_error(error: LinkError):
    return render_template("digest/link_error.html", reason=error.reason), error.status


@bp.route("/abbestellen/<token>", methods=["GET", "POST"])
@csrf.exempt  # RFC 8058: mail providers POST without cookies or form token; the token authenticates
def unsubscribe(token: str):
    # Only a POST unsubscribes; GET and HEAD (link scanners) only show the button.
    setting = read_unsubscribe_token(token, clock.utcnow())
    if request.method != "POST":
        return render_template("exchange/unsubscribe.html", token=token)
    setting.frequency = MailFrequency.NEVER
    db.session.commit()
    return render_template("exchange/unsubscribed.html")
