"""Marks and contacts through the services: authorisation, bad input, races, history, limits."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from jobnet.accounts.models import Role
from jobnet.accounts.permissions import PermissionDenied
from jobnet.exchange import queries, services
from jobnet.exchange.models import ExchangeChange, ExchangeMark, MarkType
from jobnet.forms.errors import FieldError
from jobnet.posts import services as post_services
from jobnet.posts.models import Kind, Status
from tests.exchange.conftest import NOW, XSS


def _experience(net, **overrides):
    values = {"note": "Wir haben 2025 ein ähnliches Projekt mit 30 Plätzen gemacht.",
              "contact_user_id": net.offenbach_coordinator.id}
    return services.save_mark(net.offenbach_coordinator, net.project, MarkType.EXPERIENCE,
                              now=NOW, **{**values, **overrides})


def test_experience_mark_shows_on_the_post_with_whom_to_ask(network):
    _experience(network)
    seen = queries.post_exchange(network.project, network.kca_coordinator)
    assert [m.organisation.name for m in seen.experience] == ["Jobcenter Kreis Offenbach"]
    assert seen.experience[0].contact[0] == "Olaf Offen"
    assert seen.experience[0].contact[1] == network.offenbach_coordinator.email


def test_interest_list_only_for_the_posts_organisation(network, make_user, make_organisation):
    services.save_mark(network.offenbach_coordinator, network.project, MarkType.INTEREST, now=NOW)
    third = make_user(Role.COORDINATOR, organisation=make_organisation("Kreisjobcenter Fulda", "06631"))
    assert queries.post_exchange(network.project, network.kca_coordinator).interest[0].organisation \
        == network.offenbach
    seen_by_third = queries.post_exchange(network.project, third)
    assert seen_by_third.interest is None and seen_by_third.interest_count == 1


def test_editing_keeps_one_mark_and_records_old_and_new(network):
    _experience(network)
    _experience(network, note="Neue Notiz")
    marks = ExchangeMark.query.all()
    assert len(marks) == 1 and marks[0].note == "Neue Notiz"
    actions = [(c.action, c.old.get("note"), c.new.get("note")) for c in
               ExchangeChange.query.order_by(ExchangeChange.id)]
    assert actions[0][0] == "created"
    assert actions[1] == ("updated", "Wir haben 2025 ein ähnliches Projekt mit 30 Plätzen gemacht.",
                          "Neue Notiz")


def test_own_post_cannot_be_marked(network):
    with pytest.raises(PermissionDenied):
        services.save_mark(network.kca_coordinator, network.project, MarkType.INTEREST, now=NOW)


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.ADMIN])
def test_network_staff_do_not_mark_for_an_organisation(network, make_user, role):
    with pytest.raises(PermissionDenied):
        services.save_mark(make_user(role), network.project, MarkType.INTEREST, now=NOW)


def test_only_the_marking_organisation_removes_its_mark(network, make_user):
    mark = _experience(network)
    with pytest.raises(PermissionDenied):
        services.remove_mark(network.kca_coordinator, mark, now=NOW)
    colleague = make_user(Role.ORGANISER, organisation=network.offenbach)
    services.remove_mark(colleague, mark, now=NOW)
    assert ExchangeMark.query.count() == 0
    assert ExchangeChange.query.order_by(ExchangeChange.id.desc()).first().action == "removed"


@pytest.mark.parametrize("note, message", [("", "welche Erfahrung"), ("   ", "welche Erfahrung"),
                                           ("x" * 1001, "höchstens 1000")])
def test_empty_or_huge_notes_are_refused_at_the_field(network, note, message):
    with pytest.raises(FieldError) as refused:
        _experience(network, note=note)
    assert refused.value.field == "note" and message in refused.value.message
    assert ExchangeMark.query.count() == 0


def test_experience_needs_a_contact_of_the_own_organisation(network):
    with pytest.raises(FieldError) as refused:
        _experience(network, contact_user_id=None)
    assert refused.value.field == "contact_user_id"
    with pytest.raises(FieldError):
        _experience(network, contact_user_id=network.kca_coordinator.id)  # another organisation
    with pytest.raises(FieldError):
        _experience(network, contact_user_id=987654)  # unknown person
    mark = _experience(network, contact_user_id=None, contact_name="Frau Beispiel",
                       contact_phone="06074 000-0")
    assert mark.contact == ("Frau Beispiel", "", "06074 000-0")


@pytest.mark.parametrize("status", [Status.ARCHIVED, Status.UNPUBLISHED, Status.DRAFT])
def test_closed_posts_take_no_marks(network, make_post, status):
    post = make_post(Kind.PROJECT, author=network.kca_coordinator, status=status)
    with pytest.raises(services.PostClosed):
        services.save_mark(network.offenbach_coordinator, post, MarkType.INTEREST, now=NOW)


def test_a_mark_stays_removable_after_the_post_is_archived(network):
    mark = _experience(network)
    post_services.archive_post(network.project, user=network.kca_coordinator, now=NOW)
    services.remove_mark(network.offenbach_coordinator, mark, now=NOW)
    assert ExchangeMark.query.count() == 0


def test_two_members_marking_at_once_make_one_mark_and_a_clear_refusal(network, make_user, db,
                                                                         monkeypatch):
    colleague = make_user(Role.COORDINATOR, organisation=network.offenbach)
    # The second member's service saw no mark yet: the race the unique constraint settles.
    monkeypatch.setattr(services, "find_mark", lambda *args: None)
    services.save_mark(network.offenbach_coordinator, network.project, MarkType.INTEREST, now=NOW)
    with pytest.raises(services.AlreadyMarked):
        services.save_mark(colleague, network.project, MarkType.INTEREST, now=NOW)
    monkeypatch.undo()
    assert ExchangeMark.query.count() == 1
    db.session.execute(select(1))  # the session is usable again after the refusal


def test_deactivated_organisation_keeps_its_marks_hidden(network):
    _experience(network)
    network.offenbach.active = False
    from jobnet.extensions import db
    db.session.commit()
    assert queries.post_exchange(network.project, network.kca_coordinator).experience == []
    network.offenbach.active = True
    db.session.commit()
    assert len(queries.post_exchange(network.project, network.kca_coordinator).experience) == 1


def test_deleted_organisation_takes_its_marks_along_and_history_stays(network, db):
    _experience(network)
    db.session.delete(network.offenbach_coordinator)
    db.session.commit()
    db.session.delete(network.offenbach)
    db.session.commit()
    assert ExchangeMark.query.count() == 0
    change = ExchangeChange.query.one()
    assert change.organisation_id is None and change.organisation_name == "Jobcenter Kreis Offenbach"


def test_creating_marks_is_rate_limited(network, app, make_post):
    app.config["EXCHANGE_MARKS_PER_HOUR"] = 2
    try:
        posts = [make_post(Kind.PROJECT, author=network.kca_coordinator) for _ in range(3)]
        for post in posts[:2]:
            services.save_mark(network.offenbach_coordinator, post, MarkType.INTEREST, now=NOW)
        with pytest.raises(services.TooManyMarks) as refused:
            services.save_mark(network.offenbach_coordinator, posts[2], MarkType.INTEREST, now=NOW)
        assert timedelta(0) < refused.value.retry_after <= timedelta(hours=1)
        # Changing an existing mark is no new mark.
        services.save_mark(network.offenbach_coordinator, posts[0], MarkType.INTEREST, now=NOW,
                           note="mehr")
        later = NOW + timedelta(hours=1, seconds=1)
        services.save_mark(network.offenbach_coordinator, posts[2], MarkType.INTEREST, now=later)
    finally:
        app.config["EXCHANGE_MARKS_PER_HOUR"] = 30


def test_notes_are_stored_as_typed(network):
    assert _experience(network, note=XSS).note == XSS


def test_contacts_only_by_the_organisations_coordinators(network, make_user):
    with pytest.raises(PermissionDenied):
        services.save_contact(network.offenbach_coordinator, network.kca, None, now=NOW,
                              topic="integration", name="X", phone="1")
    with pytest.raises(PermissionDenied):
        services.save_contact(make_user(Role.ORGANISER, organisation=network.kca), network.kca,
                              None, now=NOW, topic="integration", name="X", phone="1")
    contact = services.save_contact(network.kca_coordinator, network.kca, None, now=NOW,
                                    topic="employer_service", name="Anna Arbeitgeber",
                                    function="Teamleitung AGS", phone="06051 000-1")
    profile = queries.organisation_profile(network.kca)
    assert dict(profile.contacts)["employer_service"] == [contact]
    services.save_contact(network.kca_coordinator, network.kca, contact, now=NOW,
                          topic="employer_service", name="Anna Arbeitgeber", phone="06051 000-2")
    services.remove_contact(network.kca_coordinator, contact, now=NOW)
    assert [c.action for c in queries.history(network.kca)] == ["removed", "updated", "created"]


@pytest.mark.parametrize("values, field", [
    ({"topic": "weather", "name": "X", "phone": "1"}, "topic"),
    ({"topic": "projects", "name": " ", "phone": "1"}, "name"),
    ({"topic": "projects", "name": "X"}, "phone"),
    ({"topic": "projects", "name": "X" * 201, "phone": "1"}, "name"),
])
def test_bad_contacts_are_refused_at_the_field(network, values, field):
    with pytest.raises(FieldError) as refused:
        services.save_contact(network.kca_coordinator, network.kca, None, now=NOW, **values)
    assert refused.value.field == field


def test_profile_lists_experience_and_published_posts(network):
    _experience(network)
    assert queries.organisation_profile(network.kca).posts == [network.project]
    assert [m.post for m in queries.organisation_profile(network.offenbach).experience] \
        == [network.project]


def test_directory_by_name_and_topic(network):
    services.save_contact(network.kca_coordinator, network.kca, None, now=NOW, topic="job_fairs",
                          name="Jana Jobbörse", email="jobboerse@example.org")
    assert queries.directory(q="offenbach") == [network.offenbach]
    assert queries.directory(topic="job_fairs") == [network.kca]
    assert queries.directory(q="100%_") == []


def test_mark_counts_by_district_follow_the_filters(network, make_post):
    _experience(network)
    services.save_mark(network.offenbach_coordinator, network.project, MarkType.INTEREST, now=NOW)
    from jobnet.posts.queries import PostFilter
    counts = queries.mark_counts_by_district(PostFilter(), now=NOW)
    assert counts == {"06435": {"experience": 1, "interest": 1}}
    assert queries.mark_counts_by_district(PostFilter(kind="fair"), now=NOW) == {}
    assert queries.mark_counts_by_district(PostFilter(district="06631"), now=NOW) == counts


def test_marks_leave_the_visitors_page_cache_alone(network):
    from jobnet.content_version import current_version

    before = current_version()
    _experience(network)
    assert current_version() == before  # visitors' pages carry no marks: nothing to render again
