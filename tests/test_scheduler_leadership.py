"""Electing the leading scheduler: an advisory lock on PostgreSQL, a lock file on SQLite."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import create_engine, text

from jobnet import create_app
from jobnet.config import ConfigError
from jobnet.leadership import (
    AdvisoryLock,
    Election,
    FileLock,
    election_settings,
    leader_lock_for,
    process_name,
)
from jobnet.scheduler import run_elected
from tests.postgresql import scratch_database


def _wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)  # a scheduler thread: its progress can only be polled


@pytest.fixture(scope="module")
def scratch_url():
    with scratch_database("leadership") as url:
        yield url


def test_one_session_holds_the_lock_and_a_dead_session_frees_it_for_the_next(scratch_url):
    first = AdvisoryLock(scratch_url, dead_after_seconds=30)
    second = AdvisoryLock(scratch_url, dead_after_seconds=30)
    admin = create_engine(scratch_url, isolation_level="AUTOCOMMIT")
    try:
        assert first.try_acquire() and first.try_acquire()  # asking again keeps it
        assert not second.try_acquire()
        assert second.holder() == f"jobnet-scheduler {process_name()}"
        # A silent machine is given up after about 30 s: keepalives on the lock's session.
        settings = dict(first.connection.execute(text(
            "SELECT name, setting || coalesce(unit, '') FROM pg_settings WHERE name IN "
            "('tcp_keepalives_idle', 'tcp_keepalives_count', 'tcp_user_timeout')")).all())
        assert settings == {"tcp_keepalives_idle": "15s", "tcp_keepalives_count": "3",
                            "tcp_user_timeout": "30000ms"}

        backend = first.connection.scalar(text("SELECT pg_backend_pid()"))
        with admin.connect() as connection:  # the leader's session dies (restart, network)
            connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})
        assert not first.held()
        assert second.try_acquire() and second.held()
        assert not first.try_acquire()
    finally:
        first.release()
        second.release()
        admin.dispose()


def test_a_leader_whose_session_dies_stops_its_jobs_and_waits_for_the_lead_again(scratch_url,
                                                                                caplog):
    caplog.set_level("INFO", logger="jobnet.leadership")
    app = create_app({"SQLALCHEMY_DATABASE_URI": scratch_url, "TESTING": True,
                      "SECRET_KEY": "leadership", "MAIL_TRANSPORT": "memory"})
    lock = AdvisoryLock(scratch_url, dead_after_seconds=30)
    rival = AdvisoryLock(scratch_url, dead_after_seconds=30)
    election = Election(lock, retry_seconds=0.05)
    runner = threading.Thread(target=run_elected, args=(app, election), kwargs={
        "check_seconds": 0.3}, daemon=True)
    admin = create_engine(scratch_url, isolation_level="AUTOCOMMIT")

    def messages() -> list[str]:
        return [record.getMessage() for record in caplog.records]

    try:
        runner.start()
        _wait_for(lambda: any("leads now" in m for m in messages()), 30, "the scheduler to lead")
        backend = lock.connection.scalar(text("SELECT pg_backend_pid()"))
        with admin.connect() as connection:  # its session dies (database restart, network)
            connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})
        # The rival takes the free lock before the leader's next check ...
        _wait_for(rival.try_acquire, 10, "the rival to lead")
        # ... which stops the jobs (the scheduler returns) and waits for the lead again.
        _wait_for(lambda: any("waits: jobnet-scheduler" in m for m in messages()), 10,
                  "the old leader to wait")
        assert any("lost the lead" in m for m in messages())
        rival.release()
        _wait_for(lambda: sum("leads now" in m for m in messages()) == 2, 10, "the lead regained")
    finally:
        election.stop.set()  # the next check ends the scheduler and the loop
        runner.join(timeout=30)
        lock.release()
        rival.release()
        admin.dispose()
    assert not runner.is_alive()


def test_on_sqlite_one_scheduler_per_database_file_leads(tmp_path):
    config = {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'jobnet.sqlite3'}"}
    first, second = (leader_lock_for(config, tmp_path / "instance") for _ in range(2))
    assert isinstance(first, FileLock)
    assert first.path == tmp_path / "jobnet.sqlite3.scheduler-lock"
    assert first.try_acquire() and not second.try_acquire()
    assert second.holder() == process_name()
    first.release()
    assert second.try_acquire() and second.held()
    second.release()


def test_a_waiting_scheduler_tries_again_until_the_lead_is_free(tmp_path):
    path = tmp_path / "scheduler.lock"
    leader, waiting = FileLock(path), Election(FileLock(path), retry_seconds=0.01)
    assert leader.try_acquire()
    won = []
    thread = threading.Thread(target=lambda: won.append(waiting.wait_for_lead()))
    thread.start()
    time.sleep(0.1)  # it keeps waiting while the lead is taken
    assert not won
    leader.release()
    thread.join(timeout=10)
    assert won == [True] and waiting.still_leading()
    waiting.resign()


@pytest.mark.parametrize("key", ["SCHEDULER_LEADER_RETRY_SECONDS",
                                 "SCHEDULER_LEADER_CHECK_SECONDS",
                                 "SCHEDULER_LEADER_DEAD_AFTER_SECONDS"])
@pytest.mark.parametrize("value", [0, -1, "15", True])
def test_leader_intervals_must_be_positive_seconds(app, key, value):
    with pytest.raises(ConfigError, match=key):
        election_settings({**app.config, key: value})
    assert election_settings(app.config) == (15.0, 10.0)
