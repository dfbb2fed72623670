"""The region as configuration (issue 15): names, the outside rule and the demo follow the
region; with the all-Germany region no page, form or mail says "Hessen" unless a place does."""

from __future__ import annotations

import json
import re

import pytest

from jobnet.clock import local_today, utcnow
from jobnet.demo.loader import DemoRegionError, check_region
from jobnet.geo.boundaries import Boundaries
from jobnet.geo.regiondata import region_profile
from jobnet.geo.settings import EXTENSION_KEY, GeoSettings

ABROAD = {"Basel": (47.5596, 7.5886), "Strasbourg": (48.5734, 7.7521),
          "Vienna": (48.2082, 16.3738), "Salzburg": (47.7994, 13.0440),
          "Kreuzlingen": (47.6500, 9.1750)}
BORDER_TOWNS = {"Lörrach": (47.6156, 7.6614), "Kehl": (48.5726, 7.8155),
                "Konstanz": (47.6603, 9.1758), "Flensburg": (54.7937, 9.4469),
                "Büsingen": (47.6967, 8.6895)}


def test_hesse_keeps_its_names_and_30_km():
    profile = region_profile("hessen")
    assert profile.max_outside_km == 30
    assert profile.names_in("de").genitive == "Hessens"
    assert profile.names_in("en").whole_capitalised == "All of Hesse"
    assert GeoSettings().product_name == "JobNet Hessen"


def test_germany_ends_at_its_border_and_names_itself(app, national_region):
    settings = GeoSettings(region="deutschland")
    assert settings.product_name == "JobNet Deutschland"
    assert settings.max_outside_km == pytest.approx(0.2)
    for name, (lat, lon) in ABROAD.items():
        location = settings.boundaries.locate(lat, lon)
        assert not settings.accepts(location), name
    for name, (lat, lon) in BORDER_TOWNS.items():
        assert settings.accepts(settings.boundaries.locate(lat, lon)), name
    with app.test_request_context():
        message = settings.outside_message(settings.boundaries.locate(*ABROAD["Vienna"]))
    assert "194,5 km außerhalb Deutschlands" in message and "Hessen" not in message


def test_configured_distance_and_product_name_win(app):
    config = {**app.config, "GEO_MAX_OUTSIDE_KM": 5, "PRODUCT_NAME": "JobNet Rhein-Main"}
    settings = GeoSettings.from_config(config)
    assert settings.max_outside_km == 5 and settings.product_name == "JobNet Rhein-Main"


def _region_folder(tmp_path, name, keys):
    folder = tmp_path / name
    folder.mkdir()
    (folder / "metadata.json").write_text(json.dumps({"region": name, "key_prefix": "03",
                                                             "bounds": [6.6, 51.3, 11.6, 53.9]}))
    districts = [{"ags": key, "name": key, "kind": "Landkreis", "label": key, "neighbours": []}
                 for key in keys]
    (folder / "gazetteer.json").write_text(json.dumps(
        {"region": {"name": name, "key_prefix": "03"}, "districts": districts}))
    return folder


def test_demo_refuses_a_region_without_its_districts_and_says_why(app, db, tmp_path):
    region = _region_folder(tmp_path, "Niedersachsen", ["03152", "03159"])
    with pytest.raises(DemoRegionError, match=r"holds 0 of its 26 districts.*GEO_REGION"):
        check_region(Boundaries(region), local_today(utcnow()))
    previous = app.extensions.get(EXTENSION_KEY)
    app.extensions[EXTENSION_KEY] = GeoSettings(region=region)
    try:
        result = app.test_cli_runner().invoke(args=["demo", "load"])
    finally:
        app.extensions[EXTENSION_KEY] = previous
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "The demo network lies in Hesse" in result.output
    assert region_profile(region).names_in("de").genitive == "Niedersachsens"


def test_demo_fits_germany(national_region):
    check_region(Boundaries("deutschland"), local_today(utcnow()))  # no error


# Names of places that carry the state's name ("Langen (Hessen)") are allowed; so is the
# accessibility statement's legal basis, which follows the operator's state, not the map.
ALLOWED = re.compile(r"\w+ \(Hessen\)|Hessischen|des Landes Hessen|HessBGG"
                     # the state among the 16 (filters by state, the API's example)
                     r'|value="06">\s*Hessen<|label="Hessen"|<legend>Hessen<|06 Hessen|"name": ?"Hessen"')


def _text_of(message) -> str:
    parts = [str(message["Subject"])]
    parts += [part.get_content() for part in message.walk()
              if part.get_content_maintype() == "text"]
    return "\n".join(parts)


def test_no_hessen_with_the_germany_region(app, db, client, submit, login_as, national_region,
                                           mail_outbox):
    previous = app.extensions.get(EXTENSION_KEY)
    app.extensions[EXTENSION_KEY] = GeoSettings(region="deutschland")
    texts = {}
    try:
        public = ["/?x=de", "/beitraege/?x=de", "/impressum", "/datenschutz", "/barrierefreiheit",
                  "/wochenuebersicht/", "/konto/anmelden", "/api/v1/openapi.json", "/api/v1/ogc",
                  "/einbetten", "/beitraege/export-felder", "/jobboersen/",
                  "/jobboersen/kalender.ics", "/beitraege/feed.atom",
                  "/api/v1/locate?lat=48.2082&lon=16.3738"]
        for path in public:
            response = client.get(path)
            texts[path] = (json.dumps(response.get_json(), ensure_ascii=False)
                           if response.is_json else response.get_data(as_text=True))
        submit("/wochenuebersicht/", {"email": "leser@example.org", "kinds": ["fair"],
                                      "district_mode": "all", "frequency": "weekly",
                                      "locale": "de"})
        login_as()
        for path in ("/beitraege/neu/settlement", "/beitraege/neu/fair"):
            texts[path] = client.get(path).get_data(as_text=True)
        # A point in Vienna, typed into the form: refused, and the message names Germany.
        texts["refused point"] = submit("/beitraege/neu/settlement", {
            "title": "Test", "place": "Wien", "latitude": "48,2082",
            "longitude": "16,3738", "check_place": "Ort prüfen"}).get_data(as_text=True)
        texts.update({m["Subject"]: _text_of(m) for m in mail_outbox})
    finally:
        app.extensions[EXTENSION_KEY] = previous
    assert "JobNet Deutschland" in texts["/?x=de"], re.findall(r"<title>.*?</title>", texts["/?x=de"])
    assert "außerhalb Deutschlands" in texts[
        "/api/v1/locate?lat=48.2082&lon=16.3738"]
    assert "außerhalb Deutschlands" in texts["refused point"]
    assert len(mail_outbox) == 1 and "JobNet Deutschland" in _text_of(mail_outbox[0])
    found = {name: re.findall(r".{0,40}Hessens?.{0,20}", ALLOWED.sub("", text))[:3]
             for name, text in texts.items()}
    assert {name: hits for name, hits in found.items() if hits} == {}
