"""The scheduler: its lease, /healthz, and exactly-once delivery when two schedulers
run at once or one is killed half-way."""
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select, text, update

from sicrm.core.models import Notification
from sicrm.extensions import db as _db
from sicrm.projects.models import Task
from sicrm.workflow.alarms import digest, scheduler
from sicrm.workflow.alarms.scan import scan
from sicrm.workflow.models import Alarm, AlarmDelivery, SchedulerLease
from tests.fixtures.projects import make_project
from tests.workflow.alarm_world import at, build, due_on

ROOT = Path(__file__).resolve().parents[2]
#: this checkout's `sicrm` command (the venv's script may belong to another checkout)
SICRM = [sys.executable, "-c", "from sicrm.cli import main; main()"]
NOON = at(date(2026, 3, 23), 12)


def test_one_holder_at_a_time_and_a_standby_takes_over(db, app):
    assert scheduler.take_lease("a", NOON, seconds=60)
    assert not scheduler.take_lease("b", NOON + timedelta(seconds=5), seconds=60)
    assert scheduler.take_lease("a", NOON + timedelta(seconds=30), seconds=60)   # renewal
    assert not scheduler.take_lease("b", NOON + timedelta(seconds=80), seconds=60)
    assert scheduler.take_lease("b", NOON + timedelta(seconds=91), seconds=60)   # a stopped
    assert not scheduler.take_lease("a", NOON + timedelta(seconds=92), seconds=60)
    scheduler.release_lease("b")
    assert scheduler.take_lease("a", NOON + timedelta(seconds=93), seconds=60)


def test_healthz_reports_the_heartbeat_age(db, client):
    health = client.get("/healthz").get_json()
    assert health["scheduler"] == {
        "running": False, "heartbeat_age_seconds": None, "last_scan": None}
    assert health["status"] == "degraded" and "scheduler" in health["failing"]
    lease = SchedulerLease(name="scheduler", holder="host:1",
                           heartbeat_dt=scheduler.utcnow() - timedelta(seconds=12),
                           lease_until=scheduler.utcnow() + timedelta(seconds=48))
    db.session.add(lease)
    db.session.commit()
    report = client.get("/healthz").get_json()["scheduler"]
    assert report["running"] is True and report["holder"] == "host:1"
    assert 12 <= report["heartbeat_age_seconds"] < 20
    assert "scheduler" not in client.get("/healthz").get_json().get("failing", [])
    lease.heartbeat_dt = scheduler.utcnow() - timedelta(minutes=10)   # a stale heartbeat
    db.session.commit()
    health = client.get("/healthz")
    assert health.get_json()["scheduler"]["running"] is False
    assert health.get_json()["status"] == "degraded" and health.status_code == 200


def test_a_tick_runs_only_for_the_lease_holder(db):
    world = build()
    due_on(world["milestone"], date(2026, 3, 20))
    assert scheduler.take_lease("other", NOON, seconds=60)
    assert scheduler.tick("me", NOON) is None
    assert _db.session.scalar(select(func.count(Alarm.id))) == 0
    result = scheduler.tick("me", NOON + timedelta(seconds=61))
    assert result["scan"].raised == 1
    assert _db.session.get(SchedulerLease, "scheduler").last_scan_dt == NOON + timedelta(
        seconds=61)


def _many_overdue(world, count: int) -> None:
    world["milestone"].planned_date = date(2027, 12, 31)
    for number in range(count):
        project = make_project(world["pm"], pm=world["pm"], name=f"项目{number}")
        for milestone in project.stages[0].milestones:
            milestone.planned_date = date(2026, 3, 13)
        for stage in project.stages:
            stage.planned_end = date(2027, 12, 31)
        for other in project.stages[1:]:
            for milestone in other.milestones:
                milestone.planned_date = date(2027, 12, 31)
        _db.session.execute(update(Task).where(Task.project_id == project.id)
                            .values(due_date=date(2027, 12, 31)))   # key tasks alarm too
    _db.session.commit()


def _assert_exactly_once():
    """Every (alarm, user, repeat) delivered once; a first level's delivery is one
    notification of its own, an escalation's is listed in exactly one digest of its
    recipient (one digest per recipient and day)."""
    pairs = Counter(_db.session.execute(
        select(AlarmDelivery.alarm_id, AlarmDelivery.user_id, AlarmDelivery.repeat)).all())
    assert pairs and max(pairs.values()) == 1
    alarms = {a.id: a for a in _db.session.scalars(select(Alarm))}
    direct = {p for p in pairs if not digest.is_escalation(alarms[p[0]].kind,
                                                           alarms[p[0]].level)}
    escalated = Counter(user_id for alarm_id, user_id, _ in pairs if (alarm_id, user_id, _)
                        not in direct)
    # what a racing scan raised after the other's digest waits for the next day's
    digest.send_digests(date(2026, 3, 24), NOON + timedelta(days=1))
    everything = _db.session.scalars(select(Notification)).all()
    notes = Counter((n.params["alarm_id"], n.user_id, n.params["repeat"]) for n in everything
                    if n.kind != digest.KIND)
    assert notes == Counter({pair: 1 for pair in direct})
    digests = [n for n in everything if n.kind == digest.KIND]
    assert {n.user_id for n in digests} == set(escalated)
    assert len(digests) <= 2 * len(escalated)  # at most today's and tomorrow's
    listed = Counter()
    for note in digests:
        listed[note.user_id] += note.params["count"]
    assert listed == escalated  # every escalation listed once
    assert all(d.digest_dt is not None for d in _db.session.scalars(select(AlarmDelivery))
               if (d.alarm_id, d.user_id, d.repeat) not in direct)


def test_two_scans_at_once_deliver_everything_once(db, app):
    world = build()
    _many_overdue(world, 6)
    results, errors = [], []

    def run():
        with app.app_context():
            try:
                results.append(scan(NOON))
            except Exception as error:  # noqa: BLE001 — reported below
                errors.append(error)
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sum(r.raised for r in results) == _db.session.scalar(select(func.count(Alarm.id)))
    assert sum(r.raised for r in results) == 12   # 6 milestones × (level 1 and level 2)
    _assert_exactly_once()


def _env(app) -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT),
            "SICRM_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
            "SICRM_INSTANCE_DIR": app.config["INSTANCE_DIR"], "SICRM_SECRET_KEY": "test",
            "SICRM_DEFAULT_LOCALE": "en"}


KILLED_SCAN = """
import os, sys
from datetime import datetime
from sicrm import create_app
from sicrm.workflow.alarms import scan as module
calls = []
original = module._deliver
def dying(*args, **kwargs):
    calls.append(1)
    if len(calls) == 3:
        os._exit(9)          # killed in the middle of an alarm's transaction
    return original(*args, **kwargs)
module._deliver = dying
with create_app().app_context():
    module.scan(datetime.fromisoformat(sys.argv[1]))
"""


def test_a_scan_killed_half_way_and_run_again_sends_everything_once(db, app):
    world = build()
    _many_overdue(world, 3)
    killed = subprocess.run([sys.executable, "-c", KILLED_SCAN, NOON.isoformat()],
                            env=_env(app), capture_output=True, text=True, timeout=60)
    assert killed.returncode == 9, killed.stderr
    _db.session.expire_all()
    assert _db.session.scalar(select(func.count(Alarm.id))) == 2   # two whole alarms
    again = scan(NOON)
    assert again.raised == 4
    _assert_exactly_once()


def test_two_scheduler_processes_one_killed_the_other_takes_over(db, app):
    world = build()
    _many_overdue(world, 2)
    # overdue by now, whatever today is: the processes use the real clock
    today = date.today()
    for row in _db.session.scalars(select(Alarm)):
        _db.session.delete(row)
    _db.session.execute(text("UPDATE milestones SET planned_date = :day WHERE planned_date = "
                             ":old"), {"day": today - timedelta(days=30),
                                       "old": date(2026, 3, 13)})
    _db.session.commit()
    env = {**_env(app), "SICRM_SCAN_SECONDS": "1", "SICRM_DRAIN_SECONDS": "1",
           "SICRM_SCHEDULER_LEASE_SECONDS": "3"}
    first = subprocess.Popen([*SICRM, "scheduler", "--holder", "first"], env=env, cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    second = None
    try:
        holder = _wait_for(lambda: _lease_holder(), 60)
        second = subprocess.Popen([*SICRM, "scheduler"], env=env, cwd=ROOT,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _wait_for(lambda: _alarm_count() >= 4, 30)
        time.sleep(2)
        leader = first if holder == "first" else second
        standby = second if leader is first else first
        leader.send_signal(signal.SIGKILL)
        leader.wait(10)
        new_holder = _wait_for(lambda: (h := _lease_holder()) and h != holder and h, 30)
        assert new_holder == ("first" if standby is first else f"{os.uname().nodename}:"
                              f"{standby.pid}")
        jobs = {row[0] for row in _db.session.execute(text("SELECT id FROM apscheduler_jobs"))}
        _db.session.rollback()
        assert jobs == {"sicrm.heartbeat", "sicrm.alarm_scan", "sicrm.outbox_drain",
                        "sicrm.digest", "sicrm.search_index", "sicrm.schedule_reminders",
                        "sicrm.orphan_files", "sicrm.kb_imports",
                        "sicrm.form_submissions_cleanup"}
        standby.send_signal(signal.SIGTERM)
        assert standby.wait(30) == 0, standby.stderr.read().decode()[-2000:]
        _db.session.expire_all()
        assert _lease_holder() is None          # a clean stop hands the lease back
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
    _assert_exactly_once()


def _alarm_count() -> int:
    """Read and end the transaction at once (on SQLite an open one blocks writers)."""
    count = _db.session.scalar(select(func.count(Alarm.id)))
    _db.session.rollback()
    return count


def _lease_holder():
    _db.session.expire_all()
    holder = _db.session.scalar(select(SchedulerLease.holder).where(
        SchedulerLease.name == "scheduler"))
    _db.session.rollback()
    return holder


def _wait_for(probe, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out")


def test_alarms_scan_at_a_malformed_time_is_a_usage_error(db, app):
    from sicrm.workflow.alarms.cli import alarms
    runner = app.test_cli_runner()
    result = runner.invoke(alarms, ["scan", "--at", "yesterday at noon"])
    assert result.exit_code == 2
    assert "Invalid value for '--at'" in result.output and "ISO 8601" in result.output
    assert "Traceback" not in result.output and result.exception.__class__ is SystemExit
    result = runner.invoke(alarms, ["scan", "--at", "2026-03-23T04:00+08:00"])
    assert result.exit_code == 0, result.output


def test_a_dead_main_loop_is_restarted_and_one_that_cannot_recover_exits_non_zero(
        db, app, monkeypatch):
    monkeypatch.setattr(scheduler, "WATCH_SECONDS", 0.05)
    monkeypatch.setattr(scheduler, "heartbeat_job", lambda: None)
    started = []

    class Loop:
        running = True

        def __init__(self):
            self._thread = threading.Thread(target=lambda: None)   # ends at once
            self._thread.start()
            self._thread.join()
            started.append(self)

        def shutdown(self, wait=True):
            pass

    monkeypatch.setattr(scheduler, "_start", lambda app: Loop())
    monkeypatch.setattr(scheduler, "release_lease", lambda holder: None)
    code = scheduler.run_forever(app, "watched", threading.Event())
    assert code == 1 and len(started) == scheduler.MAX_RESTARTS + 1
    monkeypatch.setattr(scheduler, "_start", lambda app: None)     # the database is gone
    assert scheduler.run_forever(app, "watched", threading.Event()) == 1


def test_a_scheduler_that_cannot_reach_the_database_for_long_exits_non_zero(
        db, app, monkeypatch):
    monkeypatch.setattr(scheduler, "WATCH_SECONDS", 0.05)
    monkeypatch.setattr(scheduler, "heartbeat_job", lambda: None)   # never reaches it
    monkeypatch.setattr(scheduler, "release_lease", lambda holder: None)
    alive = threading.Event()

    class Loop:
        running = True

        def __init__(self):
            self._thread = threading.Thread(target=alive.wait, daemon=True)
            self._thread.start()

        def shutdown(self, wait=True):
            alive.set()

    monkeypatch.setattr(scheduler, "_start", lambda app: Loop())
    monkeypatch.setitem(app.config, "SICRM_SCHEDULER_GIVE_UP_SECONDS", 0.3)
    started = time.monotonic()
    assert scheduler.run_forever(app, "cut-off", threading.Event()) == 1
    assert 0.3 <= time.monotonic() - started < 5
