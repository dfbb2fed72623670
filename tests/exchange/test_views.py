"""The exchange's pages as members and visitors see them: status codes, text, headers."""

from __future__ import annotations

import re

from jobnet.accounts.models import Role
from jobnet.exchange import services
from jobnet.exchange.models import ExchangeMark, MarkType
from jobnet.posts.models import Kind, Status
from tests.exchange.conftest import NOW, XSS


def _mark_experience(net, note="Ähnliches Projekt 2025 in Dietzenbach."):
    return services.save_mark(net.offenbach_coordinator, net.project, MarkType.EXPERIENCE, now=NOW,
                              note=note, contact_user_id=net.offenbach_coordinator.id)


def test_member_marks_experience_through_the_form_and_the_post_shows_it(network, client, login_as,
                                                                          submit):
    login_as(network.offenbach_coordinator)
    url = f"/beitraege/{network.project.id}/austausch/erfahrung"
    response = submit(url, {"note": "Wir haben das 2025 gemacht.",
                            "contact_user_id": str(network.offenbach_coordinator.id)})
    assert response.status_code == 302
    page = client.get(f"/beitraege/{network.project.id}")
    html = page.get_data(as_text=True)
    assert "1 Organisation hat Erfahrung damit" in html
    assert "Wir haben das 2025 gemacht." in html and "Olaf Offen" in html
    assert "no-store" in page.headers["Cache-Control"]


def test_visitor_sees_nothing_of_the_exchange(network, client):
    _mark_experience(network, note="GEHEIME-NOTIZ")
    html = client.get(f"/beitraege/{network.project.id}").get_data(as_text=True)
    assert "GEHEIME-NOTIZ" not in html and "Erfahrung damit" not in html
    assert "Olaf Offen" not in html and "/organisationen/" not in html
    popup = client.get(f"/karte/beitrag/{network.project.id}.json").get_data(as_text=True)
    assert "GEHEIME-NOTIZ" not in popup and "Offenbach" not in popup
    for url in ("/organisationen/", f"/organisationen/{network.kca.id}",
                f"/beitraege/{network.project.id}/austausch/erfahrung"):
        response = client.get(url)
        assert response.status_code == 302 and "/konto/anmelden" in response.location
    response = client.post(f"/beitraege/{network.project.id}/austausch/interesse", data={})
    assert response.status_code in (302, 400)
    assert ExchangeMark.query.count() == 1


def test_note_with_a_payload_is_text(network, client, login_as):
    _mark_experience(network, note=XSS)
    login_as(network.kca_coordinator)
    for url in (f"/beitraege/{network.project.id}", f"/organisationen/{network.offenbach.id}"):
        html = client.get(url).get_data(as_text=True)
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_bad_mark_input_keeps_the_text_and_says_why(network, client, login_as, submit):
    login_as(network.offenbach_coordinator)
    url = f"/beitraege/{network.project.id}/austausch/erfahrung"
    response = submit(url, {"note": "", "contact_name": "Frau Beispiel"})
    assert response.status_code == 422
    assert "welche Erfahrung Ihre Organisation hat" in response.get_data(as_text=True)
    response = submit(url, {"note": "x" * 1001, "contact_name": "Frau Beispiel"})
    assert response.status_code == 422 and "höchstens 1000" in response.get_data(as_text=True)
    response = submit(url, {"note": "gut", "contact_user_id": "99999"})
    assert response.status_code == 422
    assert ExchangeMark.query.count() == 0


def test_marks_on_an_archived_post_are_refused_with_409(network, client, login_as, submit,
                                                         make_post):
    archived = make_post(Kind.PROJECT, author=network.kca_coordinator, status=Status.ARCHIVED)
    login_as(network.offenbach_coordinator)
    response = submit(f"/beitraege/{archived.id}/austausch/interesse", {"note": ""},
                      page=f"/beitraege/{network.project.id}/austausch/interesse")
    assert response.status_code == 409
    assert "nicht (mehr) veröffentlicht" in response.get_data(as_text=True)


def test_a_withdrawn_posts_mark_pages_are_404_for_other_organisations(network, client, login_as,
                                                                      submit, make_user):
    from jobnet.posts import services as post_services

    services.save_mark(network.offenbach_coordinator, network.project, MarkType.INTEREST, now=NOW)
    post_services.unpublish_post(network.project, moderator=make_user(Role.MODERATOR),
                                 reason="Bitte Quelle ergänzen.", now=NOW)
    login_as(network.offenbach_coordinator)
    url = f"/beitraege/{network.project.id}/austausch/interesse"
    assert client.get(url).status_code == 404
    response = submit(url + "/entfernen", {}, page="/organisationen/")
    assert response.status_code == 404  # not visible to them, so not removable either
    assert ExchangeMark.query.count() == 1  # the mark stays


def test_unknown_ids_are_404_with_a_message(network, client, login_as):
    login_as(network.offenbach_coordinator)
    response = client.get("/organisationen/999999")
    assert response.status_code == 404
    assert "gibt es in JobNet nicht" in response.get_data(as_text=True)
    assert client.get("/organisationen/99999999999999999999").status_code == 404
    assert client.get(f"/beitraege/{network.project.id}/austausch/lob").status_code == 404
    assert client.get("/beitraege/999999/austausch/erfahrung").status_code == 404
    assert client.get(f"/organisationen/{network.kca.id}/kontakte/999999").status_code == 403


def test_own_post_shows_interest_list_and_no_mark_buttons(network, client, login_as):
    services.save_mark(network.offenbach_coordinator, network.project, MarkType.INTEREST, now=NOW,
                       note="Gern mehr erfahren")
    login_as(network.kca_coordinator)
    html = client.get(f"/beitraege/{network.project.id}").get_data(as_text=True)
    assert "Interessiert an Ihrem Beitrag" in html and "Gern mehr erfahren" in html
    assert "/austausch/erfahrung" not in html
    response = client.get(f"/beitraege/{network.project.id}/austausch/erfahrung")
    assert response.status_code == 200  # the page opens, the service refuses the save


def test_concurrent_second_mark_is_409_with_the_input_kept(network, client, login_as, submit,
                                                            monkeypatch):
    login_as(network.offenbach_coordinator)
    url = f"/beitraege/{network.project.id}/austausch/interesse"
    page = client.get(url)
    services.save_mark(network.offenbach_coordinator, network.project, MarkType.INTEREST, now=NOW)
    monkeypatch.setattr(services, "find_mark", lambda *args: None)  # saw no mark before saving
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.get_data(as_text=True))
    response = client.post(url, data={"csrf_token": token.group(1), "note": "Meine Notiz"})
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Meine Notiz" in html and "gerade ebenso markiert" in html
    assert ExchangeMark.query.count() == 1


def test_rate_limit_answers_429_with_retry_after(network, client, login_as, submit, app):
    app.config["EXCHANGE_MARKS_PER_HOUR"] = 0
    try:
        login_as(network.offenbach_coordinator)
        response = submit(f"/beitraege/{network.project.id}/austausch/interesse", {"note": ""})
    finally:
        app.config["EXCHANGE_MARKS_PER_HOUR"] = 30
    assert response.status_code == 429 and int(response.headers["Retry-After"]) > 0


def test_coordinator_keeps_contacts_and_others_only_read(network, client, login_as, submit,
                                                         make_user):
    login_as(network.kca_coordinator)
    response = submit(f"/organisationen/{network.kca.id}/kontakte/neu",
                      {"topic": "integration", "name": "Ina Integration", "function": "Leitung",
                       "phone": "06051 000-3", "email": "ina@example.org"})
    assert response.status_code == 302
    response = submit(f"/organisationen/{network.kca.id}/kontakte/neu",
                      {"topic": "integration", "name": "Ohne Nummer"})
    assert response.status_code == 422
    client.post("/konto/abmelden", data={})
    client.cookie_jar.clear() if hasattr(client, "cookie_jar") else None
    other = make_user(Role.COORDINATOR, organisation=network.offenbach)
    client2 = client.application.test_client()
    from tests.conftest import TEST_PASSWORD, csrf_token_from
    token = csrf_token_from(client2.get("/konto/anmelden").get_data(as_text=True))
    client2.post("/konto/anmelden", data={"csrf_token": token, "email": other.email,
                                         "password": TEST_PASSWORD})
    html = client2.get(f"/organisationen/{network.kca.id}").get_data(as_text=True)
    assert "Ina Integration" in html and "06051 000-3" in html
    assert "/kontakte/neu" not in html
    assert client2.get(f"/organisationen/{network.kca.id}/kontakte/neu").status_code == 403
    assert client2.get(f"/organisationen/{network.kca.id}/verlauf").status_code == 403


def test_directory_groups_by_district_and_type_and_searches_topics(network, client, login_as,
                                                                   make_organisation):
    make_organisation("Jobcenter Frankfurt am Main", "06412", kind="partner")
    make_organisation("IHK Offenbach am Main", "06413", kind="partner")
    login_as(network.offenbach_coordinator)
    html = client.get("/organisationen/?group=type").get_data(as_text=True)
    assert html.index("Kommunale Jobcenter (Netzwerk)") < html.index("Jobcenter Kreis Offenbach")
    assert html.index("Gemeinsame Einrichtungen") < html.index("Jobcenter Frankfurt am Main") \
        < html.index("Weitere Partner") < html.index("IHK Offenbach am Main")
    html = client.get("/organisationen/?q=offenbach").get_data(as_text=True)
    assert "Kreis Offenbach" in html and "Main-Kinzig" not in html
    assert client.get("/organisationen/?topic=wetter").status_code == 400
    assert client.get("/organisationen/?group=type&q=" + "x" * 200).status_code == 400


def test_header_and_post_link_to_profiles_for_members(network, client, login_as):
    login_as(network.offenbach_coordinator)
    html = client.get(f"/beitraege/{network.project.id}").get_data(as_text=True)
    assert f'href="/organisationen/{network.kca.id}"' in html
    assert 'href="/organisationen/"' in html


def test_district_table_counts_marks_for_members_only(network, client, login_as, make_user):
    _mark_experience(network, note="Notiz")
    services.save_mark(network.offenbach_coordinator, network.project, MarkType.INTEREST, now=NOW)
    html = client.get("/").get_data(as_text=True)
    assert "Erfahrung (Mitglieder)" not in html and 'data-marks=' not in html
    login_as(network.kca_coordinator)
    html = client.get("/").get_data(as_text=True)
    row = re.search(r'<tr data-ags="06435".*?</tr>', html, re.S).group(0)
    assert '<td class="number" data-marks="experience">1</td>' in row
    assert '<td class="number" data-marks="interest">1</td>' in row
    total = re.search(r'<tfoot>.*?</tfoot>', html, re.S).group(0)
    assert 'data-marks="experience">1<' in total


def test_mark_counts_json_for_members_only_follows_the_filters(network, client, login_as):
    services.save_mark(network.offenbach_coordinator, network.project, MarkType.INTEREST, now=NOW)
    response = client.get("/karte/markierungen.json")
    assert response.status_code == 403 and "error" in response.get_json()
    login_as(network.kca_coordinator)
    response = client.get("/karte/markierungen.json?kind=project")
    assert response.get_json() == {"06435": {"experience": 0, "interest": 1}}
    assert "no-store" in response.headers["Cache-Control"]
    assert client.get("/karte/markierungen.json?kind=settlement").get_json() == {}
    html = client.get("/").get_data(as_text=True)
    assert 'data-marks-url="/karte/markierungen.json"' in html
