"""BREACH: the CSRF token is written masked anew each time, so no compressed page holds the same
secret string twice; each masked value still passes the check, a changed one does not."""

from __future__ import annotations

import gzip

from tests.conftest import CSRF_RE


def _tokens(response) -> list[str]:
    body = response.get_data()
    if response.headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return CSRF_RE.findall(body.decode("utf-8"))


def test_every_written_token_is_a_different_string(client):
    pages = [client.get("/wochenuebersicht/", headers={"Accept-Encoding": "gzip"}) for _ in range(3)]
    assert pages[0].headers["Content-Encoding"] == "gzip"
    tokens = [token for page in pages for token in _tokens(page)]
    assert len(tokens) >= 6 and len(set(tokens)) == len(tokens)


def test_each_masked_token_is_accepted_and_a_changed_one_refused(client):
    tokens = _tokens(client.get("/konto/anmelden")) + _tokens(client.get("/wochenuebersicht/"))
    for token in tokens:
        answer = client.post("/language", data={"csrf_token": token, "locale": "de", "next": "/"})
        assert answer.status_code == 302, token
    changed = tokens[0][:10] + ("A" if tokens[0][10] != "A" else "B") + tokens[0][11:]
    refused = client.post("/language", data={"csrf_token": changed, "locale": "de"})
    assert refused.status_code == 400 and "Formular ist abgelaufen" in refused.get_data(as_text=True)
