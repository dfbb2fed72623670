"""The seam: columns per kind, the public record (no private contact), the strict filter."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from jobnet.opendata.records import BadFilter, columns, export_filter, public_record
from jobnet.posts.kinds import field_names
from jobnet.posts.models import Kind


def test_columns_start_with_the_shared_ones_and_use_the_field_names():
    names = [column.name for column in columns()]
    assert names[:6] == ["id", "kind", "url", "title", "summary", "organisation"]
    assert names[-3:] == ["state", "state_note", "co_organisers"]
    assert len(names) == len(set(names))
    for kind in Kind:
        own = [c.name for c in columns(kind)]
        assert set(own) - {"id", "kind", "url", "organisation", "district_name", "published_at",
                           "updated_at", "target_groups", "state", "state_note",
                           "co_organisers"} <= set(field_names(kind))
    assert "company" in [c.name for c in columns(Kind.SETTLEMENT)]
    assert "company" not in [c.name for c in columns(Kind.FAIR)]


def test_a_record_has_its_kinds_values_and_iso_dates(app, make_post):
    fair = make_post(Kind.FAIR, district_ags="06435", contact_name="Erika Muster",
                     contact_email="erika@example.org")
    with app.test_request_context():
        record = public_record(fair)
    assert list(record) == [c.name for c in columns(Kind.FAIR)]
    assert record["district_ags"] == "06435" and record["district_name"] == "Main-Kinzig-Kreis"
    assert record["state"] == "scheduled" and record["co_organisers"] == []
    assert record["starts_at"].endswith(("+01:00", "+02:00"))
    assert record["url"].endswith(f"/beitraege/{fair.id}")
    assert record["contact_name"] is None and record["contact_email"] is None


def test_contact_only_when_the_author_made_it_public(app, make_post):
    post = make_post(contact_name="Erika Muster", contact_email="erika@example.org",
                     contact_public=True)
    with app.test_request_context():
        assert public_record(post)["contact_email"] == "erika@example.org"


@pytest.mark.parametrize("args, word", [
    ({"farbe": "rot"}, "farbe"),
    ({"date_from": "31.02.2026"}, "date_from"),
    ({"district": "06999"}, "district"),
    ({"kind": "party"}, "kind"),
    ({"organisation": "12345"}, "organisation"),
    ({"date_from": "2026-05-01", "date_to": "2026-04-01"}, "date_to"),
])
def test_bad_filters_are_refused_with_the_filter_named(db, args, word):
    with pytest.raises(BadFilter, match=word):
        export_filter(MultiDict(args))


def test_repeated_filters_are_refused(db):
    with pytest.raises(BadFilter, match="einmal"):
        export_filter(MultiDict([("kind", "fair"), ("kind", "project")]))
