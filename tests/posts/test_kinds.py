"""The kind specifications are the one home of a kind's fields: everything else follows them."""

from __future__ import annotations

import dataclasses
import html
from types import SimpleNamespace

import pytest
from flask import render_template

from jobnet.posts import forms, kinds
from jobnet.posts.facts import post_facts
from jobnet.posts.kinds import KINDS, FieldSpec, FieldType, field_names, required_by_database
from jobnet.posts.models import Kind
from jobnet.posts.search import search_text
from tests.posts.conftest import form_data

# Columns the services and the database keep themselves; no author types them.
BOOKKEEPING = {"id", "kind", "status", "search_text", "created_at", "updated_at", "published_at",
               "organisation_id", "author_id", "moderation_reason", "is_example",
               "version", "submission_key", "content_seq",
               # A fair's state is set by its own actions (jobnet/fairs/services.py), not typed.
               "state", "cancel_reason", "calendar_sequence"}


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_column_of_a_kind_has_a_specification_and_no_more(kind):
    columns = set(KINDS[kind].model.__mapper__.columns.keys()) - BOOKKEEPING
    specified = set(field_names(kind))
    assert columns - specified == set(), "columns without a FieldSpec"
    assert specified - columns <= {"target_groups"}  # a property over its own table


@pytest.mark.parametrize("kind", list(KINDS))
def test_what_the_database_requires_the_form_requires(kind):
    specs = {spec.name: spec for spec in kinds.field_specs(kind)}
    assert {name for name in required_by_database(kind) if not specs[name].required} == set()


def test_text_limits_come_from_the_model_columns():
    fair_form = forms.POST_FORMS[Kind.FAIR]
    venue_limits = [v.max for v in fair_form.venue.args[1] if hasattr(v, "max")]
    assert 200 in venue_limits  # JobFair.venue is String(200); the spec does not repeat it


@pytest.fixture()
def fair_with_accessibility(app, monkeypatch):
    """The job-fair kind as a reviewer would extend it: one FieldSpec more, nothing else."""
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", False)  # the form alone, without a page
    extra = FieldSpec("venue_accessibility", "Barrierefreiheit des Veranstaltungsorts",
                      FieldType.TEXT, max_length=500, popup=True, searchable=True)
    spec = KINDS[Kind.FAIR]
    monkeypatch.setitem(KINDS, Kind.FAIR, dataclasses.replace(spec, fields=(*spec.fields, extra)))
    monkeypatch.setitem(forms.POST_FORMS, Kind.FAIR, forms.build_post_form(Kind.FAIR))
    return extra


def test_a_new_field_reaches_form_detail_facts_popup_and_search(app, fair_with_accessibility):
    with app.test_request_context("/beitraege/neu/fair", method="POST", data={
            **form_data(Kind.FAIR), "venue_accessibility": "Rampe und Aufzug"}):
        form = forms.post_form(Kind.FAIR)
        assert form.validate(), form.errors
        assert form.to_data()["venue_accessibility"] == "Rampe und Aufzug"
        page = html.unescape(render_template("posts/form.html", form=form, kind="fair", post=None))
        assert "Barrierefreiheit des Veranstaltungsorts" in page
        assert 'name="venue_accessibility"' in page
    post = SimpleNamespace(kind="fair", venue_accessibility="Rampe und Aufzug",
                           **{name: None for name in field_names(Kind.FAIR)
                              if name != "venue_accessibility"})
    with app.test_request_context():
        popup = {fact.name: fact.text for fact in post_facts(post, popup=True)}
        detail = {fact.label: fact.text for fact in post_facts(post)}
    assert popup["venue_accessibility"] == "Rampe und Aufzug"
    assert detail["Barrierefreiheit des Veranstaltungsorts"] == "Rampe und Aufzug"
    assert "rampe und aufzug" in search_text(post)


def test_a_too_long_value_in_the_new_field_is_refused_with_a_message(app, fair_with_accessibility):
    with app.test_request_context("/beitraege/neu/fair", method="POST", data={
            **form_data(Kind.FAIR), "venue_accessibility": "x" * 501}):
        form = forms.post_form(Kind.FAIR)
        assert not form.validate()
        assert any("höchstens 500 Zeichen" in str(m) for m in form.venue_accessibility.errors)
