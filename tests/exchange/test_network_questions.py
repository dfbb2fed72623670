"""Questions to the network: tagged, filtered, answered like a thread, marked answered."""

from __future__ import annotations

import pytest

from jobnet.accounts.models import Role
from jobnet.accounts.permissions import PermissionDenied
from jobnet.exchange import thread_queries, threads
from jobnet.exchange.thread_models import Thread
from jobnet.forms.errors import FieldError
from tests.exchange.conftest import NOW

QUESTION = "Wer hat Erfahrung mit der Teilqualifizierung im Lager?"


def _ask(net, **overrides):
    values = {"title": QUESTION, "body": "Wir planen das ab Frühjahr.", "topic": "training",
              "districts": ["06438"]}
    return threads.ask_network(net.offenbach_coordinator, now=NOW, **{**values, **overrides})


def test_filters_by_topic_district_and_state(network, make_user):
    lager = _ask(network)
    _ask(network, title="Jobbörse im Herbst?", topic="job_fairs", districts=[])
    def by(**f):
        return [t.title for t in thread_queries.network_questions(
            thread_queries.QuestionFilter(**f))]

    assert by(topic="training") == [QUESTION]
    assert by(district="06438") == [QUESTION] and by(district="06435") == []
    assert len(by()) == 2 and len(by(state="open")) == 2
    threads.reply(network.kca_coordinator, lager, body="Wir, seit 2024.", now=NOW)
    threads.set_answered(network.offenbach_coordinator, lager, True, now=NOW)
    assert by(state="answered") == [QUESTION] and by(state="open") == ["Jobbörse im Herbst?"]


def test_only_the_asker_or_a_moderator_marks_answered(network, make_user):
    thread = _ask(network)
    with pytest.raises(PermissionDenied):
        threads.set_answered(network.kca_coordinator, thread, True, now=NOW)
    threads.set_answered(make_user(Role.MODERATOR), thread, True, now=NOW)
    assert thread.answered_at is not None


def test_target_groups_are_kept_and_filtered(network):
    refugees = _ask(network, target_groups=["refugees", "youth_u25", "refugees"])
    _ask(network, title="Jobbörse im Herbst?", topic="job_fairs", districts=[])
    assert refugees.target_groups == ["refugees", "youth_u25"]

    def by(**f):
        return [t.title for t in thread_queries.network_questions(
            thread_queries.QuestionFilter(**f))]

    assert by(target_group="youth_u25") == [QUESTION]
    assert by(target_group="over_50") == []
    assert len(by()) == 2


@pytest.mark.parametrize("overrides, field", [
    ({"title": ""}, "title"), ({"title": "x" * 201}, "title"), ({"topic": "wetter"}, "topic"),
    ({"topic": None}, "topic"), ({"districts": ["99999"]}, "districts"), ({"body": ""}, "body"),
    ({"target_groups": ["aliens"]}, "target_groups"),
    ({"target_groups": ["refugees", "<script>"]}, "target_groups")])
def test_bad_input_is_refused_at_the_field(network, overrides, field):
    with pytest.raises(FieldError) as refused:
        _ask(network, **overrides)
    assert refused.value.field == field
    assert Thread.query.count() == 0


def test_list_and_form_pages(network, client, login_as, submit):
    login_as(network.offenbach_coordinator)
    response = submit("/fragen/neu", {"title": QUESTION, "body": "Details", "topic": "training",
                                      "districts": ["06438", "06435"]})
    assert response.status_code == 302
    html = client.get("/fragen/?topic=training&district=06435").get_data(as_text=True)
    assert QUESTION in html
    assert QUESTION not in client.get("/fragen/?state=answered").get_data(as_text=True)
    assert client.get("/fragen/?topic=wetter").status_code == 400
    response = submit("/fragen/neu", {"title": "", "body": "Text bleibt", "topic": "training"})
    assert response.status_code == 422 and "Text bleibt" in response.get_data(as_text=True)
    thread = Thread.query.one()
    response = submit(f"/fragen/{thread.id}/beantwortet", {"answered": "1"},
                      page=f"/fragen/{thread.id}")
    assert response.status_code == 302
    assert "Beantwortet" in client.get(f"/fragen/{thread.id}").get_data(as_text=True)


def test_target_groups_on_the_form_the_page_and_the_list(network, client, login_as, submit):
    login_as(network.offenbach_coordinator)
    form = client.get("/fragen/neu").get_data(as_text=True)
    assert 'type="checkbox"' in form and 'value="refugees"' in form
    response = submit("/fragen/neu", {"title": QUESTION, "body": "Details", "topic": "training",
                                      "target_groups": ["refugees", "over_50"]})
    assert response.status_code == 302
    submit("/fragen/neu", {"title": "Ohne Zielgruppe?", "body": "Details", "topic": "training"})
    thread = Thread.query.filter_by(title=QUESTION).one()
    assert thread.target_groups == ["over_50", "refugees"]
    page = client.get(f"/fragen/{thread.id}").get_data(as_text=True)
    assert "Geflüchtete und Zugewanderte" in page and "Menschen über 50" in page
    listed = client.get("/fragen/?target_group=refugees").get_data(as_text=True)
    assert QUESTION in listed and "Geflüchtete und Zugewanderte" in listed
    assert "Ohne Zielgruppe?" not in listed
    assert "Ohne Zielgruppe?" in client.get("/fragen/").get_data(as_text=True)


@pytest.mark.parametrize("value", ["aliens", '<script>alert(1)</script>', "refugees'--", "x" * 500])
def test_bad_target_groups_are_a_clear_4xx(network, client, login_as, submit, value):
    login_as(network.offenbach_coordinator)
    listed = client.get("/fragen/", query_string={"target_group": value})
    assert listed.status_code == 400
    assert "<script>alert(1)</script>" not in listed.get_data(as_text=True)
    response = submit("/fragen/neu", {"title": QUESTION, "body": "Text bleibt", "topic": "training",
                                      "target_groups": ["refugees", value]})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Text bleibt" in html and "<script>alert(1)</script>" not in html
    assert Thread.query.count() == 0
