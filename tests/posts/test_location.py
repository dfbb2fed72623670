"""Every post gets its district and municipality from its point; settlements their catchment."""

from __future__ import annotations

import html
import re

import pytest

from jobnet.posts import services
from jobnet.posts.location import LocationRefused
from jobnet.posts.models import Kind, Post
from tests.posts.conftest import NOW, field_errors, form_data, post_data

MAINZ = (49.9929, 8.2473)  # just across the Rhine, about 2.6 km outside Hesse
MUNICH = (48.1372, 11.5756)


def only_post(db) -> Post:
    return db.session.scalars(db.select(Post)).one()


def test_a_post_gets_district_and_municipality_from_its_point(db, make_user):
    post = services.create_post(Kind.PROJECT, post_data(Kind.PROJECT, latitude=50.202,
                                                        longitude=9.188), author=make_user(),
                                now=NOW)
    assert (post.district_ags, post.municipality_name) == ("06435", "Gelnhausen")
    assert post.municipality_ags == "06435010" and post.outside_region is False


def test_district_stays_until_the_point_moves_and_the_move_is_recorded(db, make_user):
    author = make_user()
    post = services.create_post(Kind.PROJECT, post_data(Kind.PROJECT), author=author, now=NOW)
    assert post.district_ags == "06632"
    services.update_post(post, {"title": "Neuer Titel für das Projekt"}, user=author, now=NOW)
    assert post.district_ags == "06632"
    services.update_post(post, {"latitude": 51.316, "longitude": 9.498}, user=author, now=NOW)
    assert (post.district_ags, post.municipality_name) == ("06611", "Kassel")
    moved = post.changes[0].fields
    assert moved["district_ags"] == ["06632", "06611"]
    assert moved["municipality_name"] == ["Bad Hersfeld", "Kassel"]


def test_a_point_just_outside_needs_confirmation_and_then_has_no_district(db, make_user):
    author = make_user()
    data = post_data(Kind.FAIR, latitude=MAINZ[0], longitude=MAINZ[1], place="Mainz")
    with pytest.raises(LocationRefused) as refused:
        services.create_post(Kind.FAIR, data, author=author, now=NOW)
    assert refused.value.needs_confirmation
    post = services.create_post(Kind.FAIR, {**data, "confirm_outside": True}, author=author,
                                now=NOW)
    assert post.outside_region is True
    assert post.district_ags is None and post.municipality_name is None


def test_a_point_far_outside_is_refused_even_when_confirmed(db, make_user):
    data = post_data(Kind.FAIR, latitude=MUNICH[0], longitude=MUNICH[1], confirm_outside=True)
    with pytest.raises(LocationRefused, match="km außerhalb Hessens") as refused:
        services.create_post(Kind.FAIR, data, author=make_user(), now=NOW)
    assert not refused.value.needs_confirmation
    assert db.session.scalars(db.select(Post)).all() == []


def test_settlement_catchment_follows_point_and_radius(db, make_user):
    author = make_user()
    post = services.create_post(Kind.SETTLEMENT, post_data(Kind.SETTLEMENT), author=author,
                                now=NOW)
    shares = {row.district_ags: row.share for row in post.catchment}
    assert post.catchment[0].district_ags == "06632"  # Bad Hersfeld's own district first
    assert {"06632", "06634", "06631"} <= set(shares)  # and its neighbours within 30 km
    assert all(0 < share <= 1 for share in shares.values())
    services.update_post(post, {"commute_radius_km": 5}, user=author, now=NOW)
    assert [row.district_ags for row in post.catchment] == ["06632"]
    services.update_post(post, {"commute_radius_km": 100}, user=author, now=NOW)
    assert len(post.catchment) > 10


def test_settlement_page_says_which_districts_it_concerns(client, db, make_user, anonymous_get):
    post = services.create_post(Kind.SETTLEMENT, post_data(Kind.SETTLEMENT), author=make_user(),
                                now=NOW, publish=True)
    page = html.unescape(anonymous_get(f"/beitraege/{post.id}").get_data(as_text=True))
    assert "betrifft:" in page
    assert "Hersfeld-Rotenburg" in page and "Schwalm-Eder-Kreis" in page


def test_the_form_geocodes_the_place_when_no_coordinates_are_given(client, db, login_as, submit):
    login_as("coordinator")
    data = form_data(Kind.PROJECT, place="63571 Gelnhausen", latitude="", longitude="")
    response = submit("/beitraege/neu/project", {**data, "publish": "1"})
    assert response.status_code == 302, field_errors(response.get_data(as_text=True))
    post = only_post(db)
    assert post.district_ags == "06435" and post.municipality_name == "Gelnhausen"
    assert post.latitude == pytest.approx(50.2, abs=0.05)


def test_the_form_asks_which_place_is_meant_when_ambiguous(client, db, login_as, submit):
    login_as("coordinator")
    data = form_data(Kind.PROJECT, place="Kassel", latitude="", longitude="")
    first = submit("/beitraege/neu/project", {**data, "publish": "1"})
    page = html.unescape(first.get_data(as_text=True))
    assert first.status_code == 422
    assert "Mehrere Orte passen" in page
    assert "Kassel" in page and "Landkreis Kassel" in page
    assert db.session.scalars(db.select(Post)).all() == []
    city = next(value for value in _radio_values(page) if value.startswith("51.31"))
    second = submit("/beitraege/neu/project", {**data, "publish": "1", "place_choice": city})
    assert second.status_code == 302
    assert only_post(db).district_ags == "06611"


def test_an_unknown_place_gets_a_hint_and_nothing_is_saved(client, db, login_as, submit):
    login_as("coordinator")
    data = form_data(Kind.PROJECT, place="Atlantis an der Kinzig", latitude="", longitude="")
    response = submit("/beitraege/neu/project", {**data, "publish": "1"})
    assert response.status_code == 422
    assert any("kennt JobNet nicht" in error for error in field_errors(
        html.unescape(response.get_data(as_text=True))))
    assert db.session.scalars(db.select(Post)).all() == []


def test_check_place_shows_the_district_without_saving(client, db, login_as, submit):
    login_as("coordinator")
    data = form_data(Kind.FAIR, place="Frankfurt Flughafen", latitude="", longitude="")
    response = submit("/beitraege/neu/fair", {**data, "check_place": "1"})
    page = html.unescape(response.get_data(as_text=True))
    assert "Gefunden: Frankfurt am Main, Frankfurt am Main" in page
    assert db.session.scalars(db.select(Post)).all() == []


def test_the_form_asks_for_confirmation_just_outside_hesse(client, db, login_as, submit):
    login_as("coordinator")
    data = form_data(Kind.FAIR, place="Mainz, Rheingoldhalle", latitude="49,9929",
                     longitude="8,2473")
    first = submit("/beitraege/neu/fair", {**data, "publish": "1"})
    assert "bestätigen Sie" in html.unescape(first.get_data(as_text=True))
    second = submit("/beitraege/neu/fair", {**data, "publish": "1", "confirm_outside": "y"})
    assert second.status_code == 302
    post = only_post(db)
    detail = html.unescape(client.get(f"/beitraege/{post.id}").get_data(as_text=True))
    assert "außerhalb Hessens – ohne Landkreis" in detail


def _radio_values(page: str) -> list[str]:
    return re.findall(r'name="place_choice"[^>]*value="([^"]+)"', page)


def test_relocate_recomputes_from_the_geodata_and_records_what_changed(app, db, make_user):
    author = make_user()
    post = services.create_post(Kind.SETTLEMENT, post_data(Kind.SETTLEMENT), author=author,
                                now=NOW, publish=True)
    # As if the post had been placed with older geodata.
    post.district_ags, post.municipality_name = "06631", "Fulda"
    post.catchment = []
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["posts", "relocate"])
    assert "1 Beitrag neu verortet." in result.output
    db.session.expire_all()
    post = db.session.get(Post, post.id)
    assert (post.district_ags, post.municipality_name) == ("06632", "Bad Hersfeld")
    assert post.catchment and post.changes[0].action == "relocated"
    assert post.changes[0].fields["district_ags"] == ["06631", "06632"]
    again = app.test_cli_runner().invoke(args=["posts", "relocate"])
    assert "0 Beiträge neu verortet." in again.output
