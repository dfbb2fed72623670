"""What reaches a real SMTP server, byte for byte, read back by mailparser (not Python's email).

Issue 9: literal List-Unsubscribe, subjects that decode exactly at any length, no encoded words
inside addresses, list and auto-reply headers, a real Date offset, Message-IDs without database
ids, a preheader, the envelope sender, and no TLS context for plain connections.
"""

from __future__ import annotations

import re
import ssl
from datetime import UTC, datetime, timedelta

import pytest

from jobnet.digest.jobs import digest_job
from jobnet.digest.models import DigestDelivery
from jobnet.digest.render import message_id
from jobnet.mail.messages import build_message, compose_message
from jobnet.mail.transports import SMTPTransport, transport_from_config
from jobnet.mail.wire import HeaderError, wire_header
from jobnet.posts.models import Kind

SLOT = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)  # Monday 07:00 Berlin, KW 48; daily 07:30
DAY = timedelta(days=1)
DATE = r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d"
LONG_SUBJECT = ("JobNet Hessen: 12 Ansiedlungen, 3 Berufsbilder, 7 Projekte, 4 Jobbörsen – KW 48 – "
                "Größere Übersicht für Frankfurt am Main, Gießen und Büdingen – Öffnungszeiten "
                "der Jobcenter – Äußerst lange Überschrift mit Umlauten, Gedankenstrichen – "
                "und Leerzeichen an Wortgrenzen: über – unter – ÄÖÜ äöü ß €")


def _header(block: str, name: str) -> list[str]:
    """Every occurrence of a header, as raw (folded) text after "Name: "."""
    return [m[1] for m in re.finditer(rf"^{name}: (.*(?:\r\n[ \t].*)*)\r\n", block, re.MULTILINE | re.IGNORECASE)]


def _one_line(block: str, name: str, pattern: str) -> str:
    """The header occurs once, unfolded, and its raw value matches `pattern` entirely."""
    [value] = _header(block, name)
    assert re.fullmatch(pattern, value), f"{name}: {value!r} does not match {pattern!r}"
    return value


def _assert_well_formed(block: str) -> None:
    lines = block.split("\r\n")[:-1]
    assert all(len(line) <= 998 for line in lines)
    assert all(re.fullmatch(r"[!-9;-~]+: .*|[ \t]+\S.*", line) for line in lines), lines
    assert "\n" not in block.replace("\r\n", "")  # CRLF only


@pytest.fixture()
def smtp_config(app, raw_smtp_server, monkeypatch):
    for key, value in {"MAIL_TRANSPORT": "smtp", "MAIL_HOST": raw_smtp_server.host,
                       "MAIL_PORT": raw_smtp_server.port, "MAIL_SECURITY": "none",
                       "MAIL_FROM": "JobNet Hessen – Übersicht <noreply@jobnet-hessen.example>",
                       "MAIL_RETURN_PATH": "bounces@jobnet-hessen.example",
                       "MAIL_LIST_ID_DOMAIN": "listen.jobnet-hessen.example",
                       "PUBLIC_BASE_URL": "https://www.jobnet-hessen.example"}.items():
        monkeypatch.setitem(app.config, key, value)
    transport = transport_from_config(app.config)
    monkeypatch.setitem(app.extensions, "jobnet_mail", transport)
    return transport


def test_weekly_and_daily_digests_on_the_wire(app, db, smtp_config, raw_smtp_server, mailparser,
                                             make_post, make_subscription):
    weekly = make_subscription("val3@bücher.example")
    daily = make_subscription("taeglich@example.org", frequency="daily")
    make_post(Kind.SETTLEMENT, district_ags="06435", now=SLOT - timedelta(hours=5),
              title="Rechenzentrum in Hanau")
    make_post(Kind.FAIR, district_ags="06435", now=SLOT - timedelta(hours=4), title="Jobmesse",
              starts_at=SLOT + 9 * DAY, ends_at=SLOT + 9 * DAY + timedelta(hours=5))
    make_post(Kind.FAIR, district_ags="06435", now=SLOT - 30 * DAY, title="Alte Messe",
              starts_at=SLOT + 10 * DAY, ends_at=SLOT + 10 * DAY + timedelta(hours=5))

    assert digest_job(app, "weekly", now=SLOT + timedelta(minutes=2), transport=smtp_config).sent == 1
    assert digest_job(app, "daily", now=SLOT + timedelta(minutes=32), transport=smtp_config).sent == 1
    [to_weekly, to_daily] = raw_smtp_server.received

    # The envelope: MAIL FROM is MAIL_RETURN_PATH, the recipient's domain in IDNA form.
    assert to_weekly.mail_from == "bounces@jobnet-hessen.example"
    assert to_weekly.rcpt_tos == ["val3@xn--bcher-kva.example"]
    assert to_daily.rcpt_tos == ["taeglich@example.org"]

    weekly_subject = "JobNet Hessen: 1 Ansiedlung, 1 Jobbörse – KW 48"  # the old fair is not new
    daily_subject = "JobNet Hessen: 1 Ansiedlung, 1 Jobbörse – Tagesübersicht 23.11.2026"
    for received, subscription, subject, list_name, period in (
            (to_weekly, weekly, weekly_subject, "Wochenuebersicht", "2026-W48"),
            (to_daily, daily, daily_subject, "Tagesuebersicht", "2026-11-23")):
        block = received.header_block
        _assert_well_formed(block)
        unsubscribe = _one_line(block, "List-Unsubscribe",
                                r"<https://www\.jobnet-hessen\.example/[^\s<>]+>")
        assert len(unsubscribe) > 78 - len("List-Unsubscribe: ")  # long enough to be folded
        _one_line(block, "List-Unsubscribe-Post", r"List-Unsubscribe=One-Click")
        _one_line(block, "List-Id", rf"JobNet Hessen {list_name}(\r\n)? "  # folded at a space
                                    rf"<{list_name.lower()}\.listen\.jobnet-hessen\.example>")
        _one_line(block, "Precedence", "bulk")
        _one_line(block, "Auto-Submitted", "auto-generated")
        _one_line(block, "Date", DATE + r" \+0100")  # November: CET
        _one_line(block, "From", r"=\?utf-8\?[bq]\?[^?\s]+\?=(\r\n)? <noreply@jobnet-hessen\.example>")
        mid = _one_line(block, "Message-ID", r"<digest\.[0-9a-f]{32}@jobnet-hessen\.example>")
        assert mid == message_id(subscription.id, period)
        assert mid == db.session.query(DigestDelivery).filter_by(
            subscription_id=subscription.id).one().message_id
        assert period not in mid  # and the pattern above leaves no room for the subscription's id
        assert all(re.fullmatch(r" ?=\?utf-8\?[bq]\?[^?\s]+\?=", part)
                   for part in _header(block, "Subject")[0].split("\r\n")), "Subject: encoded words only"
        assert "=?" not in "".join(_header(block, "To") + _header(block, "List-Unsubscribe")
                                   + _header(block, "List-Id") + _header(block, "Message-ID"))
    _one_line(to_weekly.header_block, "To", r"val3@xn--bcher-kva\.example")
    # Both parts as UTF-8 (8bit): every line of a digest fits SMTP's 998 octets.
    for received in (to_weekly, to_daily):
        assert re.findall(rb"Content-Transfer-Encoding: (\S+)", received.raw) == [b"8bit"] * 2
        assert "BODY=8BITMIME" in received.mail_options

    parsed_weekly, parsed_daily = mailparser([to_weekly.raw, to_daily.raw])
    assert parsed_weekly["subject"] == weekly_subject
    assert parsed_daily["subject"] == daily_subject
    # mailparser shows IDNA domains in Unicode: the punycode on the wire is the right domain.
    assert parsed_weekly["to"] == [{"name": "", "address": "val3@bücher.example"}]
    assert parsed_weekly["from"] == [{"name": "JobNet Hessen – Übersicht",
                                      "address": "noreply@jobnet-hessen.example"}]
    assert parsed_weekly["headers"]["list"]["unsubscribe"]["url"].startswith(
        "https://www.jobnet-hessen.example/")
    assert parsed_weekly["headers"]["list"]["id"]["id"] == "wochenuebersicht.listen.jobnet-hessen.example"
    assert parsed_daily["headers"]["list"]["id"]["id"] == "tagesuebersicht.listen.jobnet-hessen.example"
    assert datetime.fromisoformat(parsed_weekly["date"]) - datetime.now(UTC) < timedelta(minutes=1)
    assert "Wochenübersicht KW 48" in parsed_weekly["text"]
    assert "Tagesübersicht 23.11.2026" in parsed_daily["text"]
    assert "Wochenübersicht" not in parsed_daily["text"]
    # The preheader opens the HTML body, hidden (from Outlook by a conditional comment), with
    # what is new.
    body = parsed_weekly["html"].split("<body", 1)[1].split(">", 1)[1].lstrip()
    assert re.match(r'<!--\[if !mso\]><!--><div style="display:none;[^"]*">'
                    r"Neu in Ihren Kreisen: 1 Ansiedlung, 1 Jobbörse", body)


def test_subjects_of_any_length_decode_exactly(app, smtp_config, raw_smtp_server, mailparser):
    # Every length of a long German subject, so a fold falls on every kind of boundary: inside
    # a word, on a space, next to a dash or an umlaut.
    # (Leading and trailing spaces are left out: parsers trim them, and subjects have none.)
    subjects = sorted({LONG_SUBJECT[:end].strip() or "x" for end in range(1, len(LONG_SUBJECT) + 1)}
                      | {"Ab  doppelt  gesetzt – und  so", "Nur ASCII, aber" + " recht lang" * 12,
                         "=?utf-8?q?kein_encoded_word?= wörtlich"})
    with app.test_request_context(), SMTPTransport(raw_smtp_server.host, raw_smtp_server.port).session() as sender:
        for subject in subjects:
            sender.send(compose_message(to="leser@example.org", subject=subject, text="t", html="<p>h</p>"))
    raws = [received.raw for received in raw_smtp_server.received]
    assert [parsed["subject"] for parsed in mailparser(raws)] == subjects
    for received in raw_smtp_server.received:
        block = received.header_block
        _assert_well_formed(block)
        assert all(len(line) <= 78 for line in block.split("\r\n"))


def test_addresses_carry_no_encoded_words(app, smtp_config, raw_smtp_server, mailparser):
    with app.test_request_context():
        message = compose_message(to="Jürgen Müller <j.mueller@müller-bücher.example>, val3@bücher.example",
                                  subject="Test", text="t", html="<p>h</p>",
                                  headers=[("Reply-To", '"Büro, Jobcenter" <buero@jobcenter-gießen.example>')])
        smtp_config.send(message)
    [received] = raw_smtp_server.received
    block = received.header_block
    assert received.rcpt_tos == ["j.mueller@xn--mller-bcher-thbg.example", "val3@xn--bcher-kva.example"]
    _one_line(block, "To", r"=\?utf-8\?[bq]\?[^?\s]+\?= <j\.mueller@xn--mller-bcher-thbg\.example>,"
                           r"(\r\n)? val3@xn--bcher-kva\.example")
    for name in ("To", "From", "Reply-To"):
        [value] = _header(block, name)
        assert not re.search(r"[@.][^\s<>,]*=\?|=\?[^\s]*@", value), value  # never inside an address
    [parsed] = mailparser([received.raw])
    assert parsed["to"] == [{"name": "Jürgen Müller", "address": "j.mueller@müller-bücher.example"},
                            {"name": "", "address": "val3@bücher.example"}]  # shown in Unicode
    assert parsed["headers"]["reply-to"]["value"][0] == {
        "address": "buero@jobcenter-gießen.example", "name": "Büro, Jobcenter"}


@pytest.mark.parametrize(("region", "product", "name"), [
    ("hessen", "", "JobNet Hessen"),
    ("deutschland", "", "JobNet Deutschland"),
    ("hessen", "JobNet Baden-Württemberg, Test", "JobNet Baden-Württemberg, Test")])
def test_a_bare_from_address_is_named_after_the_product(app, smtp_config, raw_smtp_server,
                                                        mailparser, monkeypatch, national_region,
                                                        region, product, name):
    # A national installation must not write as "JobNet Hessen" (issue 15: names from the region).
    for key, value in {"MAIL_FROM": "noreply@jobnet.example", "GEO_REGION": region,
                       "PRODUCT_NAME": product}.items():
        monkeypatch.setitem(app.config, key, value)
    monkeypatch.delitem(app.extensions, "jobnet_geo", raising=False)
    with app.test_request_context():
        smtp_config.send(compose_message(to="a@example.org", subject="s", text="t", html="h"))
    [received] = raw_smtp_server.received
    assert received.mail_from == "bounces@jobnet-hessen.example"
    [parsed] = mailparser([received.raw])
    assert parsed["from"] == [{"name": name, "address": "noreply@jobnet.example"}]


def test_addresses_that_cannot_be_written_in_ascii_are_refused():
    for value in ("jürgen@example.org", "no-address", "a@b.example\r\nBcc: x@y.example"):
        with pytest.raises(HeaderError):
            wire_header("To", value)
    with pytest.raises(HeaderError):
        wire_header("List-Id", "Wochenübersicht <w.example>")  # structured: ASCII only


def test_account_and_confirmation_mails(app, smtp_config, raw_smtp_server, mailparser):
    with app.test_request_context():
        for _ in range(2):
            smtp_config.send(build_message("anna@bücher.example", "Neues Passwort für JobNet Hessen",
                                           "password_reset", name="Anna", link="https://x.example/r",
                                           hours=2))
        smtp_config.send(build_message("b@example.org", "Bitte bestätigen Sie Ihre Anmeldung",
                                       "confirm_subscription", link="https://x.example/c", hours=48,
                                       frequency="daily"))
    ids = []
    for received in raw_smtp_server.received:
        block = received.header_block
        _assert_well_formed(block)
        assert received.mail_from == "bounces@jobnet-hessen.example"
        _one_line(block, "Auto-Submitted", "auto-generated")
        assert not _header(block, "Precedence") and not _header(block, "List-Unsubscribe")
        _one_line(block, "Date", DATE + r" \+0[12]00")
        ids.append(_one_line(block, "Message-ID", r"<[0-9a-f]{32}@jobnet-hessen\.example>"))
    assert len(set(ids)) == 3
    _one_line(raw_smtp_server.received[0].header_block, "To", r"anna@xn--bcher-kva\.example")
    parsed = mailparser([received.raw for received in raw_smtp_server.received])
    assert parsed[0]["subject"] == "Neues Passwort für JobNet Hessen"
    assert "https://x.example/c" in parsed[2]["text"] and "die Tagesübersicht" in parsed[2]["text"]
    assert "die Wochenübersicht" in build_confirmation_text(app)  # frequency not given: weekly


def build_confirmation_text(app) -> str:
    with app.test_request_context():
        message = build_message("b@example.org", "s", "confirm_subscription", link="l", hours=1)
    return message.get_body(preferencelist=("plain",)).get_content()


def test_date_is_local_time_with_its_offset(app):
    with app.test_request_context():
        summer = compose_message(to="a@example.org", subject="s", text="t", html="h",
                                 now=datetime(2026, 7, 1, 10, 0, tzinfo=UTC))
        winter = compose_message(to="a@example.org", subject="s", text="t", html="h",
                                 now=datetime(2026, 1, 5, 10, 0, tzinfo=UTC))
    assert summer.as_bytes().split(b"\nDate: ")[1].startswith(b"Wed, 01 Jul 2026 12:00:00 +0200\n")
    assert winter.as_bytes().split(b"\nDate: ")[1].startswith(b"Mon, 05 Jan 2026 11:00:00 +0100\n")


def test_return_path_defaults_to_the_from_address(app, smtp_config, raw_smtp_server, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_RETURN_PATH", "")
    with app.test_request_context():
        transport_from_config(app.config).send(
            compose_message(to="a@example.org", subject="s", text="t", html="h"))
    assert raw_smtp_server.received[0].mail_from == "noreply@jobnet-hessen.example"


def test_a_plain_connection_builds_no_tls_context(app, raw_smtp_server, monkeypatch):
    built = []

    def create_default_context(*args, **kwargs):
        built.append(1)
        raise AssertionError("TLS context built for MAIL_SECURITY = none")

    monkeypatch.setattr(ssl, "create_default_context", create_default_context)
    with app.test_request_context():
        message = compose_message(to="a@example.org", subject="s", text="t", html="h")
    plain = SMTPTransport(raw_smtp_server.host, raw_smtp_server.port, "none")
    plain.send(message)
    with plain.session() as sender:
        sender.send(message)
    assert len(raw_smtp_server.received) == 2 and built == []
    with pytest.raises(AssertionError):
        SMTPTransport(raw_smtp_server.host, raw_smtp_server.port, "starttls").connect()
    assert built == [1]
