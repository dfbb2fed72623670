"""Subscribers with the same preferences share one rendered digest, but each gets their own links."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from jobnet.digest.periods import period_for_slot
from jobnet.digest.rounds import run_round
from jobnet.digest.settings import DigestSettings
from jobnet.mail.transports import SMTPTransport
from jobnet.posts.models import Kind
from tests.digest.conftest import links_in, parts_of

SLOT = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)


def test_colleagues_with_the_same_preferences_each_get_their_own_links(
        app, db, smtp_server, make_post, make_subscription):
    make_post(Kind.SETTLEMENT, district_ags="06435", now=SLOT - timedelta(days=1),
              title="Logistikzentrum & Lager in Gelnhausen")
    make_post(Kind.PROJECT, district_ags="06435", now=SLOT - timedelta(days=2))
    first, second = make_subscription(), make_subscription()
    other = make_subscription(kinds=[Kind.SETTLEMENT.value])
    report = run_round(period_for_slot("weekly", SLOT),
                       settings=DigestSettings.from_config(app.config),
                       transport=SMTPTransport(smtp_server.host, smtp_server.port),
                       clock=lambda: SLOT + timedelta(minutes=1), sleep=lambda seconds: None)
    assert report.sent == 3
    received = {recipients[0]: message for recipients, message in smtp_server.messages}
    assert set(received) == {first.email, second.email, other.email}

    unsubscribe = {}
    for address, message in received.items():
        text, html = parts_of(message)
        assert "jobnet-" not in text + html  # no stand-in left for a link
        header = re.fullmatch(r"<(\S+)>", message["List-Unsubscribe"]).group(1)
        assert header in links_in(text)
        assert f'href="{header}"' in html
        unsubscribe[address] = header
    assert len(set(unsubscribe.values())) == 3

    def without_own_links(address):
        text, html = parts_of(received[address])
        for link in links_in(text):
            if "/wochenuebersicht/" in link:
                text, html = text.replace(link, "LINK"), html.replace(link, "LINK")
        return text, html

    # The same content for the two colleagues; the third chose settlements only.
    assert without_own_links(first.email) == without_own_links(second.email)
    assert "Projekt" in without_own_links(first.email)[0]
    assert without_own_links(other.email)[0] != without_own_links(first.email)[0]
