"""Digest benchmark: composing 10,000 digests over 10,000 posts, and SMTP sending on loopback.

Run: python bench/bench_digest.py  (takes about two minutes; uses a temporary SQLite file)
Prints digests/s (compose only, and compose + text + HTML + MIME), peak memory, the ratio against
composing each digest with its own database query, and messages/s to a local aiosmtpd server.

Issue 9's goals are printed next to the figures they concern (rendered >= 300 digests/s, a full
round >= 150 messages/s, peak RSS < 500 MB), and each figure next to a baseline measured in the
same run: composing with one query per subscription; composing and rendering every digest on
its own (before subscribers with the same preferences shared one; the subscribers' kinds,
districts and target groups vary, and the number of distinct preference sets is printed); sending with smtplib's send_message (which
re-serialises the message) instead of the transport's bytes; and the CPU the aiosmtpd sink used,
to show whether the receiving end limits the rate. No digest list is kept in memory.
"""

from __future__ import annotations

import os
import random
import resource
import secrets
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select

from jobnet import create_app
from jobnet.accounts.models import Organisation
from jobnet.digest import composer as composer_module
from jobnet.digest.compose import Wanted, compose
from jobnet.digest.composer import Composer
from jobnet.digest.index import PostIndex, _item
from jobnet.digest.links import subscriber_links
from jobnet.digest.models import Subscription
from jobnet.digest.periods import period_for_slot
from jobnet.digest.preferences import resolved_districts
from jobnet.digest.render import digest_message
from jobnet.digest.rounds import run_round
from jobnet.digest.settings import DigestSettings
from jobnet.extensions import db
from jobnet.geo.boundaries import load_boundaries
from jobnet.mail.transports import SMTPTransport
from jobnet.mail.wire import wire_bytes
from jobnet.posts.models import JobFair, Kind, Post, Programme, Project, Settlement, Status

POSTS, SUBSCRIPTIONS, BASELINE_SAMPLE, SMTP_MESSAGES = 10_000, 10_000, 500, 1_000
TARGET_GROUPS = ["youth_u25", "over_50", "refugees"]
SLOT = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
GOAL_RENDERED, GOAL_ROUND, GOAL_RSS_MB = 300, 150, 500
rng = random.Random(48)


def build(app) -> list[str]:
    districts = [area.ags for area in load_boundaries("hessen").districts()]
    with app.app_context():
        db.create_all()
        orgs = [Organisation(name=f"Jobcenter {ags}", district_ags=ags) for ags in districts]
        db.session.add_all(orgs)
        db.session.flush()
        models = {Kind.SETTLEMENT: Settlement, Kind.PROGRAMME: Programme, Kind.PROJECT: Project,
                  Kind.FAIR: JobFair}
        for number in range(POSTS):
            kind = rng.choice(list(Kind))
            ags = rng.choice(districts)
            # A year of posts: about 190 fall into one week's window.
            published = SLOT - timedelta(minutes=rng.randrange(365 * 24 * 60))
            extra = {Kind.SETTLEMENT: {"company": "Firma", "sector": "Logistik"},
                     Kind.PROGRAMME: {"programme_name": "Beruf", "programme_type": "new_training"},
                     Kind.PROJECT: {},
                     Kind.FAIR: {"starts_at": published + timedelta(days=30),
                                 "ends_at": published + timedelta(days=30, hours=5),
                                 "venue": "Stadthalle"}}[kind]
            post = models[kind](title=f"Beitrag {number} <b>fett</b>", summary="Kurzbeschreibung " * 8,
                                place="Ort", district_ags=ags, organisation=orgs[districts.index(ags)],
                                status=Status.PUBLISHED, published_at=published, links=[], **extra)
            if kind == Kind.PROJECT:
                post.target_groups = [rng.choice(TARGET_GROUPS)]
            db.session.add(post)
            if number % 1000 == 999:
                db.session.flush()
        db.session.flush()
        from jobnet.posts.models import SettlementCatchment
        for settlement_id, ags in db.session.execute(select(Settlement.id, Settlement.district_ags)):
            neighbours = [a.ags for a in load_boundaries("hessen").district_neighbours(ags)]
            db.session.add_all(SettlementCatchment(settlement_id=settlement_id, district_ags=d, share=0.3)
                               for d in [ags, *neighbours[:3]])
        modes = ["neighbours"] * 7 + ["list"] * 2 + ["all"]
        kinds = [k.value for k in Kind]
        # Most readers want everything in their district and its neighbours; some choose kinds
        # or a target group, so subscribers share fewer digests than their districts suggest.
        db.session.execute(insert(Subscription), [{
            "email": f"leser{n}@example.org",
            "kinds": kinds if rng.random() < 0.7 else rng.sample(kinds, rng.randint(1, 3)),
            "district_mode": (mode := rng.choice(modes)),
            "districts": [] if mode == "all" else [rng.choice(districts)],
            "include_catchment": True,
            "target_groups": [] if rng.random() < 0.8 else [rng.choice(TARGET_GROUPS)],
            "frequency": "weekly", "locale": "de",
            "link_nonce": secrets.token_hex(8), "consented_at": SLOT - timedelta(days=30),
            "created_at": SLOT, "updated_at": SLOT} for n in range(SUBSCRIPTIONS)])
        db.session.commit()
    return districts


@contextmanager
def sharing(enabled: bool):
    """Subscribers with the same preferences share one composed and rendered digest, or (as
    before that was built, the baseline) each gets their own."""
    kept = composer_module.SHARED_DIGESTS
    composer_module.SHARED_DIGESTS = kept if enabled else 0
    try:
        yield
    finally:
        composer_module.SHARED_DIGESTS = kept


def preference_sets(subscriptions) -> int:
    return len({(tuple(s.kinds), s.district_mode, tuple(s.districts), tuple(s.target_groups))
                for s in subscriptions})


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def verdict(value: float, goal: float, *, below: bool = False) -> str:
    met = value < goal if below else value >= goal
    return f"goal {'<' if below else '>='} {goal}: {'met' if met else 'MISSED'}"


def bench_compose(app) -> None:
    with app.app_context(), app.test_request_context():
        settings = DigestSettings.from_config(app.config)
        period = period_for_slot("weekly", SLOT)
        subscriptions = db.session.scalars(select(Subscription)).all()
        start = time.perf_counter()
        composer = Composer(period, settings, subscriptions)
        loaded = time.perf_counter() - start
        # Digests are composed and dropped one by one, as a round does: none is kept.
        items = 0
        start = time.perf_counter()
        with sharing(False):  # every digest composed on its own, as the baseline does
            for subscription in subscriptions:
                digest = composer.digest(subscription)
                items += sum(len(e) for _k, g in digest.sections for _l, e in g) + len(digest.fairs)
        composed = time.perf_counter() - start
        rendered = {}
        for shared in (False, True):
            with sharing(shared):
                renderer = Composer(period, settings, subscriptions)
                start = time.perf_counter()
                for subscription in subscriptions:
                    digest_message(to=subscription.email, subscription_id=subscription.id,
                                   period=period, digest=renderer.digest(subscription),
                                   links=subscriber_links(subscription, SLOT), locale="de")
                rendered[shared] = time.perf_counter() - start
        start, size = time.perf_counter(), 0
        start = time.perf_counter()
        for subscription in subscriptions[:SMTP_MESSAGES]:
            size += len(wire_bytes(digest_message(
                to=subscription.email, subscription_id=subscription.id, period=period,
                digest=composer.digest(subscription), links=subscriber_links(subscription, SLOT),
                locale="de")))
        wired = time.perf_counter() - start
        count = len(subscriptions)
        print(f"posts in window: {len(composer.index.all_items)} (+{len(composer.index.fairs)} upcoming fairs); "
              f"mean items per digest: {items / count:.1f}")
        print(f"compose (index load {loaded:.2f} s, once):   {count / (loaded + composed):8.0f} digests/s "
              f"({loaded + composed:.2f} s for {count})")
        print(f"preference sets: {preference_sets(subscriptions)} among {count} subscribers")
        baseline_rate = count / (loaded + rendered[False])
        rate = count / (loaded + rendered[True])
        print(f"compose + text + HTML + MIME:          {rate:8.0f} digests/s "
              f"({loaded + rendered[True]:.2f} s incl. index load; {verdict(round(rate), GOAL_RENDERED)})")
        print(f"  baseline, every digest its own:      {baseline_rate:8.0f} digests/s "
              f"(ratio {rate / baseline_rate:.2f}x)")
        print(f"  ... + wire bytes (CRLF, for DATA):   {SMTP_MESSAGES / wired:8.0f} digests/s "
              f"(first {SMTP_MESSAGES}, mean {size / SMTP_MESSAGES / 1024:.1f} KiB)")
        baseline(period, settings, subscriptions[:BASELINE_SAMPLE], count / (loaded + composed))


def baseline(period, settings, sample, indexed_rate) -> None:
    # The naive way: one database query per subscription for its posts, then compose.
    labels = {a.ags: a.label for a in load_boundaries("hessen").districts()}
    start = time.perf_counter()
    for subscription in sample:
        wanted = Wanted(frozenset(subscription.kinds), resolved_districts(
            subscription.district_mode, subscription.districts, "hessen"), True, frozenset())
        stmt = select(Post).where(Post.status == Status.PUBLISHED, Post.published_at >= period.since,
                                  Post.published_at < period.slot)
        if wanted.districts is not None:
            stmt = stmt.where(Post.district_ags.in_(wanted.districts))
        index = PostIndex(until=period.slot, fair_until=period.slot + timedelta(weeks=6))
        for post in db.session.scalars(stmt):
            today = period.slot.date()  # the reminder window of a round at the slot
            item = _item(post, post.published_at, labels, today)
            index.all_items.append(item)
            index.by_district[item.district_ags].append(item)
        compose(wanted, index, period.since)
        db.session.expire_all()
    rate = len(sample) / (time.perf_counter() - start)
    print(f"baseline, one query per subscription:  {rate:8.0f} digests/s (sample of {len(sample)})")
    print(f"ratio indexed / per-query baseline:    {indexed_rate / rate:8.1f}x")


def start_smtp_server(port: int) -> subprocess.Popen:
    """aiosmtpd in a process of its own, as a local mail server would run (not sharing our GIL)."""
    server = subprocess.Popen([sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}",
                               "-c", "aiosmtpd.handlers.Sink"])
    for _ in range(100):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return server
        time.sleep(0.05)
    raise RuntimeError("aiosmtpd did not start")


def sending_rate(send, sink_pid: int) -> tuple[float, float]:
    """Messages/s of SMTP_MESSAGES calls of send(), and the share of that time the sink was busy."""
    sink, start = cpu_seconds(sink_pid), time.perf_counter()
    for _ in range(SMTP_MESSAGES):
        send()
    elapsed = time.perf_counter() - start
    return SMTP_MESSAGES / elapsed, (cpu_seconds(sink_pid) - sink) / elapsed


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process (the sink), from /proc."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def bench_smtp(app) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = start_smtp_server(port)
    transport = SMTPTransport("127.0.0.1", port)
    try:
        with app.app_context(), app.test_request_context():
            period = period_for_slot("weekly", SLOT)
            subscription = db.session.scalars(select(Subscription)).first()
            composer = Composer(period, DigestSettings.from_config(app.config), [subscription])
            message = digest_message(to=subscription.email, subscription_id=subscription.id,
                                     period=period, digest=composer.digest(subscription),
                                     links=subscriber_links(subscription, SLOT), locale="de")
            size = len(wire_bytes(message)) // 1024
            with transport.session() as sender:
                rate, busy = sending_rate(lambda: sender.send(message), server.pid)
            print(f"SMTP, one reused connection:           {rate:8.0f} messages/s "
                  f"({SMTP_MESSAGES} messages, {size} KiB each; sink CPU {busy:.0%} busy)")
            # Baseline in the same run: smtplib's send_message, which copies the message and
            # serialises it again with its policy for every send.
            with smtplib.SMTP("127.0.0.1", port) as smtp:
                rate, busy = sending_rate(lambda: smtp.send_message(message), server.pid)
            print(f"  baseline, smtplib send_message:      {rate:8.0f} messages/s "
                  f"(sink CPU {busy:.0%} busy)")
            start = time.perf_counter()
            for _ in range(100):
                transport.send(message)
            print(f"SMTP, a new connection per message:    {100 / (time.perf_counter() - start):8.0f} messages/s")
            rates = {}
            for shared, first in ((False, 0), (True, SMTP_MESSAGES)):
                # Each round sends to its own thousand subscribers (the others are daily).
                db.session.execute(Subscription.__table__.update().values(frequency="daily"))
                db.session.execute(Subscription.__table__.update().where(
                    Subscription.id > first, Subscription.id <= first + SMTP_MESSAGES)
                    .values(frequency="weekly"))
                db.session.commit()
                round_subscriptions = db.session.scalars(select(Subscription).where(
                    Subscription.frequency == "weekly")).all()
                sink, start = cpu_seconds(server.pid), time.perf_counter()
                with sharing(shared):
                    report = run_round(period, settings=DigestSettings.from_config(app.config),
                                       transport=transport, clock=lambda: datetime.now(UTC),
                                       sleep=time.sleep)
                elapsed = time.perf_counter() - start
                sink = cpu_seconds(server.pid) - sink
                rates[shared] = rate = report.sent / elapsed
                label = ("full round (outbox claim + compose + send + mark)" if shared
                         else "  baseline round, every digest its own")
                goal = f"; {verdict(round(rate), GOAL_ROUND)}" if shared else ""
                print(f"{label}: {rate:6.0f} messages/s ({report.sent} sent, {report.skipped} "
                      f"skipped, {elapsed:.2f} s; {preference_sets(round_subscriptions)} preference "
                      f"sets; sink CPU {sink / elapsed:.0%} busy{goal})")
            print(f"  ratio round / baseline round:        {rates[True] / rates[False]:8.2f}x")
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite3", "TESTING": True,
                          "SECRET_KEY": "bench", "MAIL_TRANSPORT": "memory",
                          "PUBLIC_BASE_URL": "https://jobnet.example"})
        start = time.perf_counter()
        build(app)
        print(f"setup: {POSTS} posts, {SUBSCRIPTIONS} subscriptions in {time.perf_counter() - start:.1f} s")
        bench_compose(app)
        print(f"peak memory (maxrss, whole process):   {maxrss_mb():8.0f} MB")
        bench_smtp(app)
        rss = maxrss_mb()
        print(f"peak memory after the round:           {rss:8.0f} MB ({verdict(round(rss), GOAL_RSS_MB, below=True)})")


if __name__ == "__main__":
    main()
