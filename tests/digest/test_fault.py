"""Fault test: a slow SMTP server that refuses some messages (451), and the REAL scheduler process
killed three times mid-round, by the timed trigger's round and by start-up catch-ups.

The scheduler runs with libfaketime preloaded into the python process itself (no `faketime`
wrapper, which forks: its pid would be the wrapper's and the scheduler would survive the kill).
FAKETIME="@..." starts the wall clock at the given instant and lets it run at normal speed;
FAKETIME_DONT_FAKE_MONOTONIC keeps the monotonic clock real, because Python's timed waits (and
so APScheduler's wait for the next trigger) are measured on it. The first process starts ten
seconds before Monday 07:00 (Berlin) of 2026-W48, so its cron trigger fires; the restarts start
after the slot, so their start-up catch-up finishes the period. Every process gets its own
process group, which the fixture kills in a finally; the test then checks by pid that none is
left.
"""

from __future__ import annotations

import asyncio
import glob
import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from jobnet import create_app
from jobnet.accounts.models import Organisation
from jobnet.config import PROJECT_ROOT
from jobnet.digest.models import DeliveryStatus, DigestDelivery, Subscription
from jobnet.digest.render import message_id
from jobnet.extensions import db
from jobnet.posts.models import Settlement, Status
from tests.conftest import require_system_tool

SUBSCRIBERS = 150
PERIOD = "2026-W48"  # slot: Monday 23 November 2026, 07:00 Berlin time = 06:00 UTC
LIBFAKETIME = next(iter(sorted(glob.glob("/usr/lib/*/faketime/libfaketime.so.1")
                               + glob.glob("/usr/lib/faketime/libfaketime.so.1"))), None)
# (fake start in UTC, kill while the server holds this DATA number, counted over all runs)
# The first start leaves 10 s before the slot: a loaded machine took more than 4 s to start the
# scheduler, which then found the slot passed and caught up instead of waiting for its trigger.
RUNS = [("2026-11-23 05:59:50", 30),  # 10 s before the slot: the cron trigger's round
        ("2026-11-23 06:00:40", 70),  # after the slot: start-up catch-up, killed again
        ("2026-11-23 06:01:40", 110),  # and once more
        ("2026-11-23 06:02:40", None)]  # finishes the period
# Backoff 0: a refused message is due again at once. libfaketime also wraps clock_nanosleep, and
# Python's time.sleep fails under it (OSError) with a real monotonic clock; the scheduler then
# logs the aborted round and leaves it to the sweep, which is tested elsewhere.
ENV = {"JOBNET_SECRET_KEY": "fault-test", "JOBNET_MAIL_TRANSPORT": "smtp",
       "JOBNET_MAIL_HOST": "127.0.0.1", "JOBNET_DIGEST_RETRY_BACKOFF_SECONDS": "[0]",
       "JOBNET_DIGEST_RETRY_MAX_ATTEMPTS": "50", "JOBNET_LOG_LEVEL": "INFO", "TZ": "UTC"}


def _app(url: str):
    return create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True,
                       "MAIL_TRANSPORT": "memory", "SECRET_KEY": "fault-test"})


def _database(url: str) -> set[str]:
    """The subscribers and one post; returns the Message-IDs the period must produce."""
    app = _app(url)
    with app.app_context():
        db.create_all()
        organisation = Organisation(name="KCA Main-Kinzig-Kreis", district_ags="06435")
        db.session.add(Settlement(
            title="Logistikzentrum in Gelnhausen", summary="800 neue Arbeitsplätze.",
            place="Gelnhausen", district_ags="06435", organisation=organisation,
            status=Status.PUBLISHED, published_at=datetime(2026, 11, 20, 9, tzinfo=UTC),
            company="Beispiel GmbH", sector="Logistik", links=[]))
        db.session.add_all(Subscription(
            email=f"leser{number:03d}@example.org", kinds=["settlement"], district_mode="all",
            districts=[], target_groups=[], link_nonce=f"{number:016x}",
            consented_at=datetime(2026, 1, 1, tzinfo=UTC)) for number in range(SUBSCRIBERS))
        db.session.commit()
        expected = {message_id(sid, PERIOD)
                    for sid in db.session.scalars(db.select(Subscription.id))}
        db.engine.dispose()
    return expected


def _statuses(url: str) -> Counter:
    app = _app(url)
    with app.app_context():
        rows = db.session.execute(db.select(DigestDelivery.status, DigestDelivery.claimed_by)).all()
        db.engine.dispose()
    return Counter((status, claimed_by) for status, claimed_by in rows)


class SlowRefusingSink:
    """aiosmtpd handler: answers DATA after a short delay, refuses every 7th with 451, and kills
    the current scheduler while it holds the DATA numbered in `kill_at` (before answering, so
    that message is not delivered)."""

    def __init__(self) -> None:
        self.received, self.accepted = 0, []  # (Message-ID, recipients)
        self.current: subprocess.Popen | None = None
        self.kill_at: set[int] = set()
        self.killed: list[int] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.received += 1
        await asyncio.sleep(0.004)  # a server that takes its time to answer DATA
        if self.received in self.kill_at and self.current is not None:
            os.kill(self.current.pid, signal.SIGKILL)
            self.killed.append(self.current.pid)
            return "451 4.3.0 shutting down"
        if self.received % 7 == 0:
            return "451 4.3.0 Try again later"
        message = message_from_bytes(envelope.original_content or envelope.content,
                                     policy=policy.default)
        self.accepted.append((message["Message-ID"], tuple(envelope.rcpt_tos)))
        return "250 OK"


@pytest.fixture()
def sink():
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = SlowRefusingSink()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    handler.port = port
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture()
def processes():
    """Started schedulers; each in its own process group, all killed and reaped at the end."""
    started: list[subprocess.Popen] = []
    try:
        yield started
    finally:
        for process in started:
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            process.wait(timeout=10)
        for process in started:
            assert not Path(f"/proc/{process.pid}").exists(), f"process {process.pid} left"


def _start(url: str, port: int, fake_start: str, log: Path) -> subprocess.Popen:
    env = {**os.environ, **ENV, "JOBNET_SQLALCHEMY_DATABASE_URI": url,
           "JOBNET_MAIL_PORT": str(port), "LD_PRELOAD": LIBFAKETIME,
           "FAKETIME": f"@{fake_start}", "FAKETIME_DONT_FAKE_MONOTONIC": "1"}
    with log.open("ab") as output:
        return subprocess.Popen([sys.executable, "-m", "flask", "--app", "jobnet", "scheduler"],
                                cwd=PROJECT_ROOT, env=env, stdout=output, stderr=output,
                                start_new_session=True)


def _is_faked_scheduler(pid: int) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        maps = Path(f"/proc/{pid}/maps").read_text(errors="replace")
    except OSError:
        return False
    return b"scheduler" in cmdline and "libfaketime" in maps


def _wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)  # another process: its progress can only be polled


def test_slow_refusing_server_and_a_killed_scheduler_give_everyone_exactly_one_digest(
        tmp_path, sink, processes):
    require_system_tool(LIBFAKETIME, "libfaketime (apt-get install faketime)")
    url = f"sqlite:///{tmp_path / 'fault.sqlite3'}"
    expected = _database(url)
    log = tmp_path / "scheduler.log"
    sink.kill_at = {kill for _start_at, kill in RUNS if kill}
    accepted_before: list[int] = []
    for number, (fake_start, kill) in enumerate(RUNS):
        process = _start(url, sink.port, fake_start, log)
        processes.append(process)
        sink.current = process
        # The real scheduler, not a wrapper: the pid itself runs it, with libfaketime mapped in.
        _wait_for(lambda p=process: _is_faked_scheduler(p.pid), 10, "the scheduler to start")
        if kill is None:
            break
        _wait_for(lambda p=process: p.poll() is not None, 30, f"kill {number + 1}")
        assert process.returncode == -signal.SIGKILL and sink.killed[-1] == process.pid
        accepted_before.append(len(sink.accepted))

    def finished() -> bool:
        statuses = _statuses(url)
        return statuses == Counter({(DeliveryStatus.SENT, None): SUBSCRIBERS})

    _wait_for(finished, 30, "the last scheduler to finish the period")
    last = processes[-1]
    last.terminate()
    last.wait(timeout=10)

    logged = log.read_text(errors="replace")
    # The first process started before the slot: what it sent came from the cron trigger.
    assert "digest weekly: no slot to catch up within the grace" in logged
    assert logged.count(f"digest round {PERIOD} started") >= 4
    assert "claims of ended processes released" in logged
    assert "@example.org" not in logged
    # Some digests went out before each kill, the rest after the restarts.
    assert 0 < accepted_before[0] < accepted_before[1] < accepted_before[2] < SUBSCRIBERS
    per_id = Counter(mid for mid, _rcpts in sink.accepted)
    assert set(per_id) == expected and set(per_id.values()) == {1}
    per_recipient = Counter(rcpt for _mid, rcpts in sink.accepted for rcpt in rcpts)
    assert len(per_recipient) == SUBSCRIBERS and set(per_recipient.values()) == {1}
