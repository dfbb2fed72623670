"""A question to the network in the digest, as received over SMTP and read by mailparser: in
the member's digest whose preferences match, never in a non-member's with the same preferences."""

from __future__ import annotations

from datetime import timedelta

from jobnet.accounts.models import Role
from jobnet.clock import utcnow
from jobnet.digest.jobs import digest_job
from jobnet.exchange import threads
from jobnet.mail.transports import SMTPTransport
from jobnet.posts.models import Kind
from tests.digest.conftest import monday_slot

QUESTION = "Wer hat Erfahrung mit der Teilqualifizierung im Lager?"


def test_question_goes_to_matching_members_only(app, db, raw_smtp_server, mailparser,
                                                make_subscription, make_user, make_organisation,
                                                make_post):
    offenbach = make_organisation("Jobcenter Kreis Offenbach", "06438")
    asker = make_user(Role.COORDINATOR, organisation=offenbach)
    member = make_user(Role.COORDINATOR, organisation=make_organisation("KCA", "06435"))
    slot = monday_slot(utcnow() + timedelta(days=1))
    make_post(Kind.SETTLEMENT, district_ags="06435", now=slot - timedelta(hours=6),
              title="Logistikzentrum in Hanau")
    threads.ask_network(asker, title=QUESTION, body="Details nur für Mitglieder", topic="training",
                        districts=["06435"], now=slot - timedelta(hours=5))
    make_subscription(member.email.upper(), districts=["06435"])  # matched case-insensitively
    make_subscription("leser@example.org", districts=["06435"])  # same preferences, no member
    make_subscription(asker.email.replace("@", "+x@"), districts=["06435"])
    other = make_user(Role.COORDINATOR, organisation=offenbach)
    make_subscription(other.email, districts=["06435"], kinds=["settlement"])  # not training

    transport = SMTPTransport(raw_smtp_server.host, raw_smtp_server.port)
    report = digest_job(app, "weekly", now=slot + timedelta(minutes=2), transport=transport)

    assert report.sent == 4
    parsed = {r.rcpt_tos[0].lower(): mail for r, mail in zip(
        raw_smtp_server.received, mailparser([r.raw for r in raw_smtp_server.received]),
        strict=True)}
    mine = parsed[member.email.lower()]
    assert QUESTION in mine["text"] and QUESTION in mine["html"]
    assert "1 Frage an das Netzwerk" in mine["subject"]
    assert any(f"/fragen/{n}" in mine["text"] for n in range(1, 5))
    for address in ("leser@example.org", asker.email.replace("@", "+x@").lower(),
                    other.email.lower()):
        received = parsed[address]
        assert "Logistikzentrum in Hanau" in received["text"]
        assert QUESTION not in received["text"] + received["html"] + received["subject"]
        assert "/fragen/" not in received["text"] + received["html"]
    assert "Details nur für Mitglieder" not in str(parsed)


def test_marks_count_in_members_digests_only(app, db, raw_smtp_server, mailparser,
                                              make_subscription, make_user, make_organisation,
                                              make_post):
    from jobnet.exchange import services
    from jobnet.exchange.models import MarkType

    kca = make_organisation("KCA", "06435")
    member = make_user(Role.COORDINATOR, organisation=kca)
    slot = monday_slot(utcnow() + timedelta(days=1))
    post = make_post(Kind.PROJECT, district_ags="06435", now=slot - timedelta(hours=6),
                     title="Coaching für junge Geflüchtete", author=member)
    for name, ags in (("Jobcenter Kreis Offenbach", "06438"), ("Jobcenter Fulda", "06631")):
        marker = make_user(Role.COORDINATOR, organisation=make_organisation(name, ags))
        services.save_mark(marker, post, MarkType.EXPERIENCE, now=slot - timedelta(hours=5),
                           note="Wir haben das 2025 gemacht.", contact_user_id=marker.id)
    interested = make_user(Role.COORDINATOR, organisation=make_organisation("Jobcenter Wetterau",
                                                                           "06440"))
    services.save_mark(interested, post, MarkType.INTEREST, now=slot - timedelta(hours=4))
    make_subscription(member.email, districts=["06435"])
    make_subscription("leser@example.org", districts=["06435"])  # same preferences, no member

    transport = SMTPTransport(raw_smtp_server.host, raw_smtp_server.port)
    report = digest_job(app, "weekly", now=slot + timedelta(minutes=2), transport=transport)

    assert report.sent == 2
    parsed = {r.rcpt_tos[0].lower(): mail for r, mail in zip(
        raw_smtp_server.received, mailparser([r.raw for r in raw_smtp_server.received]),
        strict=True)}
    line = "2 Organisationen haben Erfahrung damit, 1 hat Interesse"
    mine = parsed[member.email.lower()]
    assert line in mine["text"] and line in mine["html"]
    visitor = parsed["leser@example.org"]
    assert "Coaching für junge Geflüchtete" in visitor["text"]
    assert "Erfahrung" not in visitor["text"] + visitor["html"]


def test_questions_meet_members_by_target_group(app, db, raw_smtp_server, mailparser,
                                                make_subscription, make_user, make_organisation,
                                                make_post):
    offenbach = make_organisation("Jobcenter Kreis Offenbach", "06438")
    asker = make_user(Role.COORDINATOR, organisation=offenbach)
    kca = make_organisation("KCA", "06435")
    youth, older, anyone = (make_user(Role.COORDINATOR, organisation=kca) for _ in range(3))
    slot = monday_slot(utcnow() + timedelta(days=1))
    make_post(Kind.SETTLEMENT, district_ags="06435", now=slot - timedelta(hours=6),
              title="Logistikzentrum in Hanau")
    threads.ask_network(asker, title=QUESTION, body="Details", topic="training",
                        target_groups=["youth_u25", "refugees"], now=slot - timedelta(hours=5))
    for_all = "Wer bildet im Lager aus, ganz gleich für wen?"
    threads.ask_network(asker, title=for_all, body="Details", topic="training",
                        now=slot - timedelta(hours=4))
    # Same kinds and districts: only the target groups tell the three digests apart.
    make_subscription(youth.email, target_groups=["youth_u25", "over_50"])
    make_subscription(older.email, target_groups=["over_50"])
    make_subscription(anyone.email, target_groups=[])

    transport = SMTPTransport(raw_smtp_server.host, raw_smtp_server.port)
    report = digest_job(app, "weekly", now=slot + timedelta(minutes=2), transport=transport)

    assert report.sent == 3
    parsed = {r.rcpt_tos[0].lower(): mail for r, mail in zip(
        raw_smtp_server.received, mailparser([r.raw for r in raw_smtp_server.received]),
        strict=True)}
    for address in (youth.email, anyone.email):
        received = parsed[address.lower()]
        assert QUESTION in received["text"] and QUESTION in received["html"]
        assert for_all in received["text"] and "2 Fragen an das Netzwerk" in received["subject"]
    received = parsed[older.email.lower()]
    assert QUESTION not in received["text"] + received["html"]
    assert for_all in received["text"] and "1 Frage an das Netzwerk" in received["subject"]
