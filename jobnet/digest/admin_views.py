"""Admin pages of the digest: subscriptions, failed deliveries, preview of the next digest."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template
from flask_login import login_required

from jobnet.accounts.session import acting_user
from jobnet.clock import utcnow
from jobnet.digest import administration
from jobnet.web.csp import mail_frame

bp = Blueprint("digest_admin", __name__, url_prefix="/verwaltung/wochenuebersicht")


@bp.get("/")
@login_required
def index():
    user = acting_user()
    rows, failed = administration.overview(user)
    return render_template("digest/admin_index.html", rows=rows, failed=failed,
                           suspended=administration.suspended(user))


def _preview(subscription_id: int) -> tuple[str, str]:
    result = administration.preview(acting_user(), subscription_id, now=utcnow())
    if result is None:
        abort(404)
    return result


@bp.get("/<id:subscription_id>/vorschau")
@login_required
def preview(subscription_id: int):
    subject, _html = _preview(subscription_id)
    return render_template("digest/admin_preview.html", subject=subject,
                           subscription_id=subscription_id)


@bp.get("/<id:subscription_id>/vorschau/mail")
@login_required
def preview_mail(subscription_id: int):
    # The page frames this as a mail client would show it: no script, no page styles. A frame of
    # its own rather than srcdoc, which would inherit the page's CSP and lose the mail's inline
    # styles (docs/architecture.md, "Security headers").
    return mail_frame(Response(_preview(subscription_id)[1], mimetype="text/html"))
