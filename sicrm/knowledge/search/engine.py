"""Search as the rest of sicrm uses it: with a user's permissions, over every
registered kind of record, and keeping the index in step with the database.

- `search(user, text, ...)`: the query page, the navbar box and `sicrm search`.
- `drain()`: index what the queue holds (the scheduler's job, after a web request's
  commit, and tests). Rows leave the queue only after the index committed them, and
  a record is loaded from the database after its queue row was read, so the index
  ends with the committed state even when two drainers overlap.
- `reindex()`: rebuild from the database (`sicrm reindex`)."""
from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from flask import current_app, has_app_context
from flask_babel import gettext as _
from sqlalchemy import delete, func, select

from sicrm.core.errors import ServiceError
from sicrm.core.models import SearchQueueEntry, utcnow
from sicrm.core.searchable import ALL, REGISTRY, SearchDoc, searchables, set_direct_writer
from sicrm.extensions import db
from sicrm.knowledge.search.backend import (MAX_QUERY_CHARS, SORTS, Backend, Hit, Query,
                                            Results)
from sicrm.knowledge.search.querying import QueryError
from sicrm.knowledge.search.synonyms import synonym_map
from sicrm.knowledge.search.pg_backend import PostgresBackend
from sicrm.knowledge.search.whoosh_backend import WhooshBackend

log = logging.getLogger(__name__)
BATCH = 500
EXTENSION = "sicrm_search"


BACKENDS = ("whoosh", "postgresql")
WARNED = "sicrm_search_backend_warned"


def backend_name(app=None) -> str:
    """`SICRM_SEARCH_BACKEND`, or (unset) postgresql on PostgreSQL, whoosh otherwise."""
    app = app or current_app
    chosen = (app.config.get("SICRM_SEARCH_BACKEND") or "").strip().lower()
    postgresql = db.engine.dialect.name == "postgresql"
    if chosen == "postgresql" and not postgresql:
        if not app.extensions.get(WARNED):
            app.extensions[WARNED] = True
            log.warning("SICRM_SEARCH_BACKEND=postgresql needs a PostgreSQL database: "
                        "using whoosh")
        return "whoosh"
    if chosen in BACKENDS:
        return chosen
    return "postgresql" if postgresql else "whoosh"


def backend() -> Backend:
    """This app's backend (one per process, and per index directory for Whoosh)."""
    app = current_app._get_current_object()
    current = app.extensions.get(EXTENSION)
    if backend_name(app) == "postgresql":
        if not isinstance(current, PostgresBackend) or current.engine is not db.engine:
            current = app.extensions[EXTENSION] = PostgresBackend(db.engine)
        return current
    directory = app.config["SICRM_SEARCH_DIR"]
    if not isinstance(current, WhooshBackend) or str(current.directory) != str(directory):
        current = app.extensions[EXTENSION] = WhooshBackend(directory)
    return current


def _direct_writer(session):
    """With the PostgreSQL backend, the session hook writes index rows in the record's
    own transaction (for the app's own session; others queue)."""
    if not has_app_context() or session is not db.session() or \
            backend_name() != "postgresql":
        return None
    return _write_direct


def _write_direct(session, keys) -> None:
    grouped: dict[str, set[int]] = defaultdict(set)
    for kind, id in keys:
        grouped[kind].add(id)
    PostgresBackend.lock(session.connection(), keys)
    # everything is flushed: load the records as the commit will leave them, not as
    # the identity map holds them (a collection loaded before a row was added to it)
    session.expire_all()
    docs, removed = _load(grouped)
    PostgresBackend.write(session.connection(), docs, removed)


set_direct_writer(_direct_writer)


def readable(user) -> dict[str, object]:
    """kind → ALL or the scope words `user` may read; kinds they can read nothing of
    are left out (and so filter everything of that kind out)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.active:
        return {}
    answer = {}
    for searchable in searchables():
        scopes = searchable.readable(user)
        if scopes == ALL or scopes:
            answer[searchable.kind] = scopes
    return answer


class SearchError(ServiceError):
    """What was typed cannot be searched; the message says why."""


def clean(text: str | None) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise SearchError(_("Enter words to search for."), field="q")
    if len(text) > MAX_QUERY_CHARS:
        raise SearchError(_("Search for at most %(count)d characters.", count=MAX_QUERY_CHARS),
                          field="q")
    return text


def search(user, text: str | None, *, kinds: Sequence[str] = (), catalog_id: int | None = None,
           keyword: str | None = None, industry: str | None = None,
           author_id: int | None = None, date_from: date | None = None,
           date_to: date | None = None, sort: str = "relevance", page: int = 1,
           per_page: int = 10, correct: bool = True) -> Results:
    """`correct=False` searches what was typed even when a word of it is in no record
    (otherwise a correction that finds something is searched instead)."""
    text = clean(text)
    query = Query(text=text, readable=readable(user),
                  kinds=tuple(k for k in kinds if k in REGISTRY), catalog_id=catalog_id,
                  keyword=keyword or None, industry=industry or None, author_id=author_id,
                  date_from=date_from, date_to=date_to,
                  sort=sort if sort in SORTS else "relevance", page=max(1, page),
                  per_page=max(1, min(per_page, 50)), correct=correct,
                  synonyms=synonym_map())
    try:
        return backend().search(query)
    except QueryError:
        raise SearchError(_("Nothing to search for: enter words, not only symbols or "
                            "operators."), field="q") from None


def more_like_this(user, kind: str, id: int, *, kinds: Sequence[str] = (),
                   limit: int = 5) -> list[Hit]:
    return backend().more_like_this(kind, id, readable(user), limit=limit, kinds=kinds)


def more_like_text(user, text: str, *, kinds: Sequence[str] = (), limit: int = 5,
                   industry: str | None = None) -> list[Hit]:
    return backend().more_like_text(text, readable(user), limit=limit, kinds=kinds,
                                    industry=industry)


def hit_url(hit: Hit) -> str | None:
    searchable = REGISTRY.get(hit.kind)
    if searchable is None:
        return None
    if hit.parent_id is not None:
        return searchable.url(hit.id, hit.parent_id)
    return searchable.url(hit.id)


def kind_label(kind: str):
    searchable = REGISTRY.get(kind)
    return searchable.label if searchable is not None else kind


# -- keeping the index in step ---------------------------------------------------
def _load(keys: dict[str, set[int]]) -> tuple[list[SearchDoc], list[tuple[str, int]]]:
    docs: list[SearchDoc] = []
    removed: list[tuple[str, int]] = []
    for kind, ids in keys.items():
        searchable = REGISTRY.get(kind)
        if searchable is None:
            continue  # a kind no package registers any more: nothing to index
        loaded = searchable.load(sorted(ids))
        present = {doc.id for doc in loaded}
        docs.extend(loaded)
        removed.extend((kind, id) for id in sorted(ids - present))
    return docs, removed


def drain(*, batch: int = BATCH, wait: bool = True, max_batches: int | None = None) -> int:
    """Index queued records; the number of queue rows done. With wait=False, stop at
    once (leaving the rows) when another process holds the index lock."""
    done = 0
    rounds = 0
    while max_batches is None or rounds < max_batches:
        rounds += 1
        rows = db.session.execute(
            select(SearchQueueEntry.id, SearchQueueEntry.kind, SearchQueueEntry.object_id)
            .order_by(SearchQueueEntry.id).limit(batch)).all()
        if not rows:
            break
        keys: dict[str, set[int]] = defaultdict(set)
        for row in rows:
            keys[row.kind].add(row.object_id)
        docs, removed = _load(keys)
        db.session.rollback()  # no transaction stays open while the index is written
        if not backend().apply(docs, removed, wait=wait):
            break
        db.session.execute(delete(SearchQueueEntry).where(
            SearchQueueEntry.id.in_([row.id for row in rows])))
        db.session.commit()
        done += len(rows)
    db.session.rollback()
    return done


def reindex(*, clear: bool = False, batch: int = BATCH, echo=None) -> dict[str, int]:
    """Every registered record from the database into the index; entries whose record
    is gone are dropped. `clear` starts from an empty index (after a schema change)."""
    engine = backend()
    if clear:
        engine.clear()
    counts = {}
    wanted = set()
    for searchable in searchables():
        ids = sorted(searchable.all_ids())
        db.session.rollback()
        count = 0
        for start in range(0, len(ids), batch):
            docs, removed = _load({searchable.kind: set(ids[start:start + batch])})
            db.session.rollback()
            engine.apply(docs, removed)
            wanted.update((doc.kind, doc.id) for doc in docs)
            count += len(docs)
        counts[searchable.kind] = count
        if echo:
            echo(searchable.kind, count)
    stale = [key for key in engine.keys() if key not in wanted]
    engine.apply([], stale)
    counts["removed"] = len(stale)
    if hasattr(engine, "analyze"):
        engine.analyze()
    return counts


def ensure_index() -> bool:
    """Build the index from the database when it does not exist yet (a new install,
    or its directory was removed) or was written by an older analysis (an upgrade);
    True when it did."""
    engine = backend()
    if engine.stale():
        log.warning("the search index was written by an older version: rebuilding it")
        reindex(clear=True)
        return True
    if not engine.missing():
        return False
    reindex()
    return True


def queue_status() -> dict:
    count, oldest = db.session.execute(
        select(func.count(SearchQueueEntry.id), func.min(SearchQueueEntry.created_dt))).one()
    age = (utcnow() - oldest).total_seconds() if oldest is not None else 0
    return {"queued": count, "oldest_seconds": round(age), "backend": backend_name()}
