"""Migration 0014 builds the full-text index for the posts that exist before it."""

from __future__ import annotations

from datetime import UTC, datetime

from flask_migrate import downgrade, upgrade
from sqlalchemy import insert

from jobnet import create_app
from jobnet.accounts.models import Organisation
from jobnet.extensions import db
from jobnet.posts.models import Post, Project, Status
from jobnet.posts.queries import PostFilter, published_posts
from tests.test_migrations import empty_database_url  # noqa: F401 (a fixture)


def test_the_index_is_built_for_existing_posts(empty_database_url):  # noqa: F811
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database_url, "TESTING": True,
                      "SECRET_KEY": "migration-test", "MAIL_TRANSPORT": "memory"})
    now = datetime.now(UTC)
    with app.app_context():
        upgrade(revision="5a7c1e3d9b24")  # the step before the index
        org = Organisation(name="KCA", kind="job_centre", district_ags="06435")
        db.session.add(org)
        db.session.commit()
        db.session.execute(insert(Post), [{
            "id": 1, "kind": "project", "title": "Logistikzentrum", "summary": "", "body": "",
            "place": "Hanau", "links": [], "district_ags": "06435", "organisation_id": org.id,
            "status": Status.PUBLISHED, "search_text": "logistikzentrum hanau",
            "published_at": now, "created_at": now, "updated_at": now}])
        db.session.execute(insert(Project.__table__), [{"id": 1, "funding": "",
                                                       "instruments": ""}])
        db.session.commit()
        upgrade()
        found = published_posts(PostFilter(q="logistik"), now=now)
        assert [post.title for post in found.items] == ["Logistikzentrum"]
        db.session.remove()
        downgrade(revision="5a7c1e3d9b24")
        db.session.remove()
        downgrade(revision="base")
        db.engine.dispose()
