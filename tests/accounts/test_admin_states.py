"""The admin's organisation form groups districts by state in a national region."""

from __future__ import annotations

from jobnet.accounts.models import Organisation, Role
from tests.accounts.test_admin import org_data
from tests.posts.test_state_filter import germany  # noqa: F401  (fixture)


def test_a_lower_saxony_job_centre_gets_todays_goettingen(germany, client, submit,  # noqa: F811
                                                          login_as, db):
    login_as(Role.ADMIN)
    page = client.get("/verwaltung/organisationen/neu").get_data(as_text=True)
    # Main district and further districts, each grouped by the 16 states.
    assert page.count("<optgroup") == 2 * 16
    assert '<optgroup label="Niedersachsen">' in page
    assert 'value="03156"' not in page and 'value="03159"' in page
    submit("/verwaltung/organisationen/neu",
           org_data(name="Jobcenter Landkreis Göttingen", district_ags="03159"))
    organisation = db.session.query(Organisation).filter_by(
        name="Jobcenter Landkreis Göttingen").one()
    assert organisation.district_ags == "03159"


def test_hesse_keeps_one_plain_list(client, login_as, db):
    login_as(Role.ADMIN)
    page = client.get("/verwaltung/organisationen/neu").get_data(as_text=True)
    assert "<optgroup" not in page and 'value="06631"' in page
