"""CSV import for coordinators: Excel's Windows-1252 with ";", plain UTF-8 with ",", row errors in
German, removing bad rows, all-or-nothing saving, history, duplicates, authorisation, bad files."""

from __future__ import annotations

import csv
import io
import re

import pytest
from sqlalchemy import func, select

from jobnet.accounts.models import Role
from jobnet.posts.models import Post, PostChange, Status
from tests.conftest import csrf_token_from

HEADER = ["kind", "title", "summary", "place", "company", "sector", "commute_radius_km",
          "target_groups"]
GOOD = ["settlement", "Logistikzentrum Bad Hersfeld", "Ein großes Logistikzentrum mit "
        "vielen Arbeitsplätzen für Lageristen.", "Bad Hersfeld", "Müller & Söhne GmbH",
        "Logistik", "30", ""]
GOOD2 = ["project", "Jugend in Arbeit Hünfeld", "Ein Projekt für junge Menschen unter 25 "
         "Jahren in Hünfeld.", "Hünfeld", "", "", "", "youth_u25, refugees"]
BAD = ["settlement", "X", "zu kurz", "Atlantis", "", "Logistik", "500", ""]


def csv_bytes(rows, sep=";", encoding="cp1252", bom=False) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=sep).writerows([HEADER, *rows])  # quoting as Excel and LibreOffice
    text = out.getvalue()
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


def upload(client, raw: bytes, name="liste.csv"):
    page = client.get("/beitraege/import/")
    return client.post("/beitraege/import/", data={
        "csrf_token": csrf_token_from(page.get_data(as_text=True)),
        "file": (io.BytesIO(raw), name)}, content_type="multipart/form-data")


def confirm(client, preview_url, keep, status="draft"):
    page = client.get(preview_url)
    return client.post(preview_url, data={
        "csrf_token": csrf_token_from(page.get_data(as_text=True)), "keep": [str(n) for n in keep],
        "status": status})


def post_count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Post))


@pytest.mark.parametrize(("sep", "encoding", "bom"), [
    (";", "cp1252", False),  # German Excel: "CSV (Trennzeichen-getrennt)"
    (",", "utf-8", True),  # "CSV UTF-8"
    (",", "utf-8", False),
])
def test_excel_and_utf8_files_import_with_history(client, db, login_as, sep, encoding, bom):
    user = login_as(Role.COORDINATOR)
    response = upload(client, csv_bytes([GOOD, GOOD2], sep, encoding, bom))
    assert response.status_code == 302
    preview = client.get(response.location).get_data(as_text=True)
    assert "Logistikzentrum Bad Hersfeld" in preview and "(Hersfeld-Rotenburg)" in preview
    assert preview.count("in Ordnung") == 2
    assert post_count(db) == 0  # nothing saved before the confirmation
    done = confirm(client, response.location, [2, 3], status="published")
    assert done.status_code == 302
    posts = db.session.scalars(select(Post).order_by(Post.id)).all()
    assert [p.title for p in posts] == [GOOD[1], GOOD2[1]]
    assert posts[0].company == "Müller & Söhne GmbH"  # Windows-1252 "ü" read right
    assert {p.status for p in posts} == {Status.PUBLISHED}
    assert posts[1].district_ags == "06631" and sorted(posts[1].target_groups) == [
        "refugees", "youth_u25"]
    assert all(p.organisation_id == user.organisation_id for p in posts)
    created = db.session.scalars(select(PostChange).where(
        PostChange.post_id == posts[0].id, PostChange.action == "created")).one()
    assert created.reason == "importiert aus CSV „liste.csv“, Zeile 2"
    history = client.get(f"/beitraege/{posts[0].id}/verlauf")
    if history.status_code == 200:
        assert "importiert aus CSV" in history.get_data(as_text=True)


def test_an_export_with_its_licence_columns_imports(client, db, login_as):
    # The export's last columns (license, attribution) are read past, not refused.
    login_as(Role.COORDINATOR)
    header = HEADER + ["license", "attribution"]
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(
        [header, GOOD + ["dl-de/by-2-0", "JobNet Hessen; © GeoBasis-DE / BKG"]])
    response = upload(client, out.getvalue().encode("utf-8"))
    assert response.status_code == 302
    assert confirm(client, response.location, [2]).status_code == 302
    assert [p.title for p in db.session.scalars(select(Post))] == [GOOD[1]]


def test_row_errors_in_german_and_bad_rows_removed(client, db, login_as):
    login_as(Role.COORDINATOR)
    response = upload(client, csv_bytes([GOOD, BAD, GOOD], ";"))
    preview_url = response.location
    page = client.get(preview_url).get_data(as_text=True)
    row3 = page.split('id="row-3"')[1].split("</tr>")[0]
    assert "Titel (title)" in row3 and "Diesen Ort kennt JobNet nicht" in row3
    assert "Pendelradius (km) (commute_radius_km)" in row3
    assert "Unternehmen (company)" in row3
    row4 = page.split('id="row-4"')[1].split("</tr>")[0]
    assert "Doppelt" in row4 and "Zeile 2" in row4
    assert 'value="3"' in row3 and "checked" not in row3.split("</td>")[0]
    # Confirming with a bad row kept saves nothing at all.
    refused = confirm(client, preview_url, [2, 3])
    assert refused.status_code == 400 and "Nichts wurde gespeichert" in refused.get_data(as_text=True)
    assert post_count(db) == 0
    assert confirm(client, preview_url, [2]).status_code == 302
    assert post_count(db) == 1
    assert db.session.scalar(select(Post.status)) == Status.DRAFT
    # The same file again: the row now equals a post the organisation has.
    again = client.get(upload(client, csv_bytes([GOOD], ";")).location).get_data(as_text=True)
    assert "Ihre Organisation hat diesen Beitrag schon" in again


def test_only_the_organisations_coordinators(app, client, db, login_as, make_user):
    owner = login_as(Role.COORDINATOR)
    preview_url = upload(client, csv_bytes([GOOD])).location
    colleague = make_user(Role.COORDINATOR, organisation=owner.organisation)
    stranger = make_user(Role.COORDINATOR)
    client.post("/konto/abmelden", data={"csrf_token": csrf_token_from(
        client.get("/beitraege/import/").get_data(as_text=True))})
    login_as(stranger)
    assert client.get(preview_url).status_code == 403
    token_page = client.get("/beitraege/import/").get_data(as_text=True)
    assert client.post(preview_url, data={"csrf_token": csrf_token_from(token_page),
                                          "keep": ["2"], "status": "draft"}).status_code == 403
    assert post_count(db) == 0
    client.post("/konto/abmelden", data={"csrf_token": csrf_token_from(
        client.get("/beitraege/import/").get_data(as_text=True))})
    login_as(colleague)
    assert confirm(client, preview_url, [2]).status_code == 302
    assert post_count(db) == 1
    client.post("/konto/abmelden", data={"csrf_token": csrf_token_from(
        client.get("/beitraege/import/").get_data(as_text=True))})
    login_as(Role.ORGANISER)
    assert upload(client, csv_bytes([GOOD])).status_code == 403


@pytest.mark.parametrize(("raw", "message"), [
    (b"", "Die Datei ist leer"),
    ("kind;title\n".encode("utf-16"), "UTF-16"),
    (b"kind;title\nsettlement;\x81\x8d\x8f\n", "Zeichenkodierung"),
    (b"kind\ttitle\tplace\nsettlement\tA\tB\n", "getrennt durch"),
    (b"kind;title;gehalt\nsettlement;A;1\n", "Unbekannte Spalten: gehalt"),
    (b"kind;title\n", "nur die Kopfzeile"),
    (b"kind;title\nsettlement;A;B;C\n", "mehr Zellen"),
])
def test_unreadable_files_get_a_clear_400(client, db, login_as, raw, message):
    login_as(Role.COORDINATOR)
    response = upload(client, raw)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert post_count(db) == 0


def test_unknown_kind_and_formula_cells(client, db, login_as):
    login_as(Role.COORDINATOR)
    rows = [["seminar", *GOOD[1:]],
            ["settlement", "=HYPERLINK(\"http://x\";\"klick\")", *GOOD[2:]],
            ["settlement", "'=1+2 Logistik", *GOOD[2:4], "Firma", "Logistik", "30", ""]]
    preview_url = upload(client, csv_bytes(rows, ";")).location
    page = client.get(preview_url).get_data(as_text=True)
    assert "Unbekannte Art „seminar“" in page
    assert confirm(client, preview_url, [3, 4]).status_code == 302
    titles = sorted(db.session.scalars(select(Post.title)))
    assert titles == ['=1+2 Logistik', '=HYPERLINK("http://x";"klick")']  # text, as typed


def test_50_mb_upload_is_refused_with_413(client, db, login_as):
    login_as(Role.COORDINATOR)
    response = upload(client, b"kind;title\n" + b"x" * (50 * 1024 * 1024))
    assert response.status_code == 413
    assert "zu groß" in response.get_data(as_text=True)
    assert post_count(db) == 0


def test_expired_or_made_up_uploads_are_404(client, db, login_as, monkeypatch):
    login_as(Role.COORDINATOR)
    preview_url = upload(client, csv_bytes([GOOD])).location
    assert re.fullmatch(r"/beitraege/import/[A-Za-z0-9_-]{32}", preview_url)
    assert client.get("/beitraege/import/" + "B" * 32).status_code == 404
    assert client.get("/beitraege/import/..%2f..%2fsecret_key").status_code == 404
