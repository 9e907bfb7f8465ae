"""Large imports from the web run in the scheduler, not in the request.

The upload page checks the zip and the target, stores the zip (content-addressed
storage, named by the run's `source_key`) and writes a "queued" run; the scheduler's
`sicrm.kb_imports` job claims queued runs one at a time (a conditional UPDATE, so two
schedulers never take the same run), imports them file by file — each file committed,
the heartbeat renewed — and marks them done. The run's page shows the progress.

A run whose heartbeat is older than SICRM_KB_IMPORT_LEASE_SECONDS (a killed
scheduler, a killed `sicrm kb import`) is marked "failed" by the same job, so no run
stays "running" for ever; running the import again skips what it finished."""
from __future__ import annotations

import logging
import time
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, or_, select, update

from sicrm.core import jobs
from sicrm.core import tasks as core_tasks
from sicrm.core.errors import ServiceError
from sicrm.core.models import utcnow
from sicrm.core.storage import get_storage
from sicrm.extensions import db
from sicrm.knowledge.imports.models import REASON_MAX, ImportRun
from sicrm.knowledge.imports.services import (
    Importer,
    clean_industry,
    clean_keywords,
    new_run,
)
from sicrm.knowledge.imports.sources import ZipSource
from sicrm.knowledge.services.articles import ensure_writable

log = logging.getLogger(__name__)
#: one round of the job imports for at most this long, then leaves the rest queued
ROUND_SECONDS = 600


def runs_in_background(source: ZipSource) -> bool:
    """Whether an uploaded zip is too large to import within the request."""
    config = current_app.config
    return (len(source.infos) > config["SICRM_KB_IMPORT_INLINE_FILES"]
            or sum(info.file_size for info in source.infos)
            > config["SICRM_KB_IMPORT_INLINE_MB"] * 1024 * 1024)


def queue_import(actor, stream, source: ZipSource, catalog, *, keywords=(),
                 industry: str | None = None) -> ImportRun:
    """A queued run for an uploaded zip (already opened as `source`, so a bad zip is
    refused here); checked as an immediate run is, before anything is written."""
    ensure_writable(actor, catalog)
    run = new_run(actor, catalog, source_label=source.label, channel="web",
                  keywords=clean_keywords(keywords), industry=clean_industry(industry),
                  status="queued")
    stream.seek(0)
    run.source_key, _sha, _size = get_storage().put(stream)
    run.total = sum(1 for _entry in source.entries())
    db.session.add(run)
    db.session.flush()
    return run


def _stale_before():
    return utcnow() - timedelta(seconds=current_app.config["SICRM_KB_IMPORT_LEASE_SECONDS"])


def reap_stale_runs() -> int:
    """Mark "failed" every running import whose heartbeat stopped; how many."""
    cutoff = _stale_before()
    result = db.session.execute(
        update(ImportRun)
        .where(ImportRun.status == "running",
               func.coalesce(ImportRun.heartbeat_dt, ImportRun.started_dt) < cutoff)
        .values(status="failed", finished_dt=utcnow(), source_key=None,
                error="interrupted")
        .execution_options(synchronize_session=False))
    db.session.commit()
    return result.rowcount or 0


def _claim() -> ImportRun | None:
    run_id = db.session.scalar(select(ImportRun.id).where(ImportRun.status == "queued")
                               .order_by(ImportRun.id).limit(1))
    if run_id is None:
        db.session.rollback()
        return None
    claimed = db.session.execute(
        update(ImportRun).where(ImportRun.id == run_id, ImportRun.status == "queued")
        .values(status="running", heartbeat_dt=utcnow())
        .execution_options(synchronize_session=False)).rowcount
    db.session.commit()
    if claimed != 1:
        return _claim()  # another scheduler took it
    return db.session.get(ImportRun, run_id, populate_existing=True)


def _fail(run_id: int, message: str) -> None:
    db.session.rollback()
    run = db.session.get(ImportRun, run_id)
    run.status, run.finished_dt, run.source_key = "failed", utcnow(), None
    run.error = message[:REASON_MAX]
    db.session.commit()


def run_queued(run: ImportRun) -> None:
    """Import a claimed run; it ends "done" or "failed", never "running"."""
    run_id = run.id
    try:
        if run.user is None or not run.user.active or run.catalog is None:
            _fail(run_id, "gone")
            return
        with get_storage().open(run.source_key) as stream, \
                ZipSource(stream, run.source) as source:
            Importer(run.user, run.catalog, source_label=run.source, channel=run.channel,
                     keywords=run.keywords, industry=run.industry, run=run,
                     checkpoint=db.session.commit).run_all(source.entries())
    except ServiceError as error:
        _fail(run_id, str(error.message))
    except Exception as error:  # noqa: BLE001 - the run must not stay "running"
        log.exception("background import %s failed", run_id)
        _fail(run_id, f"{type(error).__name__}: {error}")


def import_job() -> int:
    """One round of the scheduler's job: reap stale runs, then run queued ones (for
    at most ROUND_SECONDS); how many were run."""
    reap_stale_runs()
    done, started = 0, time.monotonic()
    while time.monotonic() - started < ROUND_SECONDS:
        run = _claim()
        if run is None:
            break
        run_queued(run)
        done += 1
    return done


def _zips_in_use():
    return select(ImportRun.source_key).where(
        ImportRun.source_key.is_not(None),
        or_(ImportRun.status == "queued", ImportRun.status == "running"))


def register() -> None:
    jobs.register("sicrm.kb_imports", import_job, "SICRM_KB_IMPORT_SECONDS")
    core_tasks.register_key_source(_zips_in_use)
