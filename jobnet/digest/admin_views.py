"""Admin pages of the digest: subscriptions, failed deliveries, preview of the next digest."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_login import login_required

from jobnet.accounts.session import acting_user
from jobnet.clock import utcnow
from jobnet.digest import administration

bp = Blueprint("digest_admin", __name__, url_prefix="/verwaltung/wochenuebersicht")


@bp.get("/")
@login_required
def index():
    user = acting_user()
    rows, failed = administration.overview(user)
    return render_template("digest/admin_index.html", rows=rows, failed=failed,
                           suspended=administration.suspended(user))


@bp.get("/<id:subscription_id>/vorschau")
@login_required
def preview(subscription_id: int):
    result = administration.preview(acting_user(), subscription_id, now=utcnow())
    if result is None:
        abort(404)
    subject, html = result
    # Shown in a sandboxed iframe (srcdoc), as a mail client would: no script, no page styles.
    return render_template("digest/admin_preview.html", subject=subject, html=html)
