"""The demo network data: complete, consistent with the models and the map of Hesse. No database."""

from __future__ import annotations

import tomllib
from collections import Counter
from datetime import date, datetime, timedelta

import pytest

from jobnet.accounts.models import OrganisationKind, Role
from jobnet.clock import LOCAL_TIMEZONE
from jobnet.demo.network import DATA_FILE, DEMO_USERS, ORGANISATIONS, demo_posts
from jobnet.posts.models import KIND_MODELS, ProgrammeType, TargetGroup
from tests.geo.hesse_facts import HESSE_DISTRICTS

TODAY = date(2026, 3, 18)
KJC_DISTRICTS = {
    "06431", "06432", "06433", "06434", "06435", "06436", "06437", "06438",
    "06439", "06532", "06534", "06535", "06631", "06632", "06413", "06414",
}
ORG_NAMES = {org["name"] for org in ORGANISATIONS}
TARGET_GROUPS = {group.value for group in TargetGroup}


@pytest.fixture(scope="module")
def posts() -> list[dict]:
    return demo_posts(TODAY)


def _published(posts: list[dict]) -> list[dict]:
    return [post for post in posts if post.get("status", "published") == "published"]


def test_enough_posts_of_every_kind(posts):
    kinds = Counter(post["kind"] for post in posts)
    assert len(posts) >= 40
    assert set(kinds) == set(KIND_MODELS)
    assert all(count >= 9 for count in kinds.values()), kinds


def test_every_post_names_a_known_organisation(posts):
    assert {post["organisation"] for post in posts} <= ORG_NAMES


def test_organisations_are_the_sixteen_kjc_and_some_partners():
    assert len(ORG_NAMES) == len(ORGANISATIONS)
    kinds = {org["kind"] for org in ORGANISATIONS}
    assert kinds == {OrganisationKind.JOB_CENTRE.value, OrganisationKind.PARTNER.value}
    job_centres = [org for org in ORGANISATIONS if org["kind"] == "job_centre"]
    assert sorted(org["districts"][0] for org in job_centres) == sorted(KJC_DISTRICTS)
    assert 5 <= len(ORGANISATIONS) - len(job_centres) <= 6
    assert all(org["website"].startswith("https://example.org/") for org in ORGANISATIONS)


def test_demo_users_cover_every_role_at_known_organisations():
    assert {user["role"] for user in DEMO_USERS} == {role.value for role in Role}
    assert {user["organisation"] for user in DEMO_USERS} <= ORG_NAMES
    coordinators = [user for user in DEMO_USERS if user["role"] == "coordinator"]
    assert "Kommunales Center für Arbeit (KCA) Main-Kinzig-Kreis" in {
        user["organisation"] for user in coordinators}
    assert len({user["organisation"] for user in coordinators}) == 2
    assert len({user["email"] for user in DEMO_USERS}) == len(DEMO_USERS)
    assert all("password" not in key for user in DEMO_USERS for key in user)


def test_districts_are_hessian_and_all_26_have_published_posts(posts):
    keys = {district.ags for district in HESSE_DISTRICTS}
    assert {post["fields"]["district_ags"] for post in posts} <= keys
    assert {post["fields"]["district_ags"] for post in _published(posts)} == keys


def test_coordinates_lie_in_hesse(posts):
    for post in posts:
        lat, lon = post["fields"]["latitude"], post["fields"]["longitude"]
        assert 49.39 <= lat <= 51.66 and 7.77 <= lon <= 10.24, post["fields"]["title"]
        assert round(lat, 4) == lat and round(lon, 4) == lon


def test_field_names_are_attributes_of_the_kinds_model(posts):
    for post in posts:
        attributes = set(KIND_MODELS[post["kind"]].__mapper__.attrs.keys()) | {"target_groups"}
        assert set(post["fields"]) <= attributes, set(post["fields"]) - attributes


def test_common_fields_fit_their_columns(posts):
    for post in posts:
        fields = post["fields"]
        assert 0 < len(fields["title"]) <= 200 and len(fields["place"]) <= 200
        assert 10 <= len(fields["summary"]) <= 500, fields["title"]
        assert fields["body"] and fields["municipality_name"] and fields["contact_name"]
        assert len(fields["links"]) <= 2
        assert all(link.startswith("https://example.org/") for link in fields["links"])
        assert set(fields.get("target_groups", [])) <= TARGET_GROUPS


def test_settlements_name_fictional_companies(posts):
    for post in posts:
        if post["kind"] == "settlement":
            fields = post["fields"]
            assert fields["company"].endswith("(fiktiv)")
            assert 5 <= fields["commute_radius_km"] <= 100
            assert isinstance(fields["hiring_start"], date)


def test_programme_types_are_known(posts):
    types = {post["fields"]["programme_type"] for post in posts if post["kind"] == "programme"}
    assert types == {t.value for t in ProgrammeType}


def test_projects_have_target_groups_and_plausible_outcomes(posts):
    for post in posts:
        if post["kind"] == "project":
            fields = post["fields"]
            assert fields["target_groups"]
            assert fields["period_start"] < fields["period_end"]
            if fields["integrations"] is not None:
                assert fields["integrations"] <= fields["participants"]


def test_fairs_are_timezone_aware_and_ordered(posts):
    fairs = [post["fields"] for post in posts if post["kind"] == "fair"]
    for fair in fairs:
        assert isinstance(fair["starts_at"], datetime) and fair["starts_at"].utcoffset() is not None
        assert fair["ends_at"] > fair["starts_at"]
        assert fair["registration_deadline"] < fair["starts_at"].date()
        assert fair["is_free"] or fair["fee_note"]
    past = [fair for fair in fairs if fair["starts_at"].date() < TODAY]
    assert len(past) == 2
    assert sum(TODAY < fair["starts_at"].date() <= date.fromordinal(TODAY.toordinal() + 91)
               for fair in fairs) == len(fairs) - 2


def test_status_and_publication_spread(posts):
    drafts = [post for post in posts if post.get("status") == "draft"]
    assert 2 <= len(drafts) <= 3
    assert all("published_days_ago" not in post for post in drafts)
    ages = [post["published_days_ago"] for post in _published(posts)]
    assert all(0 <= age <= 60 for age in ages) and len(set(ages)) > 20
    validity = [post["fields"]["valid_until"] for post in _published(posts)]
    assert sum(1 for v in validity if v is not None and v < TODAY) == 1
    assert sum(1 for v in validity if v is not None and v > TODAY) >= 2


def test_some_contacts_are_public_most_are_for_members(posts):
    public = Counter(post["kind"] for post in posts if post["fields"].get("contact_public"))
    assert all(value is True for post in posts
               for key, value in post["fields"].items() if key == "contact_public")
    assert public["fair"] >= 5 and 1 <= sum(public.values()) - public["fair"] <= 5, public
    assert sum(public.values()) < len(posts) / 2


def test_emails_are_example_addresses(posts):
    emails = [org["email"] for org in ORGANISATIONS] + [user["email"] for user in DEMO_USERS]
    emails += [post["fields"]["contact_email"] for post in posts]
    for email in emails:
        assert email.endswith(("@example.org", ".invalid")), email


def test_demo_posts_are_deterministic_for_a_day_and_follow_it():
    assert demo_posts(TODAY) == demo_posts(TODAY)
    later = demo_posts(date(2031, 7, 1))
    fair_starts = [p["fields"]["starts_at"].date() for p in later if p["kind"] == "fair"]
    assert sum(start > date(2031, 7, 1) for start in fair_starts) == len(fair_starts) - 2


@pytest.mark.parametrize("today", [TODAY, date(2026, 3, 27), date(2026, 10, 24), date(2026, 12, 6)])
def test_the_data_file_gives_all_58_posts_with_their_relative_dates_resolved(today):
    # The last three days lie just before both DST switches and on a Sunday.
    rows = tomllib.loads(DATA_FILE.read_text("utf-8"))["posts"]
    posts = demo_posts(today)
    assert len(rows) == len(posts) == 58
    for row, post in zip(rows, posts):
        fields = post["fields"]
        assert ("published_days_ago" in post) != (post.get("status") == "draft")
        assert post.get("published_days_ago", 0) >= 0
        assert not any(isinstance(value, dict) for value in fields.values()), fields["title"]
        for key, spec in row.items():
            if isinstance(spec, dict) and key not in ("schedule", "moved"):
                assert fields[key] == today + timedelta(days=spec["in_days"])
        if post["kind"] == "fair":
            schedule, start, end = row["schedule"], fields["starts_at"], fields["ends_at"]
            days = timedelta(days=schedule.get("days", 1) - 1)  # multi-day fairs give "days"
            assert start.tzinfo is LOCAL_TIMEZONE and start.date() + days == end.date()
            assert start.strftime("%A") == schedule["weekday"]
            assert 0 <= (start.date() - today).days - schedule["in_days"] < 7
            assert (start.date() > today) == (schedule["in_days"] > 0)
            assert (start.strftime("%H:%M"), end.strftime("%H:%M")) == (
                schedule["opens"], schedule["closes"])
            assert start.date() - fields["registration_deadline"] == timedelta(
                days=schedule["deadline_days"])


def test_the_demo_has_a_two_day_airport_fair_with_partners_a_moved_and_a_cancelled_fair(
        app, db, tmp_path):
    from jobnet.clock import utcnow
    from jobnet.demo.loader import load_demo
    from jobnet.fairs import schedule
    from jobnet.posts.models import JobFair

    now = utcnow()
    load_demo(now, tmp_path)
    fairs = {fair.title: fair for fair in db.session.query(JobFair)}
    # Nothing happened after the load: a change dated tomorrow is a DTSTAMP in the future in
    # every feed and a history entry "abgesagt" dated tomorrow.
    assert max(fair.updated_at for fair in fairs.values()) <= now
    airport = fairs["Jobmesse am Frankfurter Flughafen"]
    first, last = schedule.fair_days(airport)
    assert (last - first).days == 1 and len(schedule.co_organisers(airport)) == 2
    assert airport.exhibitors and "step_free" in airport.accessibility
    states = [schedule.fair_state(fair) for fair in fairs.values()]
    assert states.count("moved") == 1 and states.count("cancelled") == 1


def test_the_demo_loads_two_rings_once_with_a_ring_moderator(app, db, tmp_path):
    from jobnet.clock import utcnow
    from jobnet.demo.loader import load_demo
    from jobnet.posts import permissions
    from jobnet.posts.models import Post
    from jobnet.rings.models import Ring

    assert load_demo(utcnow(), tmp_path).rings == 2
    assert load_demo(utcnow(), tmp_path).rings == 0  # loading again duplicates nothing
    rings = {ring.name: ring for ring in db.session.query(Ring)}
    rhein_main = rings["Vergleichsring Ballungsraum Rhein-Main"]
    [moderator] = rhein_main.moderators
    members = {o.id for o in rhein_main.organisations}
    posts = db.session.query(Post).all()
    assert any(p.organisation_id in members for p in posts)
    assert all(permissions.moderates(moderator, p) == (p.organisation_id in members)
               for p in posts)
