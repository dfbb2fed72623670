"""Site-wide behaviour: error pages, oversized requests, language switch, security headers."""

import pytest

from tests.conftest import csrf_token_from


def test_unknown_page_is_a_german_404_page(client):
    response = client.get("/gibt-es-nicht")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "Nicht gefunden" in page and "Zur Startseite" in page


def test_unknown_api_path_answers_json(client):
    response = client.get("/api/v1/gibt-es-nicht")
    assert response.status_code == 404
    assert "error" in response.get_json()


def test_wrong_method_is_405_not_500(client):
    assert client.delete("/").status_code == 405


def test_oversized_request_is_refused_with_413(client):
    response = client.post("/language", data={"locale": "en", "blob": "x" * 2_000_000})
    assert response.status_code == 413
    assert "zu groß" in response.get_data(as_text=True)


def test_form_without_csrf_token_is_refused_with_a_clear_message(client):
    response = client.post("/language", data={"locale": "en"})
    assert response.status_code == 400
    assert "Formular ist abgelaufen" in response.get_data(as_text=True)


def test_security_headers_and_cookie_flags(client):
    response = client.get("/konto/anmelden")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    session_cookie = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert session_cookie and "HttpOnly" in session_cookie[0] and "SameSite=Lax" in session_cookie[0]


OFF_SITE = ["https://evil.example/", "//evil.example/", "/\\evil.example", "/\t/evil.example",
            "/\n/evil.example", "/\r\n/evil.example", "/ /evil.example", "javascript:alert(1)",
            "/\x7f/evil.example", "http:/evil.example"]


@pytest.mark.parametrize("target", OFF_SITE)
def test_language_switch_never_redirects_off_site(client, target):
    token = csrf_token_from(client.get("/konto/anmelden").get_data(as_text=True))
    response = client.post("/language", data={"csrf_token": token, "locale": "en", "next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("target", OFF_SITE)
def test_login_never_redirects_off_site(client, login_as, target):
    # The same check as the language switch: a signed-in visitor sent to the login page.
    login_as()
    response = client.get("/konto/anmelden", query_string={"next": target})
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_redirects_to_own_paths_still_work(client):
    token = csrf_token_from(client.get("/konto/anmelden").get_data(as_text=True))
    response = client.post("/language", data={"csrf_token": token, "locale": "en",
                                              "next": "/beitraege/?kind=project&q=Jugend"})
    assert response.headers["Location"] == "/beitraege/?kind=project&q=Jugend"


def test_switching_to_english_translates_the_interface(client):
    page = client.get("/konto/anmelden").get_data(as_text=True)
    assert "Anmelden" in page
    token = csrf_token_from(page)
    client.post("/language", data={"csrf_token": token, "locale": "en", "next": "/konto/anmelden"})
    english = client.get("/konto/anmelden").get_data(as_text=True)
    assert 'lang="en"' in english
    assert "Sign in" in english and "Anmelden" not in english
    token = csrf_token_from(english)
    client.post("/language", data={"csrf_token": token, "locale": "de", "next": "/"})
    assert 'lang="de"' in client.get("/konto/anmelden").get_data(as_text=True)


def test_unknown_language_is_404(client):
    token = csrf_token_from(client.get("/konto/anmelden").get_data(as_text=True))
    assert client.post("/language", data={"csrf_token": token, "locale": "xx"}).status_code == 404


@pytest.mark.parametrize("path", ["/konto/anmelden", "/beitraege/", "/api/v1/geocode"])
def test_query_strings_that_are_not_utf8_are_a_400(client, path):
    response = client.get(f"{path}?q=%ff%fe")
    assert response.status_code == 400


def test_wrong_method_names_the_allowed_ones(client):
    response = client.post("/beitraege/")
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "HEAD"}
    api = client.delete("/api/v1/districts")
    assert api.status_code == 405 and "GET" in api.headers["Allow"] and "error" in api.get_json()


def test_error_page_renders_after_a_database_error(app, client, db, login_as, make_organisation,
                                                   monkeypatch):
    # A failed flush leaves the session unusable; the error page reads the signed-in user from
    # the database and so must roll back first, or people get the server's bare error text.
    from jobnet import pages
    from jobnet.accounts.models import Organisation

    login_as()
    taken = make_organisation().id

    def failing_home():
        db.session.add(Organisation(id=taken, name="Doppelt"))
        db.session.flush()

    monkeypatch.setattr(pages, "render_map_page", failing_home)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    response = client.get("/")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Interner Fehler" in page and "Abmelden" in page  # the full layout, signed in


def test_pages_and_api_answers_name_their_language_and_what_chose_it(client):
    for path in ["/konto/anmelden", "/api/v1/geocode?q=Hanau", "/api/v1/gibt-es-nicht"]:
        german = client.get(path, headers={"Accept-Language": "de-DE,de;q=0.9"})
        english = client.get(path, headers={"Accept-Language": "en-GB,en;q=0.8"})
        assert (german.headers["Content-Language"], english.headers["Content-Language"]) == ("de", "en")
        assert {"accept-language", "cookie"} <= {v.strip().lower() for v in
                                                 german.headers["Vary"].split(",")}
    assert client.get("/api/v1/gibt-es-nicht", headers={"Accept-Language": "en"}).get_json() != \
        client.get("/api/v1/gibt-es-nicht", headers={"Accept-Language": "de"}).get_json()


def test_gzip_and_identity_variants_never_share_a_strong_etag(client):
    # A strong ETag names one byte sequence; the gzip variant is another one.
    plain = client.get("/api/v1/districts")
    packed = client.get("/api/v1/districts", headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip" and "Content-Encoding" not in plain.headers
    assert plain.headers["ETag"] != packed.headers["ETag"] or packed.headers["ETag"].startswith("W/")
    again = client.get("/api/v1/districts", headers={"Accept-Encoding": "gzip",
                                                     "If-None-Match": packed.headers["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize("path", ["/karte/beitrag/abc.json", "/karte/beitrag/0.json",
                                  "/karte/beitrag/99999999999999999999.json"])
def test_json_endpoints_answer_errors_in_json(client, path):
    response = client.get(path)
    assert response.status_code == 404 and response.mimetype == "application/json"
    assert response.get_json()["error"]
