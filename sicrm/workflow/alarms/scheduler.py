"""The `sicrm scheduler` process: APScheduler with its jobs in the database.

Web workers never run jobs; only this process does. Several scheduler processes may
run (a standby, or one started twice by mistake): each job first takes or renews a
lease row (UPDATE … WHERE the lease is ours or has expired), so only the holder
works and a standby takes over once the holder stops renewing. Even so, exactly-once
does not rest on the lease: every alarm level and delivery has a unique key, and
outbox rows are claimed before they are sent.

Jobs have fixed ids, coalesce missed runs into one, never overlap and have an
explicit misfire grace time. The job store's table is created by our migrations."""
from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import time
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import MetaData, insert, or_, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from sicrm.core import jobs as core_jobs
from sicrm.core.models import utcnow
from sicrm.extensions import db
from sicrm.workflow.alarms import scan as alarm_scan
from sicrm.workflow.alarms.jobstore import PatientJobStore
from sicrm.workflow.models import SchedulerLease

log = logging.getLogger(__name__)

LEASE = "scheduler"
DIGEST = "digest"
_app = None
_holder = None
#: how often the process checks its own main loop, and how often it may restart it
WATCH_SECONDS = 2.0
MAX_RESTARTS = 5


def holder_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def take_lease(holder: str, now: datetime | None = None, seconds: int | None = None) -> bool:
    """Take or renew the scheduler lease; True when `holder` now holds it. Also the
    heartbeat: the holder's renewal time is what /healthz reports."""
    now = now or utcnow()
    seconds = seconds or current_app.config["SICRM_SCHEDULER_LEASE_SECONDS"]
    until = now + timedelta(seconds=seconds)
    taken = db.session.execute(
        update(SchedulerLease)
        .where(SchedulerLease.name == LEASE,
               or_(SchedulerLease.holder == holder, SchedulerLease.holder.is_(None),
                   SchedulerLease.lease_until < now))
        .values(holder=holder, lease_until=until, heartbeat_dt=now)).rowcount
    if not taken:
        exists = db.session.scalar(select(SchedulerLease.name).where(
            SchedulerLease.name == LEASE))
        if exists is None:
            try:
                db.session.execute(insert(SchedulerLease).values(
                    name=LEASE, holder=holder, lease_until=until, heartbeat_dt=now))
                taken = 1
            except IntegrityError:
                db.session.rollback()
                return False
    db.session.commit()
    return bool(taken)


def release_lease(holder: str) -> None:
    db.session.execute(update(SchedulerLease).where(
        SchedulerLease.name == LEASE, SchedulerLease.holder == holder)
        .values(holder=None, lease_until=None))
    db.session.commit()


def status(now: datetime | None = None) -> dict:
    """For /healthz: who holds the lease, how old its heartbeat is, the last scan."""
    now = now or utcnow()
    lease = db.session.get(SchedulerLease, LEASE)
    if lease is None or lease.heartbeat_dt is None:
        return {"running": False, "heartbeat_age_seconds": None, "last_scan": None}
    age = (now - lease.heartbeat_dt).total_seconds()
    limit = 2 * current_app.config["SICRM_SCHEDULER_LEASE_SECONDS"]
    return {
        "running": age <= limit and lease.holder is not None,
        "holder": lease.holder,
        "heartbeat_age_seconds": round(age, 1),
        "last_scan": lease.last_scan_dt.isoformat() + "Z" if lease.last_scan_dt else None,
    }


def _mark(name: str, now: datetime) -> None:
    if db.session.execute(update(SchedulerLease).where(SchedulerLease.name == name)
                          .values(last_scan_dt=now)).rowcount == 0:
        db.session.execute(insert(SchedulerLease).values(name=name, last_scan_dt=now))
    db.session.commit()


def run_scan(now: datetime | None = None):
    now = now or utcnow()
    result = alarm_scan.scan(now)
    _mark(LEASE, now)
    if result.raised or result.repeated or result.errors:
        log.info("alarm scan: %s", result)
    return result


def run_drain(now: datetime | None = None):
    from sicrm.workflow.delivery.services import outbox
    return outbox.drain(now=now)


def run_digest(now: datetime | None = None) -> int:
    """Daily digests, once per alarm day from SICRM_DIGEST_HOUR; also catches up a
    day the scheduler was down at that hour."""
    from sicrm.workflow.delivery.services import digest
    now = now or utcnow()
    local = alarm_scan.local_now(now)
    if local.hour < current_app.config["SICRM_DIGEST_HOUR"]:
        return 0
    marker = db.session.get(SchedulerLease, DIGEST)
    if marker is not None and marker.last_scan_dt is not None and (
            alarm_scan.local_now(marker.last_scan_dt).date() >= local.date()):
        db.session.rollback()
        return 0
    db.session.rollback()
    sent = digest.send_digests(now=now)
    _mark(DIGEST, now)
    return sent


def tick(holder: str, now: datetime | None = None) -> dict | None:
    """One round of everything, when `holder` holds the lease (`sicrm scheduler --once`)."""
    if not take_lease(holder, now):
        return None
    return {"scan": run_scan(now), "drain": run_drain(now), "digest": run_digest(now)}


# --- the APScheduler process -----------------------------------------------------


#: seconds (monotonic) of the last round in which this process reached the database
_last_contact: float | None = None
#: waits between tries of the lease when the database is locked or unreachable
LEASE_BACKOFF = (0.5, 1.0, 2.0)


def _take_lease_patiently() -> bool:
    """take_lease, tried again after a back-off when the database fails (locked by a
    long writer, restarted); raises the last error when it never answers."""
    global _last_contact
    for delay in (*LEASE_BACKOFF, None):
        try:
            held = take_lease(_holder)
        except SQLAlchemyError as error:
            _rollback()
            if delay is None:
                raise
            log.warning("scheduler: database unavailable (%s); retrying in %ss",
                        str(error).splitlines()[0], delay)
            time.sleep(delay)
        else:
            _last_contact = time.monotonic()
            return held
    return False


def _rollback() -> None:
    try:
        db.session.rollback()
    except SQLAlchemyError:  # the connection itself is gone: start afresh
        db.session.remove()


def _job(work):
    with _app.app_context():
        try:
            if _take_lease_patiently():
                work()
        except SQLAlchemyError as error:  # locked or gone: the next run tries again
            _rollback()
            log.warning("scheduler job: database error, the next run tries again: %s",
                        str(error).splitlines()[0])
        except Exception:  # noqa: BLE001 — logged; the next run tries again
            _rollback()
            log.exception("scheduler job failed")


def heartbeat_job():
    _job(lambda: None)


def scan_job():
    _job(run_scan)


def drain_job():
    _job(run_drain)


def digest_job():
    _job(run_digest)


def registered_job(job_id: str):
    """A job another package registered in `sicrm.core.jobs`."""
    job = core_jobs.REGISTRY.get(job_id)
    if job is not None:
        _job(job.work)


def jobs(config) -> list[dict]:
    lease = config["SICRM_SCHEDULER_LEASE_SECONDS"]
    common = {"coalesce": True, "max_instances": 1}
    registered = [
        {"id": job.id, "func": f"{__name__}:registered_job", "args": [job.id],
         "trigger": "interval", "seconds": config[job.seconds_setting],
         "misfire_grace_time": 3600, **common}
        for job in core_jobs.REGISTRY.values()]
    return registered + [
        {"id": "sicrm.heartbeat", "func": f"{__name__}:heartbeat_job", "trigger": "interval",
         "seconds": max(lease // 3, 1), "misfire_grace_time": lease, **common},
        {"id": "sicrm.alarm_scan", "func": f"{__name__}:scan_job", "trigger": "interval",
         "seconds": config["SICRM_SCAN_SECONDS"], "misfire_grace_time": 3600, **common},
        {"id": "sicrm.outbox_drain", "func": f"{__name__}:drain_job", "trigger": "interval",
         "seconds": config["SICRM_DRAIN_SECONDS"], "misfire_grace_time": 3600, **common},
        {"id": "sicrm.digest", "func": f"{__name__}:digest_job", "trigger": "interval",
         "minutes": 5, "misfire_grace_time": 3600, **common},
    ]


def build(app):
    """A BackgroundScheduler on the database's job store (our migrated table), patient
    with a locked or failing database (see jobstore.py)."""
    from apscheduler.executors.pool import ThreadPoolExecutor
    from apscheduler.schedulers.background import BackgroundScheduler

    with app.app_context():
        engine = db.engine
    retry = app.config["SICRM_SCHEDULER_RETRY_SECONDS"]
    store = PatientJobStore(engine=engine, tablename="apscheduler_jobs",
                            metadata=MetaData(), retry_seconds=retry)
    return BackgroundScheduler(jobstores={"default": store},
                               executors={"default": ThreadPoolExecutor(4)},
                               jobstore_retry_interval=retry,
                               timezone=app.config["BABEL_DEFAULT_TIMEZONE"])


def install_jobs(scheduler, config) -> None:
    """Add our jobs under fixed ids; a job already stored keeps its next run time
    (so a missed run is coalesced into one, not lost), unless its schedule changed."""
    wanted = {job["id"]: job for job in jobs(config)}
    for job in scheduler.get_jobs():
        if job.id not in wanted:
            scheduler.remove_job(job.id)
    for job_id, spec in wanted.items():
        stored = scheduler.get_job(job_id)
        seconds = spec.get("seconds", spec.get("minutes", 0) * 60)
        if stored is not None and getattr(stored.trigger, "interval", None) == timedelta(
                seconds=seconds):
            continue
        scheduler.add_job(replace_existing=True, **spec)


def _start(app):
    """Build, start and fill a scheduler; retried while the database fails, up to the
    give-up time. None when it could not be started."""
    deadline = time.monotonic() + app.config["SICRM_SCHEDULER_GIVE_UP_SECONDS"]
    delay = 1.0
    while True:
        scheduler = build(app)
        try:
            scheduler.start(paused=True)
            install_jobs(scheduler, app.config)
            scheduler.resume()
            return scheduler
        except SQLAlchemyError as error:
            log.warning("scheduler: cannot start on the database (%s)",
                        str(error).splitlines()[0])
            try:
                scheduler.shutdown(wait=False)
            except Exception:  # noqa: BLE001 — it never started
                pass
            if time.monotonic() + delay > deadline:
                return None
            time.sleep(delay)
            delay = min(delay * 2, 30)


def _alive(scheduler) -> bool:
    """Whether APScheduler's main loop thread still runs (its thread is private; a
    dead loop leaves `running` true)."""
    thread = getattr(scheduler, "_thread", None)
    return bool(scheduler.running and thread is not None and thread.is_alive())


def run_forever(app, holder: str | None = None, stop: threading.Event | None = None) -> int:
    """Run until SIGTERM/SIGINT (or `stop` is set): 0 then. Watches its own main loop
    and restarts it when it died; returns 1 (the command exits non-zero, so that a
    supervisor restarts the process) when it cannot start, keeps losing its loop, or
    has not reached the database for SICRM_SCHEDULER_GIVE_UP_SECONDS."""
    global _app, _holder, _last_contact
    _app, _holder = app, holder or holder_name()
    stop = stop or threading.Event()
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
    give_up = app.config["SICRM_SCHEDULER_GIVE_UP_SECONDS"]
    _last_contact = time.monotonic()
    scheduler = _start(app)
    if scheduler is None:
        log.error("scheduler %s could not start: the database does not answer", _holder)
        return 1
    log.info("scheduler %s started", _holder)
    heartbeat_job()
    code, restarts = 0, []
    try:
        while not stop.wait(WATCH_SECONDS):
            if not _alive(scheduler):
                now = time.monotonic()
                restarts = [t for t in restarts if now - t < 3600] + [now]
                log.error("scheduler %s: the main loop stopped; restarting it", _holder)
                try:
                    scheduler.shutdown(wait=False)
                except Exception:  # noqa: BLE001 — already half gone
                    pass
                scheduler = _start(app) if len(restarts) <= MAX_RESTARTS else None
                if scheduler is None:
                    log.error("scheduler %s cannot recover; exiting", _holder)
                    code = 1
                    break
            elif time.monotonic() - (_last_contact or 0) > give_up:
                log.error("scheduler %s has not reached the database for %ss; exiting",
                          _holder, give_up)
                code = 1
                break
    finally:
        if scheduler is not None:
            try:
                scheduler.shutdown(wait=True)
            except Exception:  # noqa: BLE001 — stopping anyway
                log.exception("scheduler shutdown")
        with app.app_context():
            try:
                release_lease(_holder)
            except SQLAlchemyError:  # the lease simply expires
                log.exception("could not hand the lease back")
        log.info("scheduler %s stopped", _holder)
    return code
