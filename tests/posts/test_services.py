"""Post services without HTTP: creating, updating, status changes and their recorded history."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from jobnet.accounts.models import Role
from jobnet.clock import local_today, utcnow
from jobnet.posts import services
from jobnet.posts.models import JobFair, Kind, Post, PostChange, Settlement, Status
from jobnet.posts.services import PostStateError
from tests.posts.conftest import KINDS, NOW, post_data

LATER = NOW + timedelta(hours=3)


def actions(post: Post) -> list[str]:
    """The recorded actions of a post, oldest first."""
    return [change.action for change in sorted(post.changes, key=lambda c: c.id)]


@pytest.mark.parametrize("kind", KINDS)
def test_create_each_kind_as_draft_for_the_authors_organisation(kind, db, make_user):
    author = make_user(Role.COORDINATOR)
    post = services.create_post(kind, post_data(kind), author=author, now=NOW)

    stored = db.session.get(Post, post.id)
    assert type(stored).__name__ == {"settlement": "Settlement", "programme": "Programme",
                                     "project": "Project", "fair": "JobFair"}[kind]
    assert stored.status == Status.DRAFT
    assert stored.organisation_id == author.organisation_id
    assert stored.author_id == author.id
    assert stored.created_at == NOW and stored.updated_at == NOW and stored.published_at is None
    assert stored.links == ["https://example.org/info"]
    assert "logistikzentrum in bad hersfeld" in stored.search_text
    [created] = stored.changes
    assert created.action == "created" and created.user_id == author.id and created.at == NOW
    assert created.fields["title"] == [None, "Logistikzentrum in Bad Hersfeld"]
    assert "contact_email" not in created.fields  # empty values are not listed


def test_create_published_records_creation_and_publication(db, make_user):
    author = make_user(Role.COORDINATOR)
    post = services.create_post(Kind.SETTLEMENT, post_data(Kind.SETTLEMENT, is_example=True),
                                author=author, now=NOW, publish=True)
    assert post.status == Status.PUBLISHED and post.published_at == NOW
    assert post.is_example is True
    assert actions(post) == ["created", "published"]
    assert post.commute_radius_km == 30  # the default of the issue
    created = next(change for change in post.changes if change.action == "created")
    assert created.fields["commute_radius_km"] == [None, 30]


def test_kind_specific_text_is_searchable(db, make_user):
    post = services.create_post(Kind.FAIR, post_data(Kind.FAIR, venue="Stadthalle GROßAUHEIM"),
                                author=make_user(Role.ORGANISER), now=NOW)
    assert "stadthalle grossauheim" in post.search_text
    assert "messe" not in post.search_text


def test_fair_times_are_recorded_as_iso_utc(db, make_user):
    post = services.create_post(Kind.FAIR, post_data(Kind.FAIR), author=make_user(Role.ORGANISER),
                                now=NOW)
    created = post.changes[0].fields
    assert created["starts_at"] == [None, "2026-03-12T09:00:00+00:00"]


@pytest.mark.parametrize("data, message", [
    (post_data(Kind.SETTLEMENT, colour="red"), "unknown fields"),
    (post_data(Kind.SETTLEMENT, company=""), "required fields missing"),
    ({"title": "Nur ein Titel"}, "required fields missing"),
    (post_data(Kind.SETTLEMENT, target_groups=["youth_u25"]), "unknown fields"),
])
def test_create_refuses_incomplete_or_unknown_data(data, message, db, make_user):
    with pytest.raises(ValueError, match=message):
        services.create_post(Kind.SETTLEMENT, data, author=make_user(Role.COORDINATOR), now=NOW)
    assert db.session.query(Post).count() == 0


def test_create_refuses_an_unknown_kind(db, make_user):
    with pytest.raises(ValueError):
        services.create_post("bakery", {}, author=make_user(Role.COORDINATOR), now=NOW)


def test_update_records_only_changed_fields_with_old_and_new_values(db, make_post):
    post = make_post(Kind.SETTLEMENT)
    editor = post.author
    services.update_post(post, post_data(Kind.SETTLEMENT, title="Logistikzentrum wächst weiter",
                                         jobs_expected=950, hiring_start=date(2026, 9, 1)),
                         user=editor, now=LATER)

    change = db.session.scalars(db.select(PostChange).where(PostChange.action == "updated")).one()
    assert change.user_id == editor.id and change.at == LATER
    assert change.fields == {
        "title": ["Logistikzentrum in Bad Hersfeld", "Logistikzentrum wächst weiter"],
        "jobs_expected": [800, 950],
        "hiring_start": [None, "2026-09-01"],
    }
    assert post.updated_at == LATER
    assert "wächst weiter" in post.search_text


def test_a_save_records_its_change_without_loading_the_history(db, make_post, statements):
    post = make_post(Kind.SETTLEMENT)
    for number in range(3):
        services.update_post(post, post_data(Kind.SETTLEMENT, title=f"Fassung {number}"),
                             user=post.author, now=LATER)
    db.session.expire_all()  # as in a new request: nothing of the post loaded yet
    post = db.session.get(Post, post.id)
    statements.clear()
    services.update_post(post, post_data(Kind.SETTLEMENT, title="Fassung 4"), user=post.author,
                         now=LATER)
    # A post edited all year has hundreds of changes: a save reads none of them.
    assert not [sql for sql in statements if "FROM post_change" in sql]
    titles = [c.fields["title"][1] for c in db.session.get(Post, post.id).changes
              if c.action == "updated"]
    assert titles == ["Fassung 4", "Fassung 2", "Fassung 1", "Fassung 0"]


def test_update_without_changes_records_nothing(db, make_post):
    post = make_post(Kind.PROJECT)
    before = actions(post)
    services.update_post(post, post_data(Kind.PROJECT, target_groups=["youth_u25"]),
                         user=post.author, now=LATER)
    assert actions(post) == before
    assert post.updated_at == NOW


def test_update_treats_empty_text_like_nothing_and_diffs_lists(db, make_post):
    post = make_post(Kind.FAIR, contact_phone=None)
    services.update_post(post, {"contact_phone": "", "target_groups": ["refugees", "over_50"],
                                "links": [], "ends_at": NOW + timedelta(days=11)},
                         user=post.author, now=LATER)
    fields = post.changes[0].fields
    assert "contact_phone" not in fields
    assert fields["target_groups"] == [[], ["over_50", "refugees"]]
    assert fields["links"] == [["https://example.org/info"], []]
    assert fields["ends_at"] == ["2026-03-12T15:00:00+00:00", "2026-03-13T09:00:00+00:00"]


def test_update_with_publish_publishes_a_draft(db, make_post):
    post = make_post(Kind.PROGRAMME, status=Status.DRAFT)
    services.update_post(post, {"duration_months": 30}, user=post.author, now=LATER, publish=True)
    assert post.status == Status.PUBLISHED and post.published_at == LATER
    assert actions(post) == ["created", "updated", "published"]


def test_publish_archive_republish_unpublish_cycle_keeps_the_history(db, make_post, make_user):
    post = make_post(Kind.SETTLEMENT, status=Status.DRAFT)
    author, moderator = post.author, make_user(Role.MODERATOR)

    services.publish_post(post, user=author, now=NOW)
    assert post.status == Status.PUBLISHED and post.published_at == NOW
    services.archive_post(post, user=author, now=NOW + timedelta(days=1))
    assert post.status == Status.ARCHIVED
    services.republish_post(post, user=author, now=NOW + timedelta(days=2))
    assert post.status == Status.PUBLISHED and post.published_at == NOW  # first publication stays
    services.unpublish_post(post, moderator=moderator, reason="Enthält personenbezogene Daten.",
                            now=NOW + timedelta(days=3))
    assert post.status == Status.UNPUBLISHED
    assert post.moderation_reason == "Enthält personenbezogene Daten."
    with pytest.raises(services.PostStateError):  # only a moderator publishes it again
        services.republish_post(post, user=author, now=NOW + timedelta(days=4))
    services.update_post(post, {"summary": "Ohne Namen."}, user=author, now=NOW + timedelta(days=4))
    assert post.status == Status.IN_REVIEW
    services.approve_post(post, moderator=moderator, now=NOW + timedelta(days=5))
    assert post.status == Status.PUBLISHED and post.moderation_reason is None

    db.session.expire_all()
    post = db.session.get(Post, post.id)
    assert actions(post) == ["created", "published", "archived", "republished", "unpublished",
                             "updated", "review_requested", "approved"]
    unpublished = next(c for c in post.changes if c.action == "unpublished")
    assert unpublished.reason == "Enthält personenbezogene Daten."
    assert unpublished.user_id == moderator.id
    assert unpublished.fields == {"status": ["published", "unpublished"]}


@pytest.mark.parametrize("status, action", [
    (Status.PUBLISHED, "publish"),
    (Status.DRAFT, "archive"),
    (Status.ARCHIVED, "archive"),
    (Status.UNPUBLISHED, "archive"),
    (Status.DRAFT, "republish"),
    (Status.PUBLISHED, "republish"),
    (Status.UNPUBLISHED, "republish"),  # withdrawn posts go back through review
    (Status.DRAFT, "unpublish"),
    (Status.UNPUBLISHED, "unpublish"),
])
def test_status_changes_that_do_not_fit_the_status_are_refused(status, action, db, make_post,
                                                               make_user):
    post = make_post(Kind.SETTLEMENT, status=status)
    count = len(post.changes)
    with pytest.raises(PostStateError):
        if action == "unpublish":
            services.unpublish_post(post, moderator=make_user(Role.ADMIN), reason="Grund genug.",
                                    now=LATER)
        else:
            getattr(services, f"{action}_post")(post, user=post.author, now=LATER)
    assert post.status == status and len(post.changes) == count


def test_unpublish_needs_a_reason(db, make_post, make_user):
    post = make_post(Kind.SETTLEMENT)
    with pytest.raises(ValueError):
        services.unpublish_post(post, moderator=make_user(Role.MODERATOR), reason="   ", now=LATER)
    assert post.status == Status.PUBLISHED


def test_an_expired_post_cannot_be_published_again_without_a_new_date(db, make_post):
    post = make_post(Kind.SETTLEMENT, valid_until=date(2026, 3, 10))
    services.archive_post(post, user=post.author, now=NOW)
    with pytest.raises(PostStateError):
        services.republish_post(post, user=post.author, now=NOW + timedelta(days=30))
    services.update_post(post, {"valid_until": date(2026, 6, 30)}, user=post.author,
                         now=NOW + timedelta(days=30))
    services.republish_post(post, user=post.author, now=NOW + timedelta(days=30))
    assert post.status == Status.PUBLISHED


def test_archive_expired_uses_the_day_in_hesse(db, make_post):
    expired = make_post(Kind.SETTLEMENT, valid_until=date(2026, 3, 2))
    last_day = make_post(Kind.PROGRAMME, valid_until=date(2026, 3, 3))
    forever = make_post(Kind.PROJECT, valid_until=None)
    draft = make_post(Kind.SETTLEMENT, status=Status.DRAFT, valid_until=date(2026, 3, 2))

    # 23:30 UTC on 2 March is already 3 March in Berlin.
    late = datetime(2026, 3, 2, 23, 30, tzinfo=UTC)
    assert services.archive_expired_posts(late, fair_archive_after=timedelta(days=30)) == 1

    assert expired.status == Status.ARCHIVED
    assert (last_day.status, forever.status, draft.status) == (Status.PUBLISHED, Status.PUBLISHED,
                                                              Status.DRAFT)
    change = max(expired.changes, key=lambda c: c.id)
    assert change.action == "expired" and change.user_id is None
    assert services.archive_expired_posts(late, fair_archive_after=timedelta(days=30)) == 0


def test_archive_expired_command(app, db, make_post):
    yesterday = utcnow() - timedelta(days=1)
    post = make_post(Kind.SETTLEMENT, now=yesterday,
                     valid_until=local_today(yesterday))
    post_id = post.id
    # The runner pushes its own app context; only committed data matters.
    result = app.test_cli_runner().invoke(args=["posts", "archive-expired"])

    assert result.exit_code == 0, result.output
    assert "1 abgelaufener Beitrag archiviert" in result.output
    db.session.expire_all()
    assert db.session.get(Post, post_id).status == Status.ARCHIVED


def test_services_load_the_right_subclass(db, make_post):
    fair_id = make_post(Kind.FAIR).id
    settlement_id = make_post(Kind.SETTLEMENT).id
    db.session.expire_all()
    assert isinstance(db.session.get(Post, fair_id), JobFair)
    assert isinstance(db.session.get(Post, settlement_id), Settlement)


def test_a_field_sent_as_none_gets_its_column_default_not_a_database_error(db, make_user):
    # An older form or an API client may leave a newer optional field out (None).
    author = make_user()
    post = services.create_post(Kind.FAIR, post_data(Kind.FAIR, audience=None, links=None),
                                author=author, now=NOW)
    assert post.audience == "" and post.links == []
    services.update_post(post, {"organisers": None, "is_free": None}, user=author, now=NOW)
    assert post.organisers == "" and post.is_free is True
