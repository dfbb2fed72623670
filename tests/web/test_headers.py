"""Security headers on the raw responses: the CSP read directive by directive, its nonce on every
inline script, HSTS, Permissions-Policy, no-store on personal pages, Secure cookies."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
import xstatic.pkg.leaflet

from jobnet import create_app
from jobnet.accounts.models import Role
from jobnet.clock import utcnow
from jobnet.digest.links import manage_token
from jobnet.posts.models import Kind
from jobnet.web.csp import csp_nonce

LEAFLET_JS = f"/vendor/leaflet/{xstatic.pkg.leaflet.VERSION}/leaflet.js"


def directives(response) -> dict[str, list[str]]:
    """The response's Content-Security-Policy as {directive: [sources]}."""
    policy = {}
    for part in response.headers["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        assert name not in policy, f"{name} twice"
        policy[name] = sources
    return policy


def nonce_of(response) -> str:
    nonces = [s for s in directives(response)["script-src"] if s.startswith("'nonce-")]
    assert len(nonces) == 1
    return nonces[0].removeprefix("'nonce-").removesuffix("'")


class PageScan(HTMLParser):
    """Inline scripts (with their nonce), event-handler and style attributes, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.inline_scripts: list[str | None] = []
        self.script_files: list[str] = []
        self.handlers: list[str] = []
        self.styles: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script":
            if values.get("src"):
                self.script_files.append(values["src"])
            else:
                self.inline_scripts.append(values.get("nonce"))
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.handlers.append(f"<{tag} {name}>")
            if name == "style":
                self.styles.append(f"<{tag} style>")


def scan(response) -> PageScan:
    parser = PageScan()
    parser.feed(response.get_data(as_text=True))
    parser.close()
    return parser


@pytest.fixture()
def settlement(make_post):
    return make_post(Kind.SETTLEMENT)  # its page has the catchment map and its inline data


@pytest.mark.parametrize("path", ["/", "/beitraege/", "/konto/anmelden", "/karte/daten.json",
                                  LEAFLET_JS, "/gibt-es-nicht"])
def test_every_response_has_a_strict_policy(client, settlement, path):
    response = client.get(path)
    policy = directives(response)
    script_src = policy["script-src"]
    assert "'self'" in script_src and len(script_src) == 2  # 'self' and this response's nonce
    for weak in ("'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"):
        assert weak not in script_src
    assert "'unsafe-inline'" not in policy["style-src"] and "'unsafe-inline'" not in policy.get(
        "style-src-attr", [])
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert response.headers["X-Frame-Options"] == "DENY"


def test_nonce_is_new_in_every_response_and_on_every_inline_script(client, settlement):
    pages = {"/": 2, f"/beitraege/{settlement.id}": 1}  # map: config and Folium's script
    seen = set()
    for path, inline in pages.items():
        for _ in range(2):
            response = client.get(path)
            nonce = nonce_of(response)
            assert scan(response).inline_scripts == [nonce] * inline, path
            assert nonce not in seen and len(nonce) >= 22  # at least 128 bits
            seen.add(nonce)


def test_nonce_belongs_to_the_request_even_when_the_app_context_outlives_it(app):
    with app.app_context():  # as in the CLI or a test: requests inside reuse its g
        nonces = []
        for _ in range(2):
            with app.test_request_context("/"):
                nonces.append(csp_nonce())
                assert csp_nonce() == nonces[-1]  # the same for the whole response
        assert nonces[0] != nonces[1]


@pytest.mark.parametrize("path", ["/", "/beitraege/", "/beitraege/{id}", "/konto/anmelden",
                                  "/wochenuebersicht/", "/gibt-es-nicht"])
def test_pages_run_nothing_the_policy_would_refuse(client, settlement, path):
    response = client.get(path.format(id=settlement.id))
    nonce, page = nonce_of(response), scan(response)
    assert all(script_nonce == nonce for script_nonce in page.inline_scripts)
    assert page.handlers == [] and page.styles == []
    assert all(src.startswith("/") and not src.startswith("//") for src in page.script_files)


@pytest.mark.parametrize(("tile_url", "source"), [
    ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
    ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
    (("https://sgx.geodatenzentrum.de/wmts_basemapde/tile/1.0.0/x/default/GLOBAL_WEBMERCATOR/"
      "{z}/{y}/{x}.png"), "https://sgx.geodatenzentrum.de"),
    ("http://tiles.kreis.example:8080/{z}/{x}/{y}.png", "http://tiles.kreis.example:8080"),
])
def test_images_come_from_the_app_and_the_configured_tile_host_only(app, client, monkeypatch,
                                                                     tile_url, source):
    monkeypatch.setitem(app.config, "MAP_TILE_URL", tile_url)
    # data: is the blank image Leaflet puts into a tile it stops loading.
    assert directives(client.get("/"))["img-src"] == ["'self'", "data:", source]


def test_without_tiles_images_come_from_the_app_only(client):
    assert directives(client.get("/"))["img-src"] == ["'self'", "data:"]


@pytest.mark.parametrize(("ancestors", "header", "frame_options"), [
    (["https://www.mkk.de", "https://*.kreis-offenbach.de"],
     ["https://www.mkk.de", "https://*.kreis-offenbach.de"], None),
    (["'self'"], ["'self'"], "SAMEORIGIN"),
    ("self https://www.mkk.de", ["'self'", "https://www.mkk.de"], None),  # as from JOBNET_*
])
def test_sites_allowed_to_frame_jobnet_come_from_configuration(ancestors, header, frame_options):
    app = create_app({"CSP_FRAME_ANCESTORS": ancestors, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    response = app.test_client().get("/konto/anmelden")
    assert directives(response)["frame-ancestors"] == header
    assert response.headers.get("X-Frame-Options") == frame_options


def test_hsts_only_when_the_public_address_is_https(app, client, monkeypatch):
    assert "Strict-Transport-Security" not in client.get("/").headers  # development: plain http
    assert "Strict-Transport-Security" not in client.get("/", base_url="https://localhost").headers
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://jobnet.kreis.example")
    for path in ("/", "/karte/daten.json", LEAFLET_JS):
        hsts = client.get(path).headers["Strict-Transport-Security"]
        assert int(hsts.removeprefix("max-age=")) >= 31536000


def test_permissions_policy_denies_what_jobnet_does_not_use(client):
    features = dict(part.strip().split("=") for part in
                    client.get("/").headers["Permissions-Policy"].split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "serial",
                    "browsing-topics", "display-capture"):
        assert features[feature] == "()"
    assert set(features.values()) == {"()"}


def cache_control(response) -> str:
    return response.headers.get("Cache-Control", "")


def test_personal_pages_are_never_stored(client, login_as, make_subscription, settlement):
    link = f"/wochenuebersicht/verwalten/{manage_token(make_subscription(), utcnow())}"
    public = ["/", "/beitraege/", f"/beitraege/{settlement.id}", "/konto/anmelden"]
    for path in public:
        assert "no-store" not in cache_control(client.get(path)), path
    assert cache_control(client.get(link)) == "no-store"  # a secret link, no sign-in needed
    assert cache_control(client.get("/api/v1/districts")).startswith("public")

    login_as(Role.ADMIN)
    for path in [*public[:3], "/konto/", "/verwaltung/nutzer", "/moderation/",
                 "/verwaltung/wochenuebersicht/", "/karte/daten.json", "/gibt-es-nicht"]:
        assert cache_control(client.get(path)) == "no-store", path
    # The same for everyone: files and public JSON keep their caching.
    assert "no-store" not in cache_control(client.get(LEAFLET_JS))
    assert "no-store" not in cache_control(client.get("/static/css/jobnet.css"))
    assert cache_control(client.get("/api/v1/districts")).startswith("public")


def test_digest_preview_mail_is_a_sandboxed_frame_with_its_own_styles(client, login_as,
                                                                      make_subscription):
    subscription = make_subscription()
    login_as(Role.ADMIN)
    page = client.get(f"/verwaltung/wochenuebersicht/{subscription.id}/vorschau")
    assert page.status_code == 200 and scan(page).styles == []
    frame = client.get(f"/verwaltung/wochenuebersicht/{subscription.id}/vorschau/mail")
    assert frame.status_code == 200 and 'style="' in frame.get_data(as_text=True)
    policy = directives(frame)
    assert policy["default-src"] == ["'none'"] and "script-src" not in policy
    assert policy["style-src"] == ["'unsafe-inline'"] and policy["sandbox"] == []
    assert policy["frame-ancestors"] == ["'self'"]
    assert frame.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert cache_control(frame) == "no-store"


def test_session_cookie_is_secure_except_in_local_development():
    for base_url, secure in [("http://127.0.0.1:5000", False),
                             ("https://jobnet.kreis.example", True),
                             ("http://jobnet.kreis.example", True)]:
        app = create_app({"PUBLIC_BASE_URL": base_url, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
        cookie = app.test_client().get("/konto/anmelden").headers["Set-Cookie"]
        assert ("; Secure" in cookie) is secure, base_url
        assert app.config["REMEMBER_COOKIE_SECURE"] is secure
