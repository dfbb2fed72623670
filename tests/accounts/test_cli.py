"""`flask users create-admin`: the first admin, with a hidden password prompt."""

from __future__ import annotations

from jobnet.accounts.models import Organisation, OrganisationKind, Role, User
from jobnet.accounts.services import LoginOutcome, authenticate
from jobnet.clock import utcnow

PASSWORD = "Admin-Passwort-2026"


def run(app, *args, password_input=f"{PASSWORD}\n{PASSWORD}\n"):
    return app.test_cli_runner().invoke(args=["users", "create-admin", *args], input=password_input)


def test_create_admin_creates_the_organisation_as_partner(app, db):
    result = run(app, "Admin@Example.org", "--name", "Ada Admin", "--organisation", "HMSI")
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output  # the prompt does not echo the password
    user = db.session.query(User).filter_by(email="admin@example.org").one()
    assert user.role == Role.ADMIN and user.name == "Ada Admin"
    assert user.organisation.name == "HMSI" and user.organisation.kind == OrganisationKind.PARTNER
    result = authenticate("admin@example.org", PASSWORD, client="192.0.2.1", now=utcnow())
    assert result.outcome is LoginOutcome.OK


def test_create_admin_joins_an_existing_organisation(app, db, make_organisation):
    organisation = make_organisation("Jobcenter Fulda", district_ags="06631")
    result = run(app, "a@example.org", "--name", "A", "--organisation", "jobcenter fulda")
    assert result.exit_code == 0, result.output
    assert db.session.query(User).one().organisation_id == organisation.id
    assert db.session.query(Organisation).count() == 1


def test_create_admin_refuses_bad_input(app, db, make_user):
    make_user(email="schon@example.org")
    cases = [
        (["schon@example.org", "--name", "X", "--organisation", "O"], "exists already"),
        (["keine-adresse", "--name", "X", "--organisation", "O"], "EMAIL"),
        (["x@example.org", "--name", "X\nY", "--organisation", "O"], "one non-empty line"),
    ]
    for args, message in cases:
        result = run(app, *args)
        assert result.exit_code != 0 and message in result.output, result.output
    short = run(app, "y@example.org", "--name", "Y", "--organisation", "O",
                password_input="kurz\nkurz\n")
    assert short.exit_code != 0 and "zwischen 12 und 200" in short.output
    mismatch = run(app, "y@example.org", "--name", "Y", "--organisation", "O",
                   password_input=f"{PASSWORD}\nanders\n")
    assert mismatch.exit_code != 0
    assert db.session.query(User).count() == 1
