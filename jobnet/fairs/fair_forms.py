"""The fair's own form parts: co-organisers, exhibitor rows (no JavaScript needed), move, cancel."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import BooleanField, FieldList, FormField, StringField, SubmitField, TextAreaField
from wtforms.validators import Optional

from jobnet.accounts.models import Organisation
from jobnet.clock import to_local
from jobnet.extensions import db
from jobnet.fairs.schedule import fair_days
from jobnet.forms.base import BaseForm
from jobnet.forms.fields import LocalDateTimeField, MultiCheckboxField
from jobnet.forms.validators import given, length, required
from jobnet.posts.models import JobFair

BLANK_EXHIBITOR_ROWS = 3  # empty rows under the filled ones; "more rows" adds as many again


class ExhibitorForm(BaseForm):
    """One exhibitor row; the outer form carries the CSRF token."""

    class Meta:
        csrf = False

    name = StringField(_l("Name"), [Optional(), length(max=200)])
    sector = StringField(_l("Branche"), [Optional(), length(max=200)])
    open_positions = StringField(_l("Offene Stellen (optional)"), [Optional(), length(max=500)])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # Optional() ends the name's own checks when it is empty, so the row is checked here.
        if not (self.name.data or "").strip() and ((self.sector.data or "").strip()
                                                   or (self.open_positions.data or "").strip()):
            self.name.errors = [*self.name.errors,
                                _l("Bitte geben Sie den Namen des Ausstellers an.")]
            return False
        return valid


def fair_extra_fields() -> dict[str, Any]:
    """Unbound fields the fair form adds to those of its specification."""
    return {
        "co_organiser_ids": MultiCheckboxField(
            _l("Mitveranstaltende Organisationen"), [Optional()], coerce=int, choices=[],
            description=_l("Ihre Koordinatorinnen, Koordinatoren und Veranstaltenden können die "
                           "Jobbörse ebenfalls bearbeiten, verschieben und absagen.")),
        "exhibitors": FieldList(FormField(ExhibitorForm), min_entries=0, max_entries=200),
        "more_exhibitors": SubmitField(_l("Weitere Ausstellerzeilen")),
    }


def organisation_choices(own_id: int | None, current: list[Organisation]) -> list[tuple[int, str]]:
    """Active organisations besides the posting one, plus co-organisers already named."""
    active = db.session.scalars(select(Organisation).where(
        Organisation.active.is_(True)).order_by(Organisation.name)).all()
    choices = [(o.id, o.name) for o in active if o.id != own_id]
    known = {o.id for o in active}
    choices += [(o.id, str(_l("%(name)s (nicht mehr aktiv)", name=o.name)))
                for o in current if o.id not in known]
    return choices


def exhibitor_rows(fair: JobFair | None) -> list[dict[str, str]]:
    """The fair's exhibitors as form rows, with blank rows to add more."""
    rows = [{"name": e.name, "sector": e.sector, "open_positions": e.open_positions}
            for e in (fair.exhibitors if fair else [])]
    return rows + [{}] * BLANK_EXHIBITOR_ROWS


def add_blank_rows(form) -> None:
    for _ in range(BLANK_EXHIBITOR_ROWS):
        form.exhibitors.append_entry()


def exhibitors_data(form) -> list[dict[str, str]]:
    return [row for row in form.exhibitors.data if (row.get("name") or "").strip()]


class MoveForm(BaseForm):
    starts_at = LocalDateTimeField(_l("Neuer Beginn"), [given()])
    ends_at = LocalDateTimeField(_l("Neues Ende"), [given()],
                                 description=_l("Bei mehrtägigen Jobbörsen der letzte Tag."))
    all_day = BooleanField(_l("Ganztägig (ohne Uhrzeiten)"))
    note = TextAreaField(_l("Hinweis (optional)"), [Optional(), length(max=2000)],
                         description=_l("Zum Beispiel der Grund für die Verschiebung."))
    submit = SubmitField(_l("Jobbörse verschieben"))

    @classmethod
    def for_fair(cls, fair: JobFair) -> MoveForm:
        _first, last = fair_days(fair)
        end = to_local(fair.ends_at)
        if fair.all_day:
            end = end.replace(year=last.year, month=last.month, day=last.day)
        return cls(data={"starts_at": to_local(fair.starts_at), "ends_at": end,
                         "all_day": fair.all_day})


class CancelForm(BaseForm):
    reason = TextAreaField(_l("Grund der Absage"), [required(), length(5, 2000)],
                           description=_l("Wird auf der Seite der Jobbörse, in der Karte und in "
                                          "der nächsten Übersicht gezeigt."))
    submit = SubmitField(_l("Jobbörse absagen"))
