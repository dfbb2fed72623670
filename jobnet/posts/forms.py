"""Forms for the four kinds of post, the list filter and the moderation reason."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    SelectField,
    StringField,
    SubmitField,
    TelField,
    TextAreaField,
    URLField,
)
from wtforms.validators import Email, Optional, ValidationError

from jobnet.clock import from_local, to_local
from jobnet.geo.districts import district_choices
from jobnet.posts.fields import FIELD_LABELS as L
from jobnet.posts.fields import KIND_FIELDS, fields_of
from jobnet.posts.formfields import (
    BaseForm,
    CoordinateField,
    DayField,
    LocalDateTimeField,
    MultiCheckboxField,
    WholeNumberField,
    at_least_one,
    given,
    http_url,
    is_http_url,
    length,
    not_in_past,
    number_range,
    phone_number,
    required,
)
from jobnet.posts.labels import KIND_LABELS, PROGRAMME_TYPE_LABELS, TARGET_GROUP_LABELS
from jobnet.posts.models import Kind, Post
from jobnet.posts.place_resolution import PlaceResolution
from jobnet.posts.queries import PostFilter

MAX_LINKS = 10
TEXT_MAX = 5000


def _target_group_options() -> list[tuple[str, Any]]:
    return list(TARGET_GROUP_LABELS.items())


def _links(form, field):
    lines = [line.strip() for line in (field.data or "").split("\n") if line.strip()]
    if len(lines) > MAX_LINKS:
        raise ValidationError(_l("Bitte höchstens %(max)d Links angeben.", max=MAX_LINKS))
    for line in lines:
        if not is_http_url(line):
            raise ValidationError(_l("Jede Zeile muss eine vollständige Adresse mit http:// oder "
                                     "https:// sein (höchstens 500 Zeichen)."))


class PostForm(PlaceResolution, BaseForm):
    """The fields every kind shares; subclasses add their own and their cross-field checks."""

    kind: Kind
    title = StringField(L["title"], [required(), length(3, 200)])
    summary = TextAreaField(L["summary"], [required(), length(10, 500)],
                            description=_l("10 bis 500 Zeichen, ohne Formatierung."))
    body = TextAreaField(L["body"], [Optional(), length(max=20000)], description=_l(
        "Formatierung mit Markdown: **fett**, *kursiv*, Listen mit Bindestrich am Zeilenanfang, "
        "Links als [Text](https://…). Höchstens 20.000 Zeichen."))
    place = StringField(L["place"], [required(), length(max=200)])
    latitude = CoordinateField(L["latitude"], [Optional(), number_range(-90, 90)], description=_l(
        "Wird aus dem Ort ermittelt; nur nötig, wenn JobNet den Ort nicht kennt. Dezimalgrad, "
        "z. B. 50,5558."))
    longitude = CoordinateField(L["longitude"], [Optional(), number_range(-180, 180)],
                                description=_l("Dezimalgrad, z. B. 9,6808."))
    contact_name = StringField(L["contact_name"], [Optional(), length(max=200)])
    contact_email = EmailField(L["contact_email"], [Optional(), length(max=254), Email(
        message=_l("Bitte geben Sie eine gültige E-Mail-Adresse ein."))])
    contact_phone = TelField(L["contact_phone"], [Optional(), length(max=50), phone_number])
    links = TextAreaField(L["links"], [Optional(), _links], description=_l(
        "Eine Adresse pro Zeile (mit https://), höchstens 10."))
    valid_until = DayField(L["valid_until"], [Optional(), not_in_past], description=_l(
        "Nach diesem Tag wird der Beitrag automatisch archiviert."))
    save_draft = SubmitField(_l("Als Entwurf speichern"))
    publish = SubmitField(_l("Veröffentlichen"))
    save = SubmitField(_l("Änderungen speichern"))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for field, message in self.cross_checks():
            field.errors.append(message)
            valid = False
        return valid

    def cross_checks(self):
        """(field, message) pairs for rules that involve more than one field."""
        lat, lon = self.latitude, self.longitude
        if not lat.errors and not lon.errors and (lat.data is None) != (lon.data is None):
            missing = lon if lon.data is None else lat
            yield missing, _l("Bitte geben Sie Breiten- und Längengrad zusammen an.")
            return
        yield from self.place_checks()

    def kind_fields(self) -> list:
        """The bound fields only this kind has, in display order."""
        return [self[name] for name in KIND_FIELDS[self.kind] if name in self]

    def to_data(self) -> dict[str, Any]:
        """The entered values keyed by model attribute, ready for the services."""
        data = {name: self[name].data for name in fields_of(self.kind) if name in self}
        data["links"] = [line.strip() for line in (data["links"] or "").split("\n") if line.strip()]
        data["confirm_outside"] = bool(self.confirm_outside.data)
        return data

    @classmethod
    def initial(cls, post: Post) -> dict[str, Any]:
        """Form values for editing an existing post."""
        data = {name: getattr(post, name) for name in fields_of(post.kind)}
        data["links"] = "\n".join(post.links or [])
        data["confirm_outside"] = post.outside_region
        return data


class SettlementForm(PostForm):
    kind = Kind.SETTLEMENT
    company = StringField(L["company"], [required(), length(max=200)])
    sector = StringField(L["sector"], [required(), length(max=200)])
    jobs_expected = WholeNumberField(L["jobs_expected"], [Optional(), number_range(1, 100_000)])
    hiring_start = DayField(L["hiring_start"], [Optional()])
    occupations = TextAreaField(L["occupations"], [Optional(), length(max=TEXT_MAX)])
    commute_radius_km = WholeNumberField(L["commute_radius_km"],
                                         [given(), number_range(5, 100)], default=30,
                                         description=_l("5 bis 100 km, üblich sind 30 km."))


class ProgrammeForm(PostForm):
    kind = Kind.PROGRAMME
    programme_name = StringField(L["programme_name"], [required(), length(max=200)])
    programme_type = SelectField(
        L["programme_type"], [required(_l("Bitte wählen Sie die Art aus."))],
        choices=lambda: [("", _l("– bitte wählen –")), *PROGRAMME_TYPE_LABELS.items()])
    duration_months = WholeNumberField(L["duration_months"], [Optional(), number_range(1, 120)])
    providers = TextAreaField(L["providers"], [Optional(), length(max=TEXT_MAX)])
    experience = TextAreaField(L["experience"], [Optional(), length(max=20000)])


class ProjectForm(PostForm):
    kind = Kind.PROJECT
    target_groups = MultiCheckboxField(L["target_groups"], [at_least_one(
        _l("Bitte wählen Sie mindestens eine Zielgruppe."))], choices=_target_group_options)
    period_start = DayField(L["period_start"], [Optional()])
    period_end = DayField(L["period_end"], [Optional()])
    funding = TextAreaField(L["funding"], [Optional(), length(max=TEXT_MAX)])
    instruments = TextAreaField(L["instruments"], [Optional(), length(max=TEXT_MAX)])
    participants = WholeNumberField(L["participants"], [Optional(), number_range(0, 1_000_000)])
    integrations = WholeNumberField(L["integrations"], [Optional(), number_range(0, 1_000_000)])

    def cross_checks(self):
        yield from super().cross_checks()
        start, end = self.period_start.data, self.period_end.data
        if start and end and end < start:
            yield self.period_end, _l("Das Ende darf nicht vor dem Beginn liegen.")
        people, placed = self.participants, self.integrations
        if placed.data is not None and not placed.errors and not people.errors:
            if people.data is None:
                yield people, _l("Bitte geben Sie auch die Zahl der Teilnehmenden an.")
            elif placed.data > people.data:
                yield placed, _l("Es kann nicht mehr Integrationen als Teilnehmende geben.")


class JobFairForm(PostForm):
    kind = Kind.FAIR
    starts_at = LocalDateTimeField(L["starts_at"], [given()],
                                   description=_l("Datum und Uhrzeit (deutsche Zeit)."))
    ends_at = LocalDateTimeField(L["ends_at"], [given()])
    venue = StringField(L["venue"], [required(), length(max=200)])
    organisers = TextAreaField(L["organisers"], [Optional(), length(max=2000)])
    registration_url = URLField(L["registration_url"], [Optional(), length(max=500), http_url])
    registration_deadline = DayField(L["registration_deadline"], [Optional()])
    exhibitors_expected = WholeNumberField(L["exhibitors_expected"],
                                           [Optional(), number_range(0, 10_000)])
    audience = TextAreaField(L["audience"], [Optional(), length(max=2000)])
    target_groups = MultiCheckboxField(L["target_groups"], choices=_target_group_options)
    is_free = BooleanField(L["is_free"], default=True)
    fee_note = StringField(L["fee_note"], [Optional(), length(max=200)],
                           description=_l("Nötig, wenn der Eintritt nicht frei ist."))

    def cross_checks(self):
        yield from super().cross_checks()
        start, end = self.starts_at.data, self.ends_at.data
        if start and end and end <= start:
            yield self.ends_at, _l("Das Ende muss nach dem Beginn liegen.")
        deadline = self.registration_deadline.data
        if start and deadline and deadline > start.date():
            yield self.registration_deadline, _l("Der Anmeldeschluss darf nicht nach dem "
                                                 "Beginn der Jobbörse liegen.")
        if not self.is_free.data and not self.fee_note.data and not self.fee_note.errors:
            yield self.fee_note, _l("Bitte beschreiben Sie die Kosten, wenn der Eintritt "
                                    "nicht frei ist.")

    def to_data(self) -> dict[str, Any]:
        data = super().to_data()
        for name in ("starts_at", "ends_at"):
            data[name] = from_local(data[name])
        if data["is_free"]:
            data["fee_note"] = None
        return data

    @classmethod
    def initial(cls, post: Post) -> dict[str, Any]:
        data = super().initial(post)
        for name in ("starts_at", "ends_at"):
            data[name] = to_local(getattr(post, name))
        return data


POST_FORMS: dict[str, type[PostForm]] = {
    Kind.SETTLEMENT: SettlementForm,
    Kind.PROGRAMME: ProgrammeForm,
    Kind.PROJECT: ProjectForm,
    Kind.FAIR: JobFairForm,
}


def post_form(kind: str, *, post: Post | None = None) -> PostForm:
    """The form of a kind: submitted values on POST, else the post's values or defaults."""
    form_class = POST_FORMS[kind]
    if request.method == "POST":
        return form_class()
    if post is not None:
        return form_class(data=form_class.initial(post))
    return form_class()


class PostFilterForm(BaseForm):
    """The list's filters, read from the query string; invalid values are ignored."""

    class Meta:
        csrf = False

    q = StringField(_l("Suche"), [Optional(), length(max=200)])
    kind = SelectField(_l("Art"), choices=lambda: [("", _l("Alle Arten")), *KIND_LABELS.items()],
                       default="")
    district = SelectField(_l("Landkreis / Stadt"), default="",
                           choices=lambda: [("", _l("Ganz Hessen")), *district_choices()])
    target_group = SelectField(_l("Zielgruppe"), default="", choices=lambda: [
        ("", _l("Alle Zielgruppen")), *TARGET_GROUP_LABELS.items()])
    date_from = DayField(_l("Von"), [Optional()])
    date_to = DayField(_l("Bis"), [Optional()])
    upcoming = BooleanField(_l("Nur kommende Jobbörsen"))

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
        return PostFilter(kind=self.kind.data or "", district=self.district.data or "",
                          target_group=self.target_group.data or "", date_from=self.date_from.data,
                          date_to=self.date_to.data, upcoming=bool(self.upcoming.data),
                          q=self.q.data or "")


class UnpublishForm(BaseForm):
    reason = TextAreaField(_l("Begründung für die Organisation"), [required(), length(10, 2000)])
    submit = SubmitField(_l("Beitrag zurückziehen"))

