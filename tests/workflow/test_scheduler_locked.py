"""The scheduler survives a locked database (issue 12): a writer holding SQLite's
write lock longer than the busy timeout, or killed while holding it mid-scan, makes
the scheduler's jobs and its own job store fail for a while; it backs off, keeps its
jobs and carries on afterwards. Scaled down: a 300 ms busy timeout for 10 s, a lock
held 5 s for 30 s."""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, text

from sicrm.extensions import db as _db
from sicrm.extensions import reading
from sicrm.workflow.models import Alarm, SchedulerLease
from tests.workflow.alarm_world import build
from tests.workflow.test_scheduler import ROOT, SICRM, _assert_exactly_once, _env, _many_overdue

HOLD_SECONDS = 5


@pytest.fixture
def sqlite_only(app):
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///"):
        pytest.skip("SQLite's write lock")
    return app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")


def _scheduler_env(app) -> dict:
    return {**_env(app), "SICRM_SCAN_SECONDS": "1", "SICRM_DRAIN_SECONDS": "1",
            "SICRM_SCHEDULER_LEASE_SECONDS": "3", "SICRM_SCHEDULER_RETRY_SECONDS": "1",
            "SICRM_SQLITE_BUSY_TIMEOUT_MS": "300"}


def _overdue_by_now(old: date = date(2026, 3, 13), day: date | None = None) -> None:
    """Move the test's overdue milestones to a month before the real today (the
    scheduler process uses the real clock), or to `day`."""
    _db.session.execute(text("UPDATE milestones SET planned_date = :day WHERE "
                             "planned_date = :old"),
                        {"day": day or date.today() - timedelta(days=30), "old": old})
    _db.session.commit()


def _read(query):
    """Read without waiting for the write lock (a deferred transaction, WAL)."""
    _db.session.rollback()
    _db.session.expire_all()
    with reading():
        value = _db.session.scalar(query)
        _db.session.rollback()
    return value


def _wait_for(probe, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out")


def _last_scan():
    return _read(select(SchedulerLease.last_scan_dt).where(SchedulerLease.name == "scheduler"))


def _stop(process) -> tuple[int, str]:
    process.send_signal(signal.SIGTERM)
    code = process.wait(30)
    return code, process.stderr.read().decode()


def test_a_write_lock_held_longer_than_the_busy_timeout_does_not_stop_the_scheduler(
        db, app, sqlite_only):
    world = build()
    _many_overdue(world, 2)
    _overdue_by_now(day=date(2099, 1, 1))    # parked out of the way until the lock
    scheduler = subprocess.Popen([*SICRM, "scheduler", "--holder", "patient"],
                                 env=_scheduler_env(app), cwd=ROOT, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE)
    try:
        _wait_for(_last_scan, 30)   # running, nothing due yet
        assert _read(select(func.count(Alarm.id))) == 0
        locker = sqlite3.connect(sqlite_only, isolation_level=None)
        locker.execute("PRAGMA busy_timeout=10000")
        locker.execute("BEGIN IMMEDIATE")
        # what the held transaction writes becomes due once it commits
        locker.execute("UPDATE milestones SET planned_date = ? WHERE planned_date = ?",
                       ((date.today() - timedelta(days=30)).isoformat(), "2099-01-01"))
        time.sleep(HOLD_SECONDS)
        locker.execute("COMMIT")
        released = time.time()
        locker.close()
        assert scheduler.poll() is None
        # it carries on: the alarms of what became due are raised, the scans go on
        _wait_for(lambda: _read(select(func.count(Alarm.id))) >= 4, 30)
        _wait_for(lambda: (scan := _last_scan()) and scan.timestamp() > released - 8 * 3600
                  or scan, 5)
        health = app.test_client().get("/healthz").get_json()
        assert health["scheduler"]["running"] is True
        assert "scheduler" not in health.get("failing", [])
        assert scheduler.poll() is None
    finally:
        if scheduler.poll() is None:
            code, log = _stop(scheduler)
        else:
            code, log = scheduler.returncode, scheduler.stderr.read().decode()
    assert code == 0, log[-3000:]
    assert "database is locked" in log          # it did meet the lock
    assert "Exception in thread" not in log     # and its main loop did not die
    _assert_exactly_once()


LOCK_HOLDING_SCAN = """
import sys, time
from datetime import datetime
from sicrm import create_app
from sicrm.workflow.alarms import scan as module
original = module._deliver
def stuck(*args, **kwargs):
    sent = original(*args, **kwargs)
    print("holding", flush=True)
    time.sleep(120)          # stuck in the middle of an alarm's transaction
    return sent
module._deliver = stuck
with create_app().app_context():
    module.scan(datetime.fromisoformat(sys.argv[1]))
"""


class _Log:
    """A process's stderr, read as it comes."""

    def __init__(self, stream):
        self.text = ""
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream):
        for line in iter(stream.readline, b""):
            self.text += line.decode(errors="replace")

    def finish(self) -> str:
        self._thread.join(10)
        return self.text


def test_a_lock_holder_killed_mid_scan_and_the_scheduler_carries_on(db, app, sqlite_only):
    world = build()
    _many_overdue(world, 2)
    _overdue_by_now()
    env = _scheduler_env(app)
    holder = subprocess.Popen([sys.executable, "-c", LOCK_HOLDING_SCAN,
                               time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime())],
                              env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    scheduler = log = None
    try:
        assert holder.stdout.readline().decode().strip() == "holding", \
            holder.stderr.read().decode()[-2000:]
        scheduler = subprocess.Popen([*SICRM, "scheduler", "--holder", "patient"], env=env,
                                     cwd=ROOT, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE)
        log = _Log(scheduler.stderr)
        _wait_for(lambda: "database is locked" in log.text, 60)   # it meets the lock
        time.sleep(HOLD_SECONDS)
        assert scheduler.poll() is None
        assert _read(select(func.count(Alarm.id))) == 0   # nothing got through the lock
        holder.send_signal(signal.SIGKILL)               # killed while holding it
        holder.wait(10)
        _wait_for(lambda: _read(select(func.count(Alarm.id))) >= 4, 30)
        assert scheduler.poll() is None
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
        code = None
        if scheduler is not None:
            if scheduler.poll() is None:
                scheduler.send_signal(signal.SIGTERM)
            code = scheduler.wait(30)
    text_ = log.finish() if log else ""
    assert code == 0, text_[-3000:]
    assert "Exception in thread" not in text_
    _assert_exactly_once()


#: a scheduler with one more job that takes the write lock as soon as it is handed out
#: (as a long scan did), so the main loop's own write right after — saving the job's
#: next run time — meets the lock
WITH_A_LONG_WRITER = """
import os, sqlite3, sys, time
from sicrm.core import jobs
from sicrm.cli import main
runs = []
def long_writer():
    runs.append(1)
    if len(runs) > 3:
        return
    con = sqlite3.connect(os.environ["TEST_DB_PATH"], isolation_level=None)
    con.execute("BEGIN IMMEDIATE")
    time.sleep(2)
    con.execute("COMMIT")
    con.close()
jobs.register("test.long_writer", long_writer, "SICRM_SCAN_SECONDS")
sys.argv = ["sicrm", "scheduler", "--holder", "patient"]
main()
"""


def _heartbeat():
    return _read(select(SchedulerLease.heartbeat_dt).where(SchedulerLease.name == "scheduler"))


def test_the_main_loop_survives_a_job_that_takes_the_write_lock_at_once(db, app,
                                                                         sqlite_only):
    build()
    env = {**_scheduler_env(app), "TEST_DB_PATH": sqlite_only}
    scheduler = subprocess.Popen([sys.executable, "-c", WITH_A_LONG_WRITER], env=env, cwd=ROOT,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    log = _Log(scheduler.stderr)
    try:
        _wait_for(_heartbeat, 30)
        _wait_for(lambda: "database is locked" in log.text, 30)
        time.sleep(8)                              # the long writer has stopped by now
        first = _heartbeat()
        time.sleep(4)
        assert _heartbeat() > first, log.text[-3000:]   # the heartbeat goes on
        assert scheduler.poll() is None
    finally:
        if scheduler.poll() is None:
            scheduler.send_signal(signal.SIGTERM)
        code = scheduler.wait(30)
    text_ = log.finish()
    assert code == 0, text_[-3000:]
    assert "Exception in thread APScheduler" not in text_
