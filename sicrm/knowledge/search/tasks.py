"""Keeping the index in step: the scheduler's indexer job, indexing right after a web
request's commit, and the queue's state in /healthz."""
from __future__ import annotations

import logging

from flask import current_app

from sicrm.core import health, jobs
from sicrm.core.searchable import COMMITTED
from sicrm.extensions import db
from sicrm.knowledge.search import engine

log = logging.getLogger(__name__)
#: what one request indexes at most after its commit (the indexer does the rest)
INLINE_BATCH = 200


def index_job() -> int:
    engine.ensure_index()
    return engine.drain()


def after_request(response):
    """Index what this request committed, without waiting for the index lock: if
    another process is writing, the scheduler's indexer picks the rows up."""
    if not db.session.info.pop(COMMITTED, False):
        return response
    if not current_app.config.get("SICRM_SEARCH_INLINE"):
        return response
    try:
        engine.drain(batch=INLINE_BATCH, wait=False, max_batches=1)
    except Exception:  # noqa: BLE001 — the rows stay queued; never fail the user's request
        db.session.rollback()
        log.exception("indexing after the request failed; the indexer will retry")
    return response


def register(app) -> None:
    jobs.register("sicrm.search_index", index_job, "SICRM_SEARCH_INDEX_SECONDS")
    health.register_check("search", engine.queue_status)
    app.after_request(after_request)
