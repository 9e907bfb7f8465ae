"""Core's scheduled jobs: the sweep of stored files no row refers to.

A web worker killed between writing an upload to the storage and committing its
StoredFile row leaves a file nothing points at; so does a kept upload (see
core/views/uploads.py) that was never submitted, and a partial temporary file. The sweep
removes those once they are older than a grace period (SICRM_ORPHAN_GRACE_HOURS), so
an upload in flight, or a form kept for its second step, is never touched."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable

from flask import current_app
from sqlalchemy import Select, select

from sicrm.core import jobs
from sicrm.core.models import StoredFile
from sicrm.core.storage import get_storage
from sicrm.extensions import db

log = logging.getLogger(__name__)
#: selects of storage keys that other tables hold without a StoredFile row (a
#: queued import's zip); the sweep keeps them
KEY_SOURCES: list[Callable[[], Select]] = []


def register_key_source(source: Callable[[], Select]) -> None:
    if source not in KEY_SOURCES:
        KEY_SOURCES.append(source)


def grace_seconds() -> int:
    return current_app.config["SICRM_ORPHAN_GRACE_HOURS"] * 3600


def sweep_orphan_files(now: float | None = None) -> int:
    """One round: remove unreferenced stored files older than the grace period;
    return how many. Reads the referenced keys first: a file whose row commits
    after that read was written within the grace period, so it stays."""
    now = time.time() if now is None else now
    keep = set(db.session.scalars(select(StoredFile.storage_key).distinct()))
    for source in KEY_SOURCES:
        keep.update(db.session.scalars(source()))
    db.session.rollback()  # no transaction held while walking the folder
    removed = get_storage().sweep(keep, older_than=now - grace_seconds())
    if removed:
        log.info("removed %d stored files no row refers to", len(removed))
    return len(removed)


def register() -> None:
    jobs.register("sicrm.orphan_files", sweep_orphan_files, "SICRM_ORPHAN_SWEEP_SECONDS")
