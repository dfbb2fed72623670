"""Fairs as services see them: co-organisers' rights, moving, cancelling, the calendar sequence."""

from __future__ import annotations

from datetime import timedelta

import pytest

from jobnet.accounts.models import Role
from jobnet.accounts.permissions import PermissionDenied
from jobnet.fairs import schedule
from jobnet.fairs.rules import FairInputError
from jobnet.fairs.services import FairStateError, cancel_fair, move_fair
from jobnet.posts import permissions, queries, services
from jobnet.posts.models import FairReschedule, Kind, PostChange
from tests.posts.conftest import NOW


@pytest.fixture()
def partners(make_organisation, make_user):
    """Two co-organising organisations with an organiser each, and a stranger."""
    chamber, agency = make_organisation("IHK Frankfurt"), make_organisation("Agentur für Arbeit")
    return (make_user(Role.ORGANISER, organisation=chamber),
            make_user(Role.COORDINATOR, organisation=agency), make_user(Role.ORGANISER))


@pytest.fixture()
def fair(make_post, make_user, partners):
    author = make_user(Role.ORGANISER)
    ids = [partners[0].organisation_id, partners[1].organisation_id]
    return make_post(Kind.FAIR, author=author, co_organiser_ids=ids, exhibitors=[
        {"name": "Fraport AG", "sector": "Luftverkehr", "open_positions": "Bodenverkehrsdienste"},
        {"name": "", "sector": ""}, {"name": "Lufthansa Technik", "sector": "Wartung"}])


def test_co_organisers_edit_and_see_history_strangers_do_not(fair, partners):
    chamber_user, agency_user, stranger = partners
    assert [o.name for o in schedule.co_organisers(fair)] == ["Agentur für Arbeit",
                                                               "IHK Frankfurt"]
    for user in (chamber_user, agency_user):
        assert permissions.can_edit(user, fair) and permissions.can_see_history(user, fair)
    assert not permissions.can_edit(stranger, fair)
    assert not permissions.can_see_history(stranger, fair)
    services.update_post(fair, {"venue": "Terminal 1, Ebene 2"}, user=chamber_user, now=NOW)
    assert fair.venue == "Terminal 1, Ebene 2"
    with pytest.raises(PermissionDenied):
        services.update_post(fair, {"venue": "Anderswo"}, user=stranger, now=NOW)
    with pytest.raises(PermissionDenied):
        move_fair(fair, user=stranger, now=NOW, starts_at=fair.starts_at + timedelta(days=7),
                  ends_at=fair.ends_at + timedelta(days=7))
    assert fair.venue == "Terminal 1, Ebene 2"


def test_exhibitor_rows_are_saved_in_order_without_blank_rows(fair):
    assert [(e.name, e.sector, e.open_positions) for e in fair.exhibitors] == [
        ("Fraport AG", "Luftverkehr", "Bodenverkehrsdienste"), ("Lufthansa Technik", "Wartung", "")]
    created = fair.changes[-1]
    assert created.fields["co_organisers"][1] == ["Agentur für Arbeit", "IHK Frankfurt"]


def test_a_move_keeps_the_fair_records_old_and_new_dates_and_raises_the_sequence(
        fair, partners, db):
    old_start, old_end, sequence = fair.starts_at, fair.ends_at, schedule.calendar_sequence(fair)
    move_fair(fair, user=partners[1], now=NOW, starts_at=old_start + timedelta(days=7),
              ends_at=old_end + timedelta(days=7), note="Halle belegt")
    db.session.expire_all()
    record = db.session.query(FairReschedule).one()
    assert (record.old_starts_at, record.new_starts_at) == (old_start, old_start + timedelta(days=7))
    assert schedule.fair_state(fair) == "moved"
    assert schedule.calendar_sequence(fair) == sequence + 1
    assert schedule.state_note(fair).startswith("Verschoben vom")
    change = db.session.query(PostChange).filter_by(action="moved").one()
    assert change.fields["starts_at"][0] == old_start.isoformat() and change.reason == "Halle belegt"


def test_an_edit_of_time_or_venue_raises_the_sequence_a_text_edit_does_not(fair, partners):
    before = schedule.calendar_sequence(fair)
    services.update_post(fair, {"audience": "Alle"}, user=partners[0], now=NOW)
    assert schedule.calendar_sequence(fair) == before
    services.update_post(fair, {"venue": "Halle 2"}, user=partners[0], now=NOW)
    assert schedule.calendar_sequence(fair) == before + 1


def test_a_cancelled_fair_stays_with_its_reason_and_refuses_changes(fair, partners):
    cancel_fair(fair, user=partners[0], now=NOW, reason="Zu wenige Aussteller")
    assert schedule.fair_state(fair) == "cancelled" and fair.status == "published"
    assert schedule.state_note(fair) == "Abgesagt: Zu wenige Aussteller"
    assert permissions.can_view(None, fair)
    sequence = schedule.calendar_sequence(fair)
    with pytest.raises(FairStateError):
        services.update_post(fair, {"venue": "Halle 3"}, user=partners[0], now=NOW)
    with pytest.raises(FairStateError):
        move_fair(fair, user=partners[0], now=NOW, starts_at=fair.starts_at + timedelta(days=1),
                  ends_at=fair.ends_at + timedelta(days=1))
    assert schedule.calendar_sequence(fair) == sequence and fair.venue != "Halle 3"


@pytest.mark.parametrize("shift, message", [
    ((timedelta(days=3), timedelta(days=1)), "Ende muss nach dem Beginn"),
    ((timedelta(days=7 * 365), timedelta(days=7 * 365, hours=4)), "mehr als 5 Jahre"),
    ((timedelta(days=-30), timedelta(days=-30, hours=4)), "Vergangenheit"),
    ((timedelta(0), timedelta(hours=6)), "dieselben"),
])
def test_bad_moves_are_refused_with_a_message(fair, partners, shift, message):
    start = fair.starts_at
    with pytest.raises(FairInputError, match=message):
        move_fair(fair, user=partners[0], now=NOW, starts_at=start + shift[0],
                  ends_at=start + shift[1])
    assert schedule.fair_state(fair) == "scheduled"


def test_a_deactivated_organisation_is_not_added_but_stays_where_it_was(fair, partners, db,
                                                                        make_organisation):
    gone = make_organisation("Aufgelöster Verein", active=False)
    ids = [partners[0].organisation_id, partners[1].organisation_id]
    with pytest.raises(FairInputError, match="nicht mehr aktiv"):
        services.update_post(fair, {"co_organiser_ids": [*ids, gone.id]}, user=partners[0],
                             now=NOW)
    partners[1].organisation.active = False
    db.session.commit()
    services.update_post(fair, {"co_organiser_ids": ids, "audience": "Alle"}, user=partners[0],
                         now=NOW)
    assert len(schedule.co_organisers(fair)) == 2


def test_an_all_day_fair_spans_whole_days(make_post, make_user):
    from datetime import date

    from jobnet.fairs.rules import all_day_span
    start, end = all_day_span(date(2026, 3, 27), date(2026, 3, 29))  # over the DST switch
    fair = make_post(Kind.FAIR, starts_at=start, ends_at=end, all_day=True)
    assert schedule.is_all_day(fair)
    assert schedule.fair_days(fair) == (date(2026, 3, 27), date(2026, 3, 29))


def test_a_co_organiser_finds_the_fair_among_its_organisations_posts(fair, partners):
    chamber_user, _agency_user, stranger = partners
    listed = queries.organisation_posts(chamber_user.organisation_id)
    assert fair in listed["published"]
    assert fair not in queries.organisation_posts(stranger.organisation_id)["published"]
