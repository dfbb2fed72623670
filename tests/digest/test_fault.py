"""Fault test: every third message refused (451) and the scheduler process killed mid-round.

The scheduler runs under libfaketime (Debian's faketime), started just after the Monday 07:00
slot of 2026-W48, so its start-up catch-up sends that week's round exactly as on a real Monday.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime

from jobnet import create_app
from jobnet.accounts.models import Organisation
from jobnet.config import PROJECT_ROOT
from jobnet.digest.models import DeliveryStatus, DigestDelivery, Subscription
from jobnet.extensions import db
from jobnet.posts.models import Settlement, Status
from tests.conftest import require_system_tool

SUBSCRIBERS = 200
KILL_AT = 60  # the SMTP server kills the sender while handling its 60th message
PERIOD = "2026-W48"  # slot: Monday 23 November 2026, 07:00 Berlin time
FAKETIME = shutil.which("faketime")
# 07:00:30 and 07:02 Berlin time (UTC+1), both within the scheduler's misfire grace of the slot.
FIRST_START, RESTART = "@2026-11-23 06:00:30", "@2026-11-23 06:02:00"


def _database(url: str) -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True, "MAIL_TRANSPORT": "memory",
                      "SECRET_KEY": "fault-test"})
    with app.app_context():
        db.create_all()
        organisation = Organisation(name="KCA Main-Kinzig-Kreis", district_ags="06435")
        db.session.add(Settlement(
            title="Logistikzentrum in Gelnhausen", summary="800 neue Arbeitsplätze.", place="Gelnhausen",
            district_ags="06435", organisation=organisation, status=Status.PUBLISHED,
            published_at=datetime(2026, 11, 20, 9, tzinfo=UTC), company="Beispiel GmbH",
            sector="Logistik", links=[]))
        db.session.add_all(Subscription(
            email=f"leser{number:03d}@example.org", kinds=["settlement"], district_mode="all",
            districts=[], target_groups=[], link_nonce=f"{number:016x}",
            consented_at=datetime(2026, 1, 1, tzinfo=UTC)) for number in range(SUBSCRIBERS))
        db.session.commit()
        db.engine.dispose()


def _scheduler(url: str, port: int, start: str) -> subprocess.Popen:
    env = {**os.environ, "JOBNET_SQLALCHEMY_DATABASE_URI": url, "JOBNET_SECRET_KEY": "fault-test",
           "JOBNET_MAIL_TRANSPORT": "smtp", "JOBNET_MAIL_HOST": "127.0.0.1",
           "JOBNET_MAIL_PORT": str(port), "JOBNET_DIGEST_RETRY_BACKOFF_SECONDS": "[0.01]",
           "JOBNET_DIGEST_RETRY_MAX_ATTEMPTS": "50", "TZ": "UTC"}
    # faketime execs the program, so the pid is the scheduler's own.
    return subprocess.Popen([FAKETIME, "-f", start, sys.executable, "-m", "flask", "--app",
                             "jobnet", "scheduler"], cwd=PROJECT_ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _sent_count(url: str) -> int:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True, "MAIL_TRANSPORT": "memory",
                      "SECRET_KEY": "fault-test"})
    with app.app_context():
        count = db.session.scalar(db.select(db.func.count()).where(
            DigestDelivery.status == DeliveryStatus.SENT))
        db.engine.dispose()
    return count


def test_refusals_and_a_killed_scheduler_still_give_everyone_exactly_one_digest(
        tmp_path, smtp_server):
    require_system_tool(FAKETIME, "Debian's faketime (apt-get install faketime)")
    url = f"sqlite:///{tmp_path / 'fault.sqlite3'}"
    _database(url)
    running: list[subprocess.Popen] = []

    def refuse(number: int) -> str | None:
        if number == KILL_AT:
            os.kill(running[0].pid, signal.SIGKILL)  # before the server answers: not delivered
            return "451 4.3.0 shutting down"
        return "451 4.3.0 Try again later" if number % 3 == 0 else None

    smtp_server.refuse = refuse
    running.append(_scheduler(url, smtp_server.port, FIRST_START))
    assert running[0].wait(timeout=60) == -signal.SIGKILL
    delivered_before_restart = len(smtp_server.messages)
    assert 0 < delivered_before_restart < SUBSCRIBERS

    restarted = _scheduler(url, smtp_server.port, RESTART)
    try:
        deadline = time.monotonic() + 60
        while _sent_count(url) < SUBSCRIBERS and time.monotonic() < deadline:
            time.sleep(0.2)  # a separate process: its progress can only be watched
    finally:
        restarted.terminate()
        restarted.wait(timeout=10)

    per_recipient = Counter(rcpt for rcpts, _message in smtp_server.messages for rcpt in rcpts)
    assert len(per_recipient) == SUBSCRIBERS
    assert set(per_recipient.values()) == {1}
    message_ids = Counter(message["Message-ID"] for _rcpts, message in smtp_server.messages)
    assert set(message_ids.values()) == {1}
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True, "MAIL_TRANSPORT": "memory",
                      "SECRET_KEY": "fault-test"})
    with app.app_context():
        statuses = Counter(db.session.scalars(db.select(DigestDelivery.status)))
        db.engine.dispose()
    assert statuses == {DeliveryStatus.SENT: SUBSCRIBERS}
