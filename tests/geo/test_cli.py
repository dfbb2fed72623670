"""`flask geo locate PLACE`: the geocode API's JSON on stdout, bad input exits 2 with a message."""

import json

import pytest


def run(app, *args):
    return app.test_cli_runner().invoke(args=["geo", "locate", *args])


def test_locate_prints_the_same_json_as_the_api(app, client):
    result = run(app, "Kassel")
    assert result.exit_code == 0, result.output
    assert "Landkreis Kassel" in result.stdout  # not escaped: ensure_ascii=False
    assert result.stdout.startswith('{\n  "query": "Kassel"')  # indented
    assert json.loads(result.stdout) == client.get("/api/v1/geocode?q=Kassel").get_json()


def test_locate_keeps_umlauts_readable_and_honours_limit(app, db):
    result = run(app, "Gießen", "--limit", "1")
    answer = json.loads(result.stdout)
    assert len(answer["results"]) == 1 and "Gießen" in result.stdout


def test_unknown_place_prints_the_hint(app, db):
    result = run(app, "Xyzzyhausen")
    assert result.exit_code == 0
    answer = json.loads(result.stdout)
    assert answer["results"] == [] and "Karte" in answer["hint"]


@pytest.mark.parametrize(("place", "message"), [
    ("", "Bitte geben Sie einen Ort an."),
    ("   ", "Bitte geben Sie einen Ort an."),
    pytest.param("x" * 10_000, "länger als 200 Zeichen", id="10000-characters"),
    ("Geln\x00hausen", "Steuerzeichen"),
    ("Geln\udcffhausen", "Steuerzeichen"),  # a non-UTF-8 byte in argv, as Python passes it on
    ("<script>alert(1)</script>", "Zeichen, die in keinem Ortsnamen vorkommen"),
])
def test_bad_input_exits_2_with_a_german_message_on_stderr(app, db, place, message):
    result = run(app, place)
    assert result.exit_code == 2
    assert message in result.stderr and result.stdout == ""
