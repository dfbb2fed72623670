"""The post forms, built from the kind specifications, plus the list filter and moderation.

Each kind's form is derived from jobnet/posts/kinds.py; only rules that involve several fields
are written here (docs/architecture.md, "Posts").
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterator
from datetime import datetime, time
from typing import Any

from flask import request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import (
    HiddenField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import Optional, ValidationError

from jobnet.clock import from_local, to_local, utcnow
from jobnet.fairs.fair_forms import (
    BLANK_EXHIBITOR_ROWS,
    add_blank_rows,
    exhibitor_rows,
    exhibitors_data,
    fair_extra_fields,
    organisation_choices,
)
from jobnet.fairs.rules import all_day_span, time_problems
from jobnet.fairs.schedule import fair_days
from jobnet.forms.base import BaseForm
from jobnet.forms.fields import (
    DayField,
    SelectField,
    SwitchField,
)
from jobnet.forms.validators import (
    length,
    required,
)
from jobnet.geo.districts import current_key, grouped_district_choices, region_states
from jobnet.geo.settings import geo_settings
from jobnet.posts.filter_organisations import OrganisationFilterField
from jobnet.posts.kinds import KIND_LABELS, KINDS, FieldSpec, FieldType, field_specs
from jobnet.posts.labels import TARGET_GROUP_LABELS
from jobnet.posts.models import Kind, Post
from jobnet.posts.place_form import PlaceFields
from jobnet.posts.queries import PostFilter
from jobnet.posts.spec_fields import form_field
from jobnet.rings.access import rings_of


class PostForm(PlaceFields, BaseForm):
    """The fields every kind shares; build_post_form adds the kind's own from its specification."""

    kind: Kind
    editing = False  # set by post_form: the edit form carries the version, the create form a key
    save_draft = SubmitField(_l("Als Entwurf speichern"))
    publish = SubmitField(_l("Veröffentlichen"))
    save = SubmitField(_l("Änderungen speichern"))
    # Concurrent saves (docs/architecture.md, "Concurrent edits"): the version the editor
    # loaded, and the create form's one-time key against duplicate posts.
    version = HiddenField()
    submission_key = HiddenField(default=lambda: secrets.token_urlsafe(24))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for field, message in [*self.cross_checks(), *self.hidden_checks()]:
            field.errors.append(message)
            valid = False
        return valid

    def hidden_checks(self) -> Iterator[tuple[Any, Any]]:
        """Hidden fields a user cannot fix: the page has to be loaded again."""
        reload = _l("Das Formular ist unvollständig oder veraltet. Bitte laden Sie die Seite neu; "
                    "kopieren Sie vorher Ihre Eingaben, wenn Sie sie behalten möchten.")
        if self.editing and self.expected_version() is None:
            yield self.version, reload
        key = self.submission_key.data
        if not self.editing and key and not _KEY_RE.fullmatch(key):
            yield self.submission_key, reload

    def expected_version(self) -> int | None:
        """The version of the post the editor loaded, or None when it is missing or garbled."""
        value = self.version.data or ""
        return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None

    def show_version(self, version: int) -> None:
        """Carry a newer version in the form: saving again then saves over that version."""
        self.version.data = str(version)
        self.version.raw_data = [str(version)]

    def cross_checks(self) -> Iterator[tuple[Any, Any]]:
        """(field, message) pairs for rules that involve more than one field."""
        lat, lon = self.latitude, self.longitude
        if not lat.errors and not lon.errors and (lat.data is None) != (lon.data is None):
            missing = lon if lon.data is None else lat
            yield missing, _l("Bitte geben Sie Breiten- und Längengrad zusammen an.")
        else:
            yield from self.place_checks()
        yield from CROSS_CHECKS.get(self.kind, _no_checks)(self)

    def kind_fields(self) -> list:
        """The bound fields only this kind has, in display order."""
        return [self[spec.name] for spec in KINDS[self.kind].fields]

    @property
    def wants_rerender(self) -> bool:
        """A button that only changes the form (check the place, more rows), not a save."""
        more = getattr(self, "more_exhibitors", None)
        return bool(self.check_place.data or (more is not None and more.data))

    def to_data(self) -> dict[str, Any]:
        """The entered values keyed by model attribute, ready for the services."""
        data = {spec.name: _to_model(spec, self[spec.name].data) for spec in _typed(self.kind)}
        data["confirm_outside"] = bool(self.confirm_outside.data)
        if self.kind == Kind.FAIR:
            if data["is_free"]:
                data["fee_note"] = None  # a note about costs means nothing for a free fair
            data.update(_fair_times(self))
            data["co_organiser_ids"] = list(self.co_organiser_ids.data or [])
            data["exhibitors"] = exhibitors_data(self)
        return data

    @classmethod
    def initial(cls, post: Post) -> dict[str, Any]:
        """Form values for editing an existing post."""
        data = {spec.name: _to_form(spec, getattr(post, spec.name)) for spec in _typed(post.kind)}
        data["confirm_outside"] = post.outside_region
        if post.kind == Kind.FAIR:
            if post.all_day:  # the form shows the last day, the model keeps the day after
                data["ends_at"] = datetime.combine(fair_days(post)[1], time())
            data["co_organiser_ids"] = [row.organisation_id for row in post.co_organiser_rows]
            data["exhibitors"] = exhibitor_rows(post)
        return data


_KEY_RE = re.compile(r"[A-Za-z0-9_-]{16,64}")


def _typed(kind: str) -> list[FieldSpec]:
    return [spec for spec in field_specs(kind) if not spec.derived]


def _to_model(spec: FieldSpec, value: Any) -> Any:
    if spec.type == FieldType.LINKS:
        return [line.strip() for line in (value or "").split("\n") if line.strip()]
    if spec.type == FieldType.DATETIME and value is not None:
        return from_local(value)
    return value


def _to_form(spec: FieldSpec, value: Any) -> Any:
    if spec.type == FieldType.LINKS:
        return "\n".join(value or [])
    if spec.type == FieldType.DATETIME and value is not None:
        return to_local(value)
    return value


def _no_checks(form: PostForm) -> Iterator[tuple[Any, Any]]:
    return iter(())


def _project_checks(form: PostForm) -> Iterator[tuple[Any, Any]]:
    start, end = form.period_start.data, form.period_end.data
    if start and end and end < start:
        yield form.period_end, _l("Das Ende darf nicht vor dem Beginn liegen.")
    people, placed = form.participants, form.integrations
    if placed.data is not None and not placed.errors and not people.errors:
        if people.data is None:
            yield people, _l("Bitte geben Sie auch die Zahl der Teilnehmenden an.")
        elif placed.data > people.data:
            yield placed, _l("Es kann nicht mehr Integrationen als Teilnehmende geben.")


def _fair_times(form: PostForm) -> dict[str, Any]:
    # All-day fairs: only the dates count (local midnight to midnight after the last day).
    start, end = form.starts_at.data, form.ends_at.data
    if start is None or end is None:
        return {}
    if form.all_day.data:
        starts_at, ends_at = all_day_span(start.date(), end.date())
    else:
        starts_at, ends_at = from_local(start), from_local(end)
    return {"starts_at": starts_at, "ends_at": ends_at}


def _fair_checks(form: PostForm) -> Iterator[tuple[Any, Any]]:
    if not form.starts_at.errors and not form.ends_at.errors:
        times = _fair_times(form)
        for name, message in time_problems(
                times.get("starts_at"), times.get("ends_at"), now=utcnow(),
                exhibitor_deadline=form.registration_deadline.data,
                visitor_deadline=form.visitor_registration_deadline.data):
            if name == "ends_at" and form.all_day.data:
                message = _l("Der letzte Tag darf nicht vor dem ersten liegen.")
            yield form[name], message
    if not form.is_free.data and not form.fee_note.data and not form.fee_note.errors:
        yield form.fee_note, _l("Bitte beschreiben Sie die Kosten, wenn der Eintritt "
                                "nicht frei ist.")


CROSS_CHECKS: dict[str, Callable[[PostForm], Iterator[tuple[Any, Any]]]] = {
    Kind.PROJECT: _project_checks,
    Kind.FAIR: _fair_checks,
}


def build_post_form(kind: str) -> type[PostForm]:
    """The form class of a kind: PostForm plus a field for every typed field of the kind."""
    model = KINDS[kind].model
    fields = {spec.name: form_field(spec, model) for spec in _typed(kind)}
    if kind == Kind.FAIR:
        fields.update(fair_extra_fields())
    return type(f"{model.__name__}Form", (PostForm,), {"kind": Kind(kind), **fields})


POST_FORMS: dict[str, type[PostForm]] = {kind: build_post_form(kind) for kind in KINDS}


def post_form(kind: str, *, post: Post | None = None) -> PostForm:
    """The form of a kind: submitted values on POST, else the post's values or defaults."""
    form_class = POST_FORMS[kind]
    if request.method == "POST":
        form = form_class()
    elif post is not None:
        form = form_class(data={**form_class.initial(post), "version": str(post.version)})
    else:
        form = form_class()
    form.editing = post is not None
    if kind == Kind.FAIR:
        _prepare_fair_form(form, post)
    return form


def _prepare_fair_form(form: PostForm, post: Post | None) -> None:
    current = [row.organisation for row in post.co_organiser_rows] if post else []
    own = post.organisation_id if post else getattr(current_user, "organisation_id", None)
    form.co_organiser_ids.choices = organisation_choices(own, current)
    if request.method != "POST" and post is None:
        for _ in range(BLANK_EXHIBITOR_ROWS):
            form.exhibitors.append_entry()
    elif request.method == "POST" and form.more_exhibitors.data:
        add_blank_rows(form)


class DistrictSelectField(SelectField):
    """A district select that takes a former key (a saved link from before a merger) as the
    district it merged into."""

    def process_formdata(self, valuelist):
        super().process_formdata([current_key(value) for value in valuelist])


class PostFilterForm(BaseForm):
    """The list's filters, read from the query string; invalid values are ignored."""

    class Meta:
        csrf = False

    q = StringField(_l("Suche"), [Optional(), length(max=200)])
    kind = SelectField(_l("Art"), choices=lambda: [("", _l("Alle Arten")), *KIND_LABELS.items()],
                       default="")
    state = SelectField(_l("Bundesland"), default="",
                        choices=lambda: [("", _l("Alle Länder")), *region_states()])
    district = DistrictSelectField(
        _l("Landkreis / Stadt"), default="",
        choices=lambda: grouped_district_choices(("", geo_settings().names().whole_capitalised)))
    neighbours = SwitchField(_l("mit den Nachbarkreisen"))
    target_group = SelectField(_l("Zielgruppe"), default="", choices=lambda: [
        ("", _l("Alle Zielgruppen")), *TARGET_GROUP_LABELS.items()])
    # Announced or co-organised by (PostFilter.organisation); the calendar offers fair organisers.
    organisation = OrganisationFilterField(_l("Organisation"))
    date_from = DayField(_l("Von"), [Optional()])
    date_to = DayField(_l("Bis"), [Optional()])
    upcoming = SwitchField(_l("Nur kommende Jobbörsen"))
    past = SwitchField(_l("Vergangene Jobbörsen anzeigen"))
    # Only the reader's own rings are choices: for visitors any ring is an invalid value and
    # dropped (exports and the API answer 400), so public pages never reveal a ring's members.
    ring = SelectField(_l("Vergleichsring"), default="", validate_choice=False, choices=lambda: [
        ("", _l("Alle Organisationen")),
        *((str(ring.id), ring.name) for ring in rings_of(current_user))])

    def validate_ring(self, field) -> None:
        if field.data and field.data not in {str(choice[0]) for choice in field.iter_choices()}:
            # The same words for a ring that does not exist and one the reader may not see.
            raise ValidationError(_l("Diesen Vergleichsring gibt es nicht, oder Sie gehören "
                                     "nicht dazu."))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        start, end = self.date_from.data, self.date_to.data
        if start and end and end < start and not self.date_to.errors:
            self.date_to.errors.append(_l("„Bis“ liegt vor „Von“."))
            valid = False
        # A filter the user got wrong is dropped, not fatal: the list still shows.
        for field in self:
            if field.errors:
                field.data = field.default
        return valid

    def to_filter(self) -> PostFilter:
        """The valid filter values (invalid ones were reset to their defaults)."""
        district = self.district.data or ""
        return PostFilter(kind=self.kind.data or "", state=self.state.data or "", district=district,
                          neighbours=bool(district and self.neighbours.data),
                          target_group=self.target_group.data or "", date_from=self.date_from.data,
                          date_to=self.date_to.data, upcoming=bool(self.upcoming.data),
                          past=bool(self.past.data), q=self.q.data or "",
                          organisation=int(self.organisation.data) if self.organisation.data else None,
                          ring=int(self.ring.data) if self.ring.data else None)


def requested_filter() -> tuple[PostFilterForm, bool]:
    """The filter form of the request's query string and whether all of it was valid (invalid
    values read as "any", never as an error)."""
    form = PostFilterForm(request.args)
    return form, form.validate()


class UnpublishForm(BaseForm):
    reason = TextAreaField(_l("Begründung für die Organisation"), [required(), length(10, 2000)])
    submit = SubmitField(_l("Beitrag zurückziehen"))
