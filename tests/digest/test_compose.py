"""Composing: matching preferences, grouping, catchment marks, fairs, subject line, escaping."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask_babel import force_locale

from jobnet.digest.composer import Composer
from jobnet.digest.jobs import digest_job
from jobnet.digest.periods import period_for_slot
from jobnet.digest.render import render_parts, subject_line
from jobnet.digest.settings import DigestSettings
from jobnet.posts.models import Kind

SLOT = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)  # Monday 07:00 Berlin, KW 48
DAY = timedelta(days=1)
LINKS = {"post": "https://jobnet.example/beitraege/", "manage": "https://m", "unsubscribe": "https://u",
         "subscribe": "https://s"}


def _digest(app, subscription):
    period = period_for_slot("weekly", SLOT)
    composer = Composer(period, DigestSettings.from_config(app.config), [subscription])
    return composer.digest(subscription), period


def _titles(digest) -> dict[str, list[str]]:
    return {kind: [e.item.title for _d, entries in groups for e in entries]
            for kind, groups in digest.sections}


def test_kinds_districts_and_window_are_respected(app, make_post, make_subscription):
    make_post(Kind.SETTLEMENT, district_ags="06435", now=SLOT - DAY, title="Neu im Kreis")
    make_post(Kind.SETTLEMENT, district_ags="06435", now=SLOT - 8 * DAY, title="Zu alt")
    make_post(Kind.SETTLEMENT, district_ags="06435", now=SLOT + DAY, title="Zu neu")
    make_post(Kind.PROGRAMME, district_ags="06435", now=SLOT - DAY, title="Nicht gewählt")
    make_post(Kind.SETTLEMENT, district_ags="06611", now=SLOT - DAY, title="Kassel")
    digest, _period = _digest(app, make_subscription(kinds=["settlement"], include_catchment=False))
    assert _titles(digest) == {"settlement": ["Neu im Kreis"]}


@pytest.mark.parametrize("mode,districts,expected", [
    ("list", ["06435"], {"Gelnhausen"}),
    ("neighbours", ["06435"], {"Gelnhausen", "Fulda", "Frankfurt"}),
    ("all", [], {"Gelnhausen", "Fulda", "Frankfurt", "Kassel"}),
])
def test_district_modes(app, make_post, make_subscription, mode, districts, expected):
    for ags, title in (("06435", "Gelnhausen"), ("06631", "Fulda"), ("06412", "Frankfurt"),
                       ("06611", "Kassel")):
        make_post(Kind.PROJECT, district_ags=ags, now=SLOT - DAY, title=title)
    digest, _ = _digest(app, make_subscription(district_mode=mode, districts=districts))
    assert set(_titles(digest)["project"]) == expected


def test_settlements_whose_catchment_reaches_the_district_are_marked(app, make_post, make_subscription):
    make_post(Kind.SETTLEMENT, district_ags="06631", now=SLOT - DAY, title="Fulda erreicht MKK")
    make_post(Kind.SETTLEMENT, district_ags="06611", now=SLOT - DAY, title="Kassel nicht")
    with_catchment, period = _digest(app, make_subscription())
    [(district, [entry])] = with_catchment.sections[0][1]
    assert (entry.item.title, entry.touches_you, district) == ("Fulda erreicht MKK", True, "Landkreis Fulda")
    with app.test_request_context():
        _subject, text, html = render_parts(with_catchment, period, LINKS)
    assert "betrifft Ihren Kreis" in text and "betrifft Ihren Kreis" in html
    without, _ = _digest(app, make_subscription(include_catchment=False))
    assert without.is_empty


def test_target_groups_filter_only_posts_that_name_groups(app, make_post, make_subscription):
    make_post(Kind.PROJECT, district_ags="06435", now=SLOT - DAY, title="U25", target_groups=["youth_u25"])
    make_post(Kind.PROJECT, district_ags="06435", now=SLOT - DAY, title="Ü50", target_groups=["over_50"])
    make_post(Kind.SETTLEMENT, district_ags="06435", now=SLOT - DAY, title="Ansiedlung")
    digest, _ = _digest(app, make_subscription(target_groups=["youth_u25"]))
    assert _titles(digest) == {"settlement": ["Ansiedlung"], "project": ["U25"]}


def test_grouped_by_kind_then_district_and_fairs_nearest_first(app, make_post, make_subscription):
    for ags in ("06631", "06435"):
        make_post(Kind.PROJECT, district_ags=ags, now=SLOT - DAY, title=f"Projekt {ags}")
    make_post(Kind.SETTLEMENT, district_ags="06435", now=SLOT - DAY, title="Ansiedlung")
    make_post(Kind.FAIR, district_ags="06435", now=SLOT - 30 * DAY, title="Später",
              starts_at=SLOT + 20 * DAY, ends_at=SLOT + 20 * DAY + timedelta(hours=4),
              registration_deadline=(SLOT + 15 * DAY).date())
    make_post(Kind.FAIR, district_ags="06435", now=SLOT - DAY, title="Bald",
              starts_at=SLOT + 3 * DAY, ends_at=SLOT + 3 * DAY + timedelta(hours=4))
    make_post(Kind.FAIR, district_ags="06435", now=SLOT - DAY, title="Zu weit",
              starts_at=SLOT + 50 * DAY, ends_at=SLOT + 50 * DAY + timedelta(hours=4))
    digest, period = _digest(app, make_subscription(district_mode="neighbours"))
    assert [kind for kind, _groups in digest.sections] == ["settlement", "project", "fair"]
    assert [district for district, _ in digest.sections[1][1]] == ["Landkreis Fulda", "Main-Kinzig-Kreis"]
    assert [e.item.title for e in digest.fairs] == ["Bald", "Später"]
    assert _titles(digest)["fair"] == ["Zu weit"]  # new, but beyond the six weeks
    with app.app_context():
        # Only what is new counts: "Später" was announced a month ago.
        assert subject_line(digest, period) == (
            "JobNet Hessen: 1 Ansiedlung, 2 Projekte, 2 Jobbörsen – KW 48")
        with force_locale("en"):
            assert subject_line(digest, period) == (
                "JobNet Hessen: 1 settlement, 2 projects, 2 job fairs – Week 48")
    with app.test_request_context():
        _s, text, _h = render_parts(digest, period, LINKS)
    assert "Anmeldeschluss" in text and text.index("Bald") < text.index("Später")
    # A new fair beyond the calendar's six weeks shows its date and venue too.
    far = text[text.index("* Zu weit"):].split("\n\n")[0]
    assert far.splitlines()[1].strip().startswith("12.01.2027") and "Ort: Messe Wächtersbach, Bad Hersfeld, Main-Kinzig-Kreis" in far
    assert "Neu in Ihren Kreisen: 1 Ansiedlung, 2 Projekte, 2 Jobbörsen" in text
    assert text.startswith("JobNet Hessen – Wochenübersicht KW 48\n")


def test_daily_digest_says_tagesuebersicht(app, make_post, make_subscription):
    make_post(Kind.PROJECT, district_ags="06435", now=SLOT - timedelta(hours=3), title="Projekt")
    subscription = make_subscription(frequency="daily")
    period = period_for_slot("daily", SLOT)
    digest = Composer(period, DigestSettings.from_config(app.config), [subscription]).digest(subscription)
    with app.test_request_context():
        subject, text, html = render_parts(digest, period, LINKS)
        with force_locale("en"):
            english, _t, _h = render_parts(digest, period, LINKS)
    assert subject == "JobNet Hessen: 1 Projekt – Tagesübersicht 23.11.2026"
    assert text.startswith("JobNet Hessen – Tagesübersicht 23.11.2026\n")
    assert "Tagesübersicht" in html and "Wochenübersicht" not in text + html
    assert english == "JobNet Hessen: 1 project – Daily digest 23 Nov 2026"


def test_a_place_is_not_repeated(app, make_post, make_subscription):
    make_post(Kind.PROJECT, district_ags="06412", now=SLOT - DAY, title="Frankfurter Projekt",
              place="Frankfurt am Main")
    make_post(Kind.PROJECT, district_ags="06435", now=SLOT - DAY, title="Hanauer Projekt", place="Hanau")
    digest, period = _digest(app, make_subscription(districts=["06412", "06435"]))
    with app.test_request_context():
        _s, text, html = render_parts(digest, period, LINKS)
    for part in (text, html):
        assert "Frankfurt am Main, Frankfurt am Main" not in part
        assert "Hanau, Main-Kinzig-Kreis" in part
    assert "  Frankfurt am Main · " in text


def test_html_part_escapes_post_text(app, make_post, make_subscription):
    make_post(Kind.SETTLEMENT, district_ags="06435", now=SLOT - DAY,
              title='<img src=x onerror="alert(1)">', summary="<script>alert('x')</script> Text")
    digest, period = _digest(app, make_subscription())
    with app.test_request_context():
        _s, _t, html = render_parts(digest, period, LINKS)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html


def test_nothing_new_sends_nothing_unless_configured(app, make_subscription, mail_outbox, monkeypatch):
    make_subscription()
    report = digest_job(app, "weekly", now=SLOT + timedelta(minutes=1))
    assert (report.sent, report.skipped, mail_outbox) == (0, 1, [])
    monkeypatch.setitem(app.config, "DIGEST_SEND_EMPTY", True)
    make_subscription()
    report = digest_job(app, "weekly", now=SLOT + timedelta(minutes=1))
    assert report.sent == 1 and "nichts Neues" in mail_outbox[0]["Subject"]


def test_a_venue_named_in_the_place_is_not_repeated(app, make_post, make_subscription):
    # Beyond the calendar weeks, so it is listed with the new posts (a past fair cannot be
    # published any more).
    make_post(Kind.FAIR, district_ags="06412", now=SLOT - DAY, title="Messe am Flughafen",
              place="Frankfurt am Main, Terminal 1", venue="Terminal 1",
              starts_at=SLOT + 90 * DAY, ends_at=SLOT + 90 * DAY + timedelta(hours=6))
    digest, period = _digest(app, make_subscription(districts=["06412"]))
    with app.test_request_context():
        _s, text, html = render_parts(digest, period, LINKS)
    for part in (text, html):
        assert "Ort: Terminal 1, Frankfurt am Main · " in part  # each name once


@pytest.mark.parametrize(("parts", "line"), [
    # The demo's fairs: the city and the hall were each said twice.
    (["Kongress Palais Kassel", "Kassel, Kongress Palais", "Kassel"], "Kongress Palais Kassel"),
    (["IHK Frankfurt am Main, Börsenplatz", "Frankfurt am Main, IHK am Börsenplatz"],
     "IHK Frankfurt am Main, Börsenplatz, IHK am Börsenplatz"),
    (["Bürgerhaus Dietzenbach", "Dietzenbach, Bürgerhaus", "Kreis Offenbach"],
     "Bürgerhaus Dietzenbach, Kreis Offenbach"),
    # Hyphens bind: Marburg is not said by Marburg-Biedenkopf, nor the reverse.
    (["Erwin-Piscator-Haus", "Marburg", "Marburg-Biedenkopf"],
     "Erwin-Piscator-Haus, Marburg, Marburg-Biedenkopf"),
    (["Halle C++", "c++", ""], "Halle C++"),
])
def test_a_name_said_inside_an_earlier_one_is_left_out(parts, line):
    from jobnet.templating import place_line

    assert place_line(parts) == line


def test_a_city_named_in_the_venue_is_not_repeated(app, make_post, make_subscription):
    make_post(Kind.FAIR, district_ags="06412", now=SLOT - DAY, title="IHK-Messe",
              place="Frankfurt am Main, IHK am Börsenplatz", venue="IHK Frankfurt am Main, Börsenplatz",
              starts_at=SLOT + 90 * DAY, ends_at=SLOT + 90 * DAY + timedelta(hours=6))
    digest, period = _digest(app, make_subscription(districts=["06412"]))
    with app.test_request_context():
        _s, text, html = render_parts(digest, period, LINKS)
    for part in (text, html):
        [where] = [line for line in part.splitlines() if "Ort: " in line]
        assert "Ort: IHK Frankfurt am Main, Börsenplatz, IHK am Börsenplatz · " in where
        assert where.count("Frankfurt am Main") == 1  # was: "…, Börsenplatz, Frankfurt am Main, …"
