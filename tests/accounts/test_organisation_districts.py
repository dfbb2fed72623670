"""An organisation serves one or more districts (a joint job centre of a city and its county)."""

from __future__ import annotations

import re

from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, text

from jobnet import create_app
from jobnet.accounts.models import Organisation, OrganisationKind, Role
from jobnet.digest.subscriptions import member_preferences
from jobnet.exchange.directory import by_district, by_state
from jobnet.extensions import db as _db

KASSEL_CITY, KASSEL_COUNTY = "06611", "06633"


def joint_centre(**changes) -> dict:
    return {"name": "Jobcenter Stadt und Landkreis Kassel", "kind": OrganisationKind.PARTNER,
            "district_ags": KASSEL_CITY, "other_districts": [KASSEL_COUNTY],
            "email": "", "website": "", "active": "y", **changes}


def test_an_admin_gives_an_organisation_two_districts_the_first_is_its_main_one(
        db, client, login_as, submit):
    login_as(Role.ADMIN)
    assert submit("/verwaltung/organisationen/neu", joint_centre()).status_code == 302
    organisation = db.session.query(Organisation).filter_by(
        name="Jobcenter Stadt und Landkreis Kassel").one()
    assert organisation.districts == [KASSEL_CITY, KASSEL_COUNTY]
    assert organisation.district_ags == KASSEL_CITY  # where one is needed: the main district

    listing = client.get("/verwaltung/organisationen").get_data(as_text=True)
    assert "Kassel, Landkreis Kassel" in listing
    form = client.get(f"/verwaltung/organisationen/{organisation.id}").get_data(as_text=True)
    assert re.search(rf'<option selected value="{KASSEL_COUNTY}"|<option value="{KASSEL_COUNTY}" '
                     r'selected', form)

    # Changing the order makes the county the main district; dropping one removes it.
    edit = f"/verwaltung/organisationen/{organisation.id}"
    assert submit(edit, joint_centre(district_ags=KASSEL_COUNTY,
                                     other_districts=[KASSEL_CITY])).status_code == 302
    db.session.refresh(organisation)
    assert organisation.districts == [KASSEL_COUNTY, KASSEL_CITY]
    assert submit(edit, joint_centre(other_districts=[])).status_code == 302
    db.session.refresh(organisation)
    assert organisation.districts == [KASSEL_CITY]


def test_further_districts_need_a_main_one_and_must_be_in_the_list(db, login_as, submit):
    login_as(Role.ADMIN)
    answer = submit("/verwaltung/organisationen/neu", joint_centre(district_ags=""))
    assert "Bitte wählen Sie zuerst den Hauptkreis." in answer.get_data(as_text=True)
    answer = submit("/verwaltung/organisationen/neu", joint_centre(other_districts=["99999"]))
    assert answer.status_code != 302
    assert db.session.query(Organisation).filter_by(
        name="Jobcenter Stadt und Landkreis Kassel").one_or_none() is None


def test_profile_directory_and_member_digest_use_every_district(
        db, client, login_as, make_organisation, make_user):
    joint = make_organisation("Jobcenter Stadt und Landkreis Kassel", KASSEL_CITY)
    joint.districts = [KASSEL_CITY, KASSEL_COUNTY]
    other = make_organisation("Jobcenter Rhein-Neckar-Kreis", "08226")  # another state
    db.session.commit()
    user = login_as(Role.COORDINATOR, organisation=joint)

    profile = client.get(f"/organisationen/{joint.id}").get_data(as_text=True)
    assert "Kassel, Landkreis Kassel" in profile
    groups = {key: [o.name for o in orgs] for key, _name, orgs in by_district([joint, other])}
    assert joint.name in groups[KASSEL_CITY] and joint.name in groups[KASSEL_COUNTY]
    assert groups["08226"] == [other.name]  # a district outside the region is kept, by key
    states = {name: [o.name for o in orgs] for _key, name, orgs in by_state([joint, other])}
    assert states == {"Baden-Württemberg": [other.name], "Hessen": [joint.name]}
    page = client.get("/organisationen/?group=state").get_data(as_text=True)
    assert "<h2>Baden-Württemberg</h2>" in page and "<h2>Hessen</h2>" in page

    assert member_preferences(user).districts == (KASSEL_CITY, KASSEL_COUNTY)


def test_the_migration_carries_todays_district_over_and_back(tmp_path):
    url = f"sqlite:///{tmp_path / 'carry.sqlite3'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True,
                      "SECRET_KEY": "migration-test", "MAIL_TRANSPORT": "memory"})
    with app.app_context():
        upgrade(revision="4e7a1c9d2b58")
        with _db.engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO organisation (name, kind, district_ags, active, created_at) VALUES "
                "('KCA', 'job_centre', '06435', 1, '2026-01-01 00:00:00'), "
                "('IHK', 'partner', NULL, 1, '2026-01-01 00:00:00')"))
        upgrade()
        with _db.engine.connect() as connection:
            rows = connection.execute(text(
                "SELECT o.name, d.district_ags, d.position FROM organisation_district d "
                "JOIN organisation o ON o.id = d.organisation_id")).all()
        assert rows == [("KCA", "06435", 0)]
        downgrade(revision="4e7a1c9d2b58")
        with _db.engine.connect() as connection:
            back = connection.execute(text(
                "SELECT name, district_ags FROM organisation ORDER BY name")).all()
        assert back == [("IHK", None), ("KCA", "06435")]
        _db.engine.dispose()
    create_engine(url).dispose()
