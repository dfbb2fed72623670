"""oEmbed (https://oembed.com) for JobNet's map addresses, the builder's snippet and the frame
headers of the embedded map against every other page."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.web.test_headers import directives


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict] = []
        self.iframes: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "link":
            self.links.append(dict(attrs))
        if tag == "iframe":
            self.iframes.append(dict(attrs))


def parsed(html: str) -> Links:
    scan = Links()
    scan.feed(html)
    return scan


def oembed(client, url, **args):
    return client.get("/oembed", query_string={"url": url, "format": "json", **args})


def test_rich_answer_for_a_filtered_map(app, client):
    base = app.config["PUBLIC_BASE_URL"]
    response = oembed(client, f"{base}/?district=06631&kind=fair&colour=jobs", maxwidth="480")
    assert response.status_code == 200 and response.mimetype == "application/json"
    answer = response.json
    assert {"version": "1.0", "type": "rich", "provider_name": "JobNet Hessen"}.items() \
        <= answer.items()
    assert answer["width"] == 480 and answer["height"] == 600
    assert answer["title"] == "Jobbörsen in Landkreis Fulda – Karte von JobNet Hessen"
    frame = parsed(answer["html"]).iframes[0]
    assert frame["title"] == answer["title"] and frame["width"] == "480"
    src = urlsplit(frame["src"])
    assert src.path == "/karte/eingebettet"
    assert parse_qs(src.query) == {"district": ["06631"], "kind": ["fair"]}


@pytest.mark.parametrize(("args", "status"), [
    ({"url": "https://evil.example/?district=06631", "format": "json"}, 404),
    ({"url": "{base}/beitraege/", "format": "json"}, 404),
    ({"url": "{base}/", "format": "xml"}, 501),
    ({"url": "{base}/", "format": "yaml"}, 400),
    ({"format": "json"}, 400),
    ({"url": "{base}/", "format": "json", "maxwidth": "-5"}, 400),
    ({"url": "{base}/", "format": "json", "maxheight": "zwei"}, 400),
])
def test_bad_requests_get_a_clear_answer(app, client, args, status):
    base = app.config["PUBLIC_BASE_URL"]
    query = {name: value.format(base=base) for name, value in args.items()}
    response = client.get("/oembed", query_string=query)
    assert response.status_code == status
    assert response.json["error"]


def test_html_attributes_are_escaped(app, client):
    base = app.config["PUBLIC_BASE_URL"]
    answer = oembed(client, f'{base}/?q="><script>alert(1)</script>').json
    assert "<script>" not in answer["html"]
    assert len(parsed(answer["html"]).iframes) == 1


@pytest.mark.parametrize("path", ["/", "/karte/eingebettet?kind=project", "/einbetten"])
def test_pages_offer_discovery(app, client, path):
    links = [link for link in parsed(client.get(path).get_data(as_text=True)).links
             if link.get("type") == "application/json+oembed"]
    assert len(links) == 1
    endpoint = urlsplit(links[0]["href"])
    answer = client.get(f"{endpoint.path}?{endpoint.query}")
    assert answer.status_code == 200 and answer.json["type"] == "rich"


def test_only_the_embedded_map_may_be_framed(app, client):
    embedded = client.get("/karte/eingebettet?district=06435")
    assert directives(embedded)["frame-ancestors"] == ["'self'", "https:"]
    assert "X-Frame-Options" not in embedded.headers  # DENY would contradict the CSP
    for path in ("/", "/einbetten", "/beitraege/", "/oembed?url=x"):
        response = client.get(path)
        assert directives(response)["frame-ancestors"] == ["'none'"]
        assert response.headers["X-Frame-Options"] == "DENY"


def test_embedded_map_keeps_only_valid_filters_and_links_back(app, client):
    page = client.get("/karte/eingebettet?district=06435&kind=nonsense&target_group=youth_u25")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    filters = html.split('id="map-filters"')[1].split("</form>")[0]
    assert 'name="district" value="06435"' in filters and "nonsense" not in filters
    assert 'target="_blank"' in html  # JobNet's other pages refuse frames: links leave it
    assert "In JobNet öffnen" in html and "site-header" not in html


def test_builder_gives_the_snippet_for_its_filters(client):
    page = client.get("/einbetten?district=06435&target_group=youth_u25&width=640&height=9999")
    html = page.get_data(as_text=True)
    code = html.split('id="embed-code"')[1].split("</textarea>")[0]
    assert "district=06435" in code and "target_group=youth_u25" in code
    assert "width=&#34;640&#34;" in code
    preview = [f for f in parsed(html).iframes if f.get("id") == "embed-preview"][0]
    assert preview["width"] == "640" and preview["height"] == "600"  # 9999 refused: default
    assert preview["title"].startswith("Beiträge")
