"""Questions and answers as members and visitors see them: pages, status codes, kept input."""

from __future__ import annotations

import re

from jobnet import clock
from jobnet.accounts.models import Role
from jobnet.exchange import threads
from jobnet.exchange.thread_models import Message, Report, Thread
from tests.conftest import TEST_PASSWORD, csrf_token_from
from tests.exchange.conftest import NOW, XSS


def _ask(net, body="Wie habt ihr die Betriebe gefunden?"):
    return threads.ask_on_post(net.offenbach_coordinator, net.project, body=body, now=NOW)


def test_member_asks_on_the_post_page_and_answers_on_the_thread_page(network, client, login_as,
                                                                     submit):
    login_as(network.offenbach_coordinator)
    post_url = f"/beitraege/{network.project.id}"
    response = submit(f"{post_url}/fragen", {"body": "Gibt es einen Träger?",
                                             "mentions": [str(network.kca.id)]}, page=post_url)
    assert response.status_code == 302 and "/fragen/" in response.location
    html = client.get(post_url).get_data(as_text=True)
    assert "Gibt es einen Träger?" in html and "Fragen und Antworten" in html
    assert f'href="/organisationen/{network.kca.id}">@{network.kca.name}' in html
    thread = Thread.query.one()
    response = submit(f"/fragen/{thread.id}/antworten", {"body": "Ja, den BFW."},
                      page=f"/fragen/{thread.id}")
    assert response.status_code == 302 and response.location.endswith(
        f"#antwort-{Message.query.order_by(Message.id.desc()).first().id}")
    page = client.get(f"/fragen/{thread.id}")
    assert "Ja, den BFW." in page.get_data(as_text=True)
    assert "no-store" in page.headers["Cache-Control"]


def test_visitor_sees_no_question_and_no_thread_page(network, client):
    thread = _ask(network, body="GEHEIME-FRAGE")
    html = client.get(f"/beitraege/{network.project.id}").get_data(as_text=True)
    assert "GEHEIME-FRAGE" not in html and "Fragen und Antworten" not in html
    for url in (f"/fragen/{thread.id}", "/fragen/", "/fragen/neu"):
        response = client.get(url)
        assert response.status_code == 302 and "/konto/anmelden" in response.location
    for url in ("/beitraege/", "/karte/daten.json", "/karte/liste", "/jobboersen/kalender.ics",
                f"/karte/beitrag/{network.project.id}.json", "/api/v1/districts"):
        response = client.get(url)
        assert response.status_code == 200 and "GEHEIME-FRAGE" not in response.get_data(as_text=True)


def test_payloads_stay_text(network, client, login_as):
    thread = _ask(network, body=XSS)
    threads.reply(network.kca_coordinator, thread, body=XSS, now=NOW)
    login_as(network.kca_coordinator)
    for url in (f"/beitraege/{network.project.id}", f"/fragen/{thread.id}"):
        html = client.get(url).get_data(as_text=True)
        assert "<script>alert(1)</script>" not in html and 'onerror="alert(2)"' not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_bad_input_keeps_the_text_and_says_why(network, client, login_as, submit):
    thread = _ask(network)
    login_as(network.kca_coordinator)
    url = f"/fragen/{thread.id}"
    response = submit(url + "/antworten", {"body": "Siehe KCA", "mentions": ["987654"]}, page=url)
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "987654" in html and "Siehe KCA" in html
    response = submit(url + "/antworten", {"body": "y" * 5001}, page=url)
    assert response.status_code == 422 and "höchstens 5000" in response.get_data(as_text=True)
    response = submit(url + "/antworten", {"body": ""}, page=url)
    assert response.status_code == 422 and "einen Text" in response.get_data(as_text=True)
    assert Message.query.count() == 1


def test_answer_to_a_reply_hidden_meanwhile_is_409_with_the_text_kept(network, client, login_as,
                                                                       make_user):
    thread = _ask(network)
    answer = threads.reply(network.kca_coordinator, thread, body="Antwort", now=NOW)
    login_as(network.offenbach_coordinator)
    page = client.get(f"/fragen/{thread.id}?zitat={answer.id}").get_data(as_text=True)
    assert f'value="{answer.id}"' in page
    threads.hide(make_user(Role.MODERATOR), answer, reason="Falsch", now=NOW)
    response = client.post(f"/fragen/{thread.id}/antworten", data={
        "csrf_token": csrf_token_from(page), "body": "Meine Rückfrage", "quote_of": str(answer.id)})
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Meine Rückfrage" in html and "inzwischen von der Moderation ausgeblendet" in html


def test_closed_post_and_unknown_ids(network, client, login_as, submit, db):
    thread = _ask(network)
    login_as(network.offenbach_coordinator)
    network.project.status = "archived"
    db.session.commit()
    response = submit(f"/fragen/{thread.id}/antworten", {"body": "Noch da?"},
                      page=f"/fragen/{thread.id}")
    assert response.status_code == 409 and "Noch da?" in response.get_data(as_text=True)
    assert client.get("/fragen/999999").status_code == 404
    assert "gibt es nicht" in client.get("/fragen/999999").get_data(as_text=True)
    assert client.get("/fragen/antwort/999999/bearbeiten").status_code == 404
    assert client.get("/fragen/antwort/999999/melden").status_code == 404


def test_report_then_moderator_hides_with_a_reason_the_author_sees(network, client, login_as,
                                                                   submit, make_user, app):
    thread = _ask(network)
    answer = threads.reply(network.kca_coordinator, thread, body="Kauft bei uns!", now=NOW)
    login_as(network.offenbach_coordinator)
    response = submit(f"/fragen/antwort/{answer.id}/melden", {"reason": "Werbung"})
    assert response.status_code == 302 and Report.query.count() == 1
    moderator = make_user(Role.MODERATOR)
    mod_client = app.test_client()
    token = csrf_token_from(mod_client.get("/konto/anmelden").get_data(as_text=True))
    mod_client.post("/konto/anmelden", data={"csrf_token": token, "email": moderator.email,
                                             "password": TEST_PASSWORD})
    queue = mod_client.get("/moderation/austausch/").get_data(as_text=True)
    assert "Kauft bei uns!" in queue and "Werbung" in queue
    form = mod_client.get(f"/moderation/austausch/{answer.id}/ausblenden").get_data(as_text=True)
    response = mod_client.post(f"/moderation/austausch/{answer.id}/ausblenden", data={
        "csrf_token": csrf_token_from(form), "reason": "Werbung ist hier nicht erlaubt"})
    assert response.status_code == 302
    assert "Keine offenen Meldungen" in mod_client.get("/moderation/austausch/").get_data(
        as_text=True)
    html = client.get(f"/fragen/{thread.id}").get_data(as_text=True)
    assert "Kauft bei uns!" not in html and "Von der Moderation ausgeblendet" in html
    assert re.search(r"Werbung ist hier nicht erlaubt", html) is None  # only its author sees why


def test_author_edits_within_the_window(network, client, login_as, submit):
    thread = threads.ask_on_post(network.offenbach_coordinator, network.project,
                                 body="Wie habt ihr die Betriebe gefunden?", now=clock.utcnow())
    login_as(network.offenbach_coordinator)
    url = f"/fragen/antwort/{thread.opening.id}/bearbeiten"
    assert "Wie habt ihr" in client.get(url).get_data(as_text=True)
    response = submit(url, {"body": "Wie habt ihr die Träger gefunden?"})
    assert response.status_code == 302
    assert "Träger gefunden" in client.get(f"/fragen/{thread.id}").get_data(as_text=True)


def test_only_the_author_opens_the_edit_form(network, client, login_as):
    thread = _ask(network)
    login_as(network.kca_coordinator)
    assert client.get(f"/fragen/antwort/{thread.opening.id}/bearbeiten").status_code == 403
    assert client.get(f"/fragen/{thread.id}?zitat=abc").status_code == 200


def test_post_withdrawn_meanwhile_is_409_with_the_text_kept(network, client, login_as, db):
    thread = _ask(network)
    login_as(network.offenbach_coordinator)
    token = csrf_token_from(client.get(f"/fragen/{thread.id}").get_data(as_text=True))
    network.project.status = "unpublished"  # a moderator withdraws the KCA's post
    db.session.commit()
    for url in (f"/fragen/{thread.id}/antworten", f"/beitraege/{network.project.id}/fragen"):
        response = client.post(url, data={"csrf_token": token, "body": "Meine Rückfrage <b>"})
        html = response.get_data(as_text=True)
        assert response.status_code == 409, url
        assert "nicht (mehr) veröffentlicht" in html and "Meine Rückfrage &lt;b&gt;" in html
        assert network.project.title not in html and "Wie habt ihr" not in html
    assert Message.query.count() == 1
    assert client.get(f"/fragen/{thread.id}").status_code == 404  # reading it stays a 404
