"""The exports as outside readers see them: Python's csv, feedparser, gzip, HTTP validators."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re

import feedparser
import pytest

from jobnet.posts import services
from jobnet.posts.models import Kind
from tests.opendata.conftest import list_ids


def _rows(body: bytes, delimiter: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline=""),
                               delimiter=delimiter))


def test_excel_csv_has_bom_semicolons_crlf_and_decimal_commas(client, make_post):
    post = make_post(district_ags="06632")
    response = client.get("/beitraege/export-excel.csv")
    body = response.get_data()
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert body.startswith(b"\xef\xbb\xbfid;kind;url;")
    assert b"\r\n" in body and body.count(b"\n") == body.count(b"\r\n")
    [row] = _rows(body, ";")
    assert row["id"] == str(post.id) and row["latitude"] == "50,868"
    assert row["title"] == post.title and row["links"] == "https://example.org/info"
    assert re.match(r'attachment; filename="jobnet-beitraege-\d{4}-\d\d-\d\d\.csv"',
                    response.headers["Content-Disposition"])


def test_every_csv_row_names_its_licence_and_whom_to_credit(client, make_post):
    # A saved file has no HTTP Link header: the licence travels in the rows (issue 13, point 6).
    make_post(district_ags="06632")
    make_post(Kind.PROJECT)
    for url, delimiter in (("/beitraege/export-excel.csv", ";"), ("/beitraege/export.csv", ",")):
        rows = _rows(client.get(url).get_data(), delimiter)
        assert len(rows) == 2 and list(rows[0])[-2:] == ["license", "attribution"]
        for row in rows:
            assert row["license"] == ("Datenlizenz Deutschland – Namensnennung – Version 2.0 "
                                      "(https://www.govdata.de/dl-de/by-2-0)")
            assert row["attribution"].startswith("JobNet Hessen (http")
            assert "GeoBasis-DE / BKG" in row["attribution"]


def test_plain_csv_is_rfc4180_without_bom(client, make_post):
    make_post(Kind.PROJECT, target_groups=["youth_u25", "refugees"])
    body = client.get("/beitraege/export.csv?kind=project").get_data()
    assert body.startswith(b"id,kind,url,")
    [row] = _rows(body, ",")
    assert row["target_groups"] == "refugees | youth_u25" and row["participants"] == "40"
    assert "company" not in row  # only the chosen kind's columns


def test_a_formula_in_a_title_comes_out_inert(client, make_post):
    make_post(title='=HYPERLINK("http://x")', summary="@SUM(1+1) ist eine Formel, kein Text.")
    for url, delimiter in (("/beitraege/export-excel.csv", ";"), ("/beitraege/export.csv", ",")):
        [row] = _rows(client.get(url).get_data(), delimiter)
        assert row["title"] == "'=HYPERLINK(\"http://x\")"
        assert row["summary"].startswith("'@SUM")
        assert row["jobs_expected"] == "800"  # numbers stay numbers


def test_contact_only_in_exports_when_public(client, make_post):
    make_post(contact_name="Geheim Person", contact_email="geheim@example.org")
    make_post(contact_name="Offen Person", contact_email="offen@example.org", contact_public=True)
    body = client.get("/beitraege/export.csv").get_data(as_text=True)
    assert "offen@example.org" in body and "Offen Person" in body
    assert "geheim" not in body.lower()
    geo = client.get("/beitraege/export.geojson").get_data(as_text=True)
    assert "offen@example.org" in geo and "geheim" not in geo.lower()


@pytest.mark.parametrize("query", [
    "district=06632", "kind=fair", "target_group=youth_u25", "q=lager", "upcoming=y",
    "kind=settlement&district=06435", "district=06631&neighbours=y",
])
def test_exports_hold_exactly_what_the_list_shows(client, make_post, query):
    make_post(district_ags="06632", title="Lagerhalle in Bad Hersfeld")
    make_post(district_ags="06435")
    make_post(Kind.FAIR, district_ags="06632")
    make_post(Kind.PROJECT, district_ags="06435", target_groups=["youth_u25"])
    make_post(Kind.PROGRAMME, district_ags="06631", status="draft")
    shown = list_ids(client, query)
    assert shown  # every query here matches something
    csv_ids = {int(r["id"]) for r in _rows(client.get(f"/beitraege/export.csv?{query}")
                                          .get_data(), ",")}
    geo = json.loads(client.get(f"/beitraege/export.geojson?{query}").get_data())
    feed = feedparser.parse(client.get(f"/beitraege/feed.atom?{query}").get_data())
    feed_ids = {int(e.link.rsplit("/", 1)[1]) for e in feed.entries}
    assert csv_ids == shown == {f["id"] for f in geo["features"]} == feed_ids


def test_atom_feed_is_valid_with_stable_ids(client, make_post):
    post = make_post(title="Neues Rechenzentrum")
    first = feedparser.parse(client.get("/beitraege/feed.atom").get_data())
    assert first.bozo == 0, first.get("bozo_exception")
    assert first.version == "atom10"
    [entry] = first.entries
    assert entry.id.startswith("tag:") and entry.title == "Neues Rechenzentrum"
    assert entry.author == post.organisation.name and entry.summary == post.summary
    assert "Datenlizenz Deutschland" in first.feed.rights
    data = {"title": "Neues Rechenzentrum in Bad Hersfeld"}
    services.update_post(post, data, user=post.author, now=post.updated_at)
    again = feedparser.parse(client.get("/beitraege/feed.atom?kind=settlement").get_data())
    assert again.bozo == 0 and again.entries[0].id == entry.id
    assert again.entries[0].title == "Neues Rechenzentrum in Bad Hersfeld"


def test_the_list_and_map_offer_the_exports_with_their_filters(client, make_post):
    make_post()
    for page in ("/beitraege/?district=06632&kind=settlement", "/?district=06632&kind=settlement"):
        html = client.get(page).get_data(as_text=True)
        assert "Exportieren" in html
        for path in ("export-excel.csv", "export.csv", "export.geojson", "feed.atom"):
            assert re.search(rf'href="/beitraege/{re.escape(path)}\?[^"]*district=06632', html)
        assert re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]*'
                         r'href="/beitraege/feed.atom\?[^"]*kind=settlement', html)


def test_bad_filters_get_a_german_400_never_a_500(client):
    for url in ("/beitraege/export.csv?farbe=rot", "/beitraege/export.geojson?date_from=gestern",
                "/beitraege/feed.atom?district=01001", "/beitraege/export-excel.csv?kind=x"):
        response = client.get(url)
        assert response.status_code == 400, url
        assert "Der Export kann so nicht erstellt werden." in response.get_data(as_text=True)


def test_yes_no_filters_take_yes_or_no_and_nothing_else(client, make_post):
    # "maybe" used to read as yes (WTForms' BooleanField takes any text as true).
    make_post(Kind.FAIR)
    for url in ("/beitraege/export.csv?upcoming=maybe", "/beitraege/feed.atom?past=ja",
                "/beitraege/export.geojson?neighbours=%3Cscript%3E&district=06435",
                "/api/v1/posts?upcoming=2", "/jobboersen/kalender.ics?neighbours=abc"):
        response = client.get(url)
        assert response.status_code == 400, url
    for yes, no in (("y", "0"), ("1", "n"), ("true", "false"), ("on", "off")):
        assert len(_rows(client.get(f"/beitraege/export.csv?upcoming={yes}").get_data(), ",")) == 1
        assert client.get(f"/beitraege/export.csv?past={no}").status_code == 200
    page = client.get("/beitraege/?upcoming=maybe")
    assert page.status_code == 200 and "Einige Angaben waren ungültig" in page.get_data(as_text=True)


def test_streamed_exports_are_gzipped_and_revalidated(client, make_post):
    for _ in range(3):
        make_post()
    plain = client.get("/beitraege/export.geojson").get_data()
    packed = client.get("/beitraege/export.geojson", headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.get_data()) == plain
    assert packed.headers["Link"].startswith('<https://www.govdata.de/dl-de/by-2-0>; rel="license"')
    again = client.get("/beitraege/export.geojson", headers={"If-None-Match": packed.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b""
    make_post()
    changed = client.get("/beitraege/export.geojson", headers={"If-None-Match": packed.headers["ETag"]})
    assert changed.status_code == 200 and len(json.loads(changed.get_data())["features"]) == 4


def test_the_fields_page_lists_every_column_and_the_licence(client):
    from jobnet.opendata.records import columns
    html = client.get("/beitraege/export-felder").get_data(as_text=True)
    for column in columns():
        assert f"<code>{column.name}</code>" in html
    assert "Datenlizenz Deutschland" in html and "GeoBasis-DE / BKG" in html
    english = client.get("/beitraege/export-felder", headers={"Accept-Language": "en"})
    assert english.status_code == 200
