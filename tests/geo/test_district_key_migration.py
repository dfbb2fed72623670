"""Migration 0014 moves stored keys of districts merged since 2017 to today's key."""

from __future__ import annotations

import json

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from jobnet import create_app
from jobnet.extensions import db
from tests.test_migrations import empty_database_url  # noqa: F401  (fixture)

BEFORE = "4e8a2c6f1b93"  # the migration before 0015
MIGRATION = "5f1a7c3e9d20"  # 0015_states_and_district_changes
ROWS = """
INSERT INTO organisation (id, name, kind, district_ags, active, created_at) VALUES
 (1, 'Jobcenter Landkreis Osterode am Harz', 'job_centre', '03156', true, '2026-01-01 00:00:00'),
 (2, 'Jobcenter Eisenach', 'job_centre', '16056', true, '2026-01-01 00:00:00'),
 (3, 'KCA Main-Kinzig-Kreis', 'job_centre', '06435', true, '2026-01-01 00:00:00');
INSERT INTO digest_subscription (id, email, kinds, district_mode, districts, include_catchment,
 target_groups, frequency, locale, consented_at, link_nonce, failed_periods, created_at,
 updated_at) VALUES
 (1, 'a@example.org', '["settlement"]', 'list', '["03152", "03156", "06435"]', true, '[]',
  'weekly', 'de', '2026-01-01 00:00:00', 'n1', 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00');
"""


def test_old_district_keys_become_todays(empty_database_url):  # noqa: F811
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database_url, "TESTING": True,
                      "SECRET_KEY": "migration-test", "MAIL_TRANSPORT": "memory"})
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            for statement in ROWS.split(";"):
                if statement.strip():
                    connection.execute(text(statement))
        upgrade(revision=MIGRATION)  # later ones move organisations' districts elsewhere
        with db.engine.connect() as connection:
            keys = dict(connection.execute(text("SELECT id, district_ags FROM organisation")).all())
            districts, states = connection.execute(
                text("SELECT districts, states FROM digest_subscription")).one()
        assert keys == {1: "03159", 2: "16063", 3: "06435"}
        loaded = json.loads(districts) if isinstance(districts, str) else districts
        assert loaded == ["03159", "06435"]
        assert (json.loads(states) if isinstance(states, str) else states) == []
        downgrade(revision="base")
        db.engine.dispose()
