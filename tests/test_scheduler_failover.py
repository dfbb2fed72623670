"""Two real scheduler processes on one PostgreSQL database: one leads (advisory lock), the leader
is killed with SIGKILL in the middle of a digest round, the other takes over and finishes it,
and the SMTP server receives every digest exactly once.

The daily digest time is set to two minutes ago, so whichever scheduler leads runs the round at
once (its start-up catch-up) without a fake clock. The server holds the DATA numbered KILL_AT
unanswered until the test knows who leads and that the other one waits, then kills the leader:
that message is not delivered, its row stays claimed by a dead process and is sent again.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from jobnet.clock import LOCAL_TIMEZONE
from jobnet.config import PROJECT_ROOT
from jobnet.leadership import APPLICATION_NAME, LOCK_KEY
from tests.conftest import serving_smtp
from tests.postgresql import scratch_database

SUBSCRIBERS = 120
KILL_AT = 40  # the leader dies while the server holds this DATA
RETRY_SECONDS = 0.2  # injected through the configuration: the code has no test sleeps
# A loaded machine may take half a minute to start a scheduler: the held DATA must outlast that.
STARTUP_SECONDS = 120


class KillingSink:
    """aiosmtpd handler: keeps what it accepted; at DATA number KILL_AT waits for `victim` to be
    named, kills it with SIGKILL and never delivers that message."""

    def __init__(self) -> None:
        self.received = 0
        self.accepted: list[tuple[str, tuple[str, ...]]] = []  # (Message-ID, recipients)
        self.victim: subprocess.Popen | None = None
        self.killed: tuple[int, int, float] | None = None  # (pid, accepted before, monotonic)

    async def handle_DATA(self, server, session, envelope) -> str:
        self.received += 1
        if self.received == KILL_AT:
            for _ in range(STARTUP_SECONDS * 10):  # until the test has seen the election
                if self.victim is not None:
                    break
                await asyncio.sleep(0.1)
            if self.victim is not None:
                os.kill(self.victim.pid, signal.SIGKILL)
                self.killed = (self.victim.pid, len(self.accepted), time.monotonic())
            return "451 4.3.0 shutting down"
        message = message_from_bytes(envelope.original_content or envelope.content,
                                     policy=policy.default)
        self.accepted.append((str(message["Message-ID"]), tuple(envelope.rcpt_tos)))
        return "250 OK"


def _fill(url: str) -> None:
    """SUBSCRIBERS daily subscribers, confirmed long ago (empty digests are sent too)."""
    from jobnet import create_app
    from jobnet.digest.models import Subscription
    from jobnet.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True, "SECRET_KEY": "failover",
                      "MAIL_TRANSPORT": "memory"})
    with app.app_context():
        db.session.add_all(Subscription(
            email=f"leser{number:03d}@example.org", kinds=["settlement"], district_mode="all",
            districts=[], target_groups=[], frequency="daily", link_nonce=f"{number:016x}",
            consented_at=datetime(2026, 1, 1, tzinfo=UTC)) for number in range(SUBSCRIBERS))
        db.session.commit()
        db.engine.dispose()


def _daily_time_just_passed() -> str:
    slot = datetime.now(LOCAL_TIMEZONE) - timedelta(minutes=2)
    if slot.hour == 2:  # the DST window is refused; 01:59 is still within the catch-up grace
        slot = slot.replace(hour=1, minute=59)
    return f"{slot:%H:%M}"


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


def _start(url: str, port: int, daily: str, log: Path) -> subprocess.Popen:
    env = {**os.environ, "JOBNET_SQLALCHEMY_DATABASE_URI": url, "JOBNET_SECRET_KEY": "failover",
           "JOBNET_MAIL_TRANSPORT": "smtp", "JOBNET_MAIL_HOST": "127.0.0.1",
           "JOBNET_MAIL_PORT": str(port), "JOBNET_MAIL_TIMEOUT_SECONDS": str(STARTUP_SECONDS + 30),
           "JOBNET_DIGEST_DAILY_TIME": f'"{daily}"',
           "JOBNET_DIGEST_SEND_EMPTY": "true", "JOBNET_LOG_LEVEL": "INFO",
           "JOBNET_SCHEDULER_LEADER_RETRY_SECONDS": str(RETRY_SECONDS),
           "JOBNET_SCHEDULER_LEADER_CHECK_SECONDS": str(RETRY_SECONDS)}
    with log.open("ab") as output:
        return subprocess.Popen([sys.executable, "-m", "flask", "--app", "jobnet", "scheduler"],
                                cwd=PROJECT_ROOT, env=env, stdout=output, stderr=output,
                                start_new_session=True)


def _wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while not (result := condition()):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)  # other processes: their progress can only be polled
    return result


def test_the_leader_killed_mid_round_hands_over_and_every_digest_goes_out_once(
        tmp_path, processes):
    with scratch_database("failover") as url, serving_smtp(KillingSink()) as sink:
        _fill(url)
        engine = create_engine(url)

        def holder_pid() -> int | None:
            with engine.connect() as connection:
                name = connection.scalar(text(
                    "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a "
                    "ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
                    "AND l.classid = :high AND l.objid = :low"),
                    {"high": LOCK_KEY >> 32, "low": LOCK_KEY & 0xFFFF_FFFF})
            prefix = f"{APPLICATION_NAME} {socket.gethostname()[:40]}:"
            return int(name.removeprefix(prefix)) if name and name.startswith(prefix) else None

        def statuses() -> Counter:
            with engine.connect() as connection:
                return Counter(connection.scalars(text("SELECT status FROM digest_delivery")))

        daily = _daily_time_just_passed()
        logs = [tmp_path / "scheduler-a.log", tmp_path / "scheduler-b.log"]
        processes.extend(_start(url, sink.port, daily, log) for log in logs)
        by_pid = {process.pid: (process, log) for process, log in zip(processes, logs)}

        leader_pid = _wait_for(holder_pid, STARTUP_SECONDS, "a scheduler to lead")
        leader, leader_log = by_pid[leader_pid]
        other, other_log = next(v for pid, v in by_pid.items() if pid != leader_pid)
        _wait_for(lambda: "waits:" in other_log.read_text(errors="replace"), STARTUP_SECONDS,
                  "the other scheduler to wait")
        sink.victim = leader
        _wait_for(lambda: leader.poll() is not None, 60, "the leader to be killed mid-round")
        assert leader.returncode == -signal.SIGKILL and sink.killed[0] == leader_pid

        _wait_for(lambda: holder_pid() == other.pid, 60, "the other scheduler to lead")
        takeover = time.monotonic() - sink.killed[2]
        _wait_for(lambda: statuses() == Counter({"sent": SUBSCRIBERS}), 60,
                  "the new leader to finish the round")
        other.terminate()
        other.wait(timeout=10)
        engine.dispose()

    # It really died mid-round: some digests had arrived, not all.
    assert 0 < sink.killed[1] < SUBSCRIBERS
    assert takeover < 60, takeover
    killed_text, other_text = leader_log.read_text(), other_log.read_text()
    assert f":{leader_pid} leads now" in killed_text and "waits:" not in killed_text
    assert other_text.index("waits:") < other_text.index(f":{other.pid} leads now")
    assert "claims of ended processes released" in other_text
    assert "@example.org" not in killed_text + other_text
    # Every subscriber got exactly one digest, counted from what the SMTP server received.
    per_recipient = Counter(rcpt for _mid, rcpts in sink.accepted for rcpt in rcpts)
    assert len(per_recipient) == SUBSCRIBERS and set(per_recipient.values()) == {1}
    per_id = Counter(mid for mid, _rcpts in sink.accepted)
    assert len(per_id) == SUBSCRIBERS and set(per_id.values()) == {1}
    print(f"takeover {takeover:.2f} s after the kill; {sink.killed[1]} of {SUBSCRIBERS} sent "
          "before it")
