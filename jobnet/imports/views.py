"""/beitraege/import: upload a CSV, see every row checked, keep the right ones, confirm."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from wtforms import RadioField, SubmitField

from jobnet import clock
from jobnet.accounts.session import acting_user
from jobnet.forms.base import BaseForm
from jobnet.imports import services
from jobnet.imports.csvfile import MAX_ROWS, BadFile, importable
from jobnet.opendata.records import columns

bp = Blueprint("imports", __name__, url_prefix="/beitraege/import")


class UploadForm(BaseForm):
    submit = SubmitField(_l("Datei prüfen"))


class ConfirmForm(BaseForm):
    status = RadioField(_l("Die Beiträge speichern als"), default="draft", choices=[
        ("draft", _l("Entwürfe (noch nicht öffentlich)")),
        ("published", _l("veröffentlichte Beiträge"))])
    submit = SubmitField(_l("Ausgewählte Zeilen importieren"))


def _instance() -> str:
    return current_app.instance_path


@bp.route("/", methods=["GET", "POST"])
@login_required
def upload():
    form, problem = UploadForm(formdata=request.form or None), None
    if form.validate_on_submit():
        file = request.files.get("file")
        try:
            if file is None or not file.filename:
                raise BadFile(_("Bitte wählen Sie eine CSV-Datei aus."))
            token = services.upload(file.read(), file.filename, user=acting_user(),
                                    now=clock.utcnow(), instance_path=_instance())
            return redirect(url_for("imports.preview", token=token))
        except BadFile as error:
            problem = str(error)
    return render_template("imports/upload.html", form=form, problem=problem,
                           columns=[c for c in columns() if importable(c.name)],
                           max_rows=MAX_ROWS), 400 if problem else 200


@bp.route("/<token>", methods=["GET", "POST"])
@login_required
def preview(token: str):
    form, problem, user, now = ConfirmForm(), None, acting_user(), clock.utcnow()
    try:
        upload_, rows = services.preview(token, user=user, now=now, instance_path=_instance())
    except LookupError:
        abort(404)
    if form.validate_on_submit():
        keep = {int(v) for v in request.form.getlist("keep") if v.isdigit() and len(v) < 9}
        try:
            count = services.confirm(token, keep, publish=form.status.data == "published",
                                     user=user, now=now, instance_path=_instance())
            flash(_("%(n)d Beiträge importiert.", n=count), "success")
            return redirect(url_for("posts.my_organisation"))
        except services.NotAllRowsRight as refused:
            problem = _("Nichts wurde gespeichert: nicht alle ausgewählten Zeilen sind richtig.")
            by_line = {row.line: row for row in refused.rows}
            rows = [by_line.get(row.line, row) for row in rows]
        except BadFile as error:
            problem = str(error)
    elif request.method == "POST":
        problem = _("Nichts wurde gespeichert: das Formular war unvollständig.")
    return render_template("imports/preview.html", form=form, upload=upload_, rows=rows,
                           problem=problem), 400 if problem else 200
