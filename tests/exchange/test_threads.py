"""Questions and answers on posts through the services: who may, bad input, quotes, mentions,
edits within the window, races, and that visitors' content version never moves."""

from __future__ import annotations

from datetime import timedelta

import pytest

from jobnet.accounts.models import Role
from jobnet.accounts.permissions import PermissionDenied
from jobnet.content_version import current_version
from jobnet.exchange import thread_queries, threads
from jobnet.exchange.thread_models import Message, MessageEdit, Thread
from jobnet.forms.errors import FieldError
from jobnet.posts.models import Status
from tests.exchange.conftest import NOW


def _ask(net, body="Wie habt ihr die Betriebe gefunden?", **kwargs):
    return threads.ask_on_post(net.offenbach_coordinator, net.project, body=body, now=NOW, **kwargs)


def test_question_and_answers_form_one_thread_on_the_post(network):
    thread = _ask(network)
    first = threads.reply(network.kca_coordinator, thread, body="Über die IHK.", now=NOW)
    threads.reply(network.offenbach_coordinator, thread, body="Danke!", quote_of_id=first.id,
                  now=NOW + timedelta(minutes=1))
    [listed] = thread_queries.post_threads(network.project)
    assert (listed.opening.body, listed.answers) == ("Wie habt ihr die Betriebe gefunden?", 2)
    shown = thread_queries.thread(thread.id)
    assert [m.body for m in shown.messages] == [
        "Wie habt ihr die Betriebe gefunden?", "Über die IHK.", "Danke!"]
    assert shown.messages[2].quote_of.body == "Über die IHK."
    assert shown.organisation_name == "Jobcenter Kreis Offenbach"


@pytest.mark.parametrize("body, message", [("", "einen Text"), ("  \n ", "einen Text"),
                                           ("x" * 5001, "höchstens 5000")])
def test_empty_or_huge_text_is_refused_at_the_field(network, body, message):
    with pytest.raises(FieldError) as refused:
        _ask(network, body=body)
    assert refused.value.field == "body" and message in refused.value.message
    assert Thread.query.count() == 0


@pytest.mark.parametrize("status", [Status.UNPUBLISHED, Status.ARCHIVED])
def test_withdrawn_or_archived_post_takes_no_questions_or_answers(network, db, status):
    thread = _ask(network)
    network.project.status = status
    db.session.commit()
    with pytest.raises(threads.Refused):
        _ask(network)
    with pytest.raises(threads.Refused):
        threads.reply(network.kca_coordinator, thread, body="Antwort", now=NOW)
    assert Message.query.count() == 1


def test_answering_a_reply_hidden_meanwhile_is_refused(network, make_user):
    thread = _ask(network)
    answer = threads.reply(network.kca_coordinator, thread, body="Spam", now=NOW)
    threads.hide(make_user(Role.MODERATOR), answer, reason="Werbung", now=NOW)
    with pytest.raises(threads.Refused) as refused:
        threads.reply(network.offenbach_coordinator, thread, body="Wie meinen Sie das?",
                      quote_of_id=answer.id, now=NOW)
    assert "ausgeblendet" in str(refused.value)
    other = _ask(network, body="Andere Frage")
    with pytest.raises(FieldError):  # a quote from another thread
        threads.reply(network.kca_coordinator, other, body="x", quote_of_id=answer.id, now=NOW)


def test_two_members_answering_at_once_both_get_in(network, make_user):
    thread = _ask(network)
    colleague = make_user(Role.COORDINATOR, organisation=network.kca)
    stale_a, stale_b = thread_queries.thread(thread.id), thread_queries.thread(thread.id)
    threads.reply(network.kca_coordinator, stale_a, body="Antwort A", now=NOW)
    threads.reply(colleague, stale_b, body="Antwort B", now=NOW)
    assert sorted(m.body for m in Message.query.filter(Message.thread_id == thread.id)) == [
        "Antwort A", "Antwort B", "Wie habt ihr die Betriebe gefunden?"]


def test_mentions_are_references_and_unknown_organisations_refused(network, make_organisation):
    gone = make_organisation("Aufgelöstes Jobcenter", "06631", active=False)
    with pytest.raises(FieldError) as refused:
        _ask(network, mentions=[network.kca.id, 987654])
    assert refused.value.field == "mentions" and "987654" in refused.value.message
    with pytest.raises(FieldError):
        _ask(network, mentions=[gone.id])
    thread = _ask(network, mentions=[network.kca.id, network.kca.id])
    assert [m.organisation.name for m in thread.opening.mentions] == [network.kca.name]


def test_author_edits_within_the_window_and_the_old_text_is_kept(network, app):
    thread = _ask(network)
    message = thread.opening
    threads.edit(network.offenbach_coordinator, message, body="Neue Fassung",
                 now=NOW + timedelta(minutes=5))
    assert message.body == "Neue Fassung" and message.edited_at is not None
    assert [e.body_before for e in MessageEdit.query] == ["Wie habt ihr die Betriebe gefunden?"]
    with pytest.raises(PermissionDenied):
        threads.edit(network.kca_coordinator, message, body="fremd", now=NOW)
    late = NOW + timedelta(minutes=app.config["EXCHANGE_EDIT_MINUTES"] + 1)
    with pytest.raises(threads.Refused):
        threads.edit(network.offenbach_coordinator, message, body="zu spät", now=late)
    assert message.body == "Neue Fassung"


def test_visitors_and_signed_out_people_cannot_ask(network):
    with pytest.raises(PermissionDenied):
        threads.ask_on_post(None, network.project, body="Frage", now=NOW)


def test_rate_limit_counts_questions_and_answers(network, app):
    app.config["EXCHANGE_MESSAGES_PER_HOUR"] = 2
    try:
        thread = _ask(network)
        threads.reply(network.offenbach_coordinator, thread, body="Nachtrag", now=NOW)
        with pytest.raises(threads.TooManyMessages) as refused:
            threads.reply(network.offenbach_coordinator, thread, body="Noch einer", now=NOW)
    finally:
        app.config["EXCHANGE_MESSAGES_PER_HOUR"] = 30
    assert refused.value.retry_after > timedelta(0)
    assert Message.query.count() == 2


def test_a_question_and_answer_move_no_content_version(network):
    before = current_version()
    thread = _ask(network)
    threads.reply(network.kca_coordinator, thread, body="Antwort", now=NOW)
    assert current_version() == before


def test_organisation_deactivated_keeps_its_thread_readable(network, db):
    thread = _ask(network)
    network.offenbach.active = False
    db.session.commit()
    shown = thread_queries.thread(thread.id)
    assert shown.opening.organisation_name == "Jobcenter Kreis Offenbach"
    threads.reply(network.kca_coordinator, shown, body="Trotzdem eine Antwort", now=NOW)

