"""What search can find, described by the package that owns it.

Each package registers one `Searchable` per kind of record (a knowledge article, a
project document, a project, an organisation, a forum post): how to load records as
`SearchDoc`s in batches, which models' changes touch which records, which permission
scopes a user may read, and where a hit links to. The knowledge package runs the
engine over this registry (`sicrm.knowledge.search`); packages never import it.

Changes are queued in `search_queue` by a session hook, in the same transaction as the
change itself, so the index follows commits and a crash loses nothing. With a backend
in the database (PostgreSQL), the hook writes the index rows themselves before the
commit instead (`set_direct_writer`).

Permission scopes: every document carries one scope word (`public`, `project:12`,
`kbcat:3` …); `readable(user)` answers `ALL` (every record of the kind) or the set of
scope words the user may read, computed from the database at query time, so a
change of team or role needs no re-indexing."""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import event, insert
from sqlalchemy.orm import Session

from sicrm.core.models import SearchQueueEntry, utcnow

log = logging.getLogger(__name__)

#: session.info flags: rows were queued in the open transaction / in a committed one
QUEUED = "sicrm_search_queued"
COMMITTED = "sicrm_search_committed"

#: `readable(user)` answer meaning "every record of this kind"
ALL = "*"
PUBLIC = "public"


@dataclass(frozen=True)
class SearchDoc:
    """One record as the index sees it. `scope` decides who may read it."""

    kind: str
    id: int
    title: str
    scope: str
    body: str = ""
    #: lower-weight text: attachments, extracted file text, descriptions of the parent
    extra: str = ""
    keywords: Sequence[str] = ()
    #: ancestor catalog ids, nearest last (knowledge articles), for subtree filters
    catalogs: Sequence[int] = ()
    industry: str | None = None
    author_id: int | None = None
    date: datetime | None = None
    #: a short line under the title in results (project code, document number …)
    subtitle: str = ""
    #: the owning record's id when the link needs it (a document's project)
    parent_id: int | None = None


@dataclass
class Searchable:
    kind: str
    #: a lazy translated label ("Knowledge article")
    label: object
    #: ids → documents; an id missing from the answer is removed from the index
    load: Callable[[Sequence[int]], list[SearchDoc]]
    #: every id that should be in the index (for `sicrm reindex`)
    all_ids: Callable[[], Iterable[int]]
    #: user → ALL or a set of scope words they may read
    readable: Callable[[object], object]
    #: id → link to the record (called in a request); with `parent_id` set on the
    #: documents, called as url(id, parent_id)
    url: Callable[..., str]
    #: model class → function(instance) → the (kind, id) pairs its change touches
    watch: dict[type, Callable[[object], Iterable[tuple[str, int]]]] = field(
        default_factory=dict)
    #: sort order of the type filter
    order: int = 50


REGISTRY: dict[str, Searchable] = {}
_watchers: dict[type, list[Callable[[object], Iterable[tuple[str, int]]]]] = {}


def register(searchable: Searchable) -> None:
    REGISTRY[searchable.kind] = searchable
    for model, keys in searchable.watch.items():
        watchers = _watchers.setdefault(model, [])
        if keys not in watchers:
            watchers.append(keys)


def searchables() -> list[Searchable]:
    return sorted(REGISTRY.values(), key=lambda s: (s.order, s.kind))


#: session.info: records whose index rows are written before the commit
PENDING = "sicrm_search_pending"
#: session → None (queue the changes) or a function(session, keys) writing the records'
#: index rows in the session's transaction (set by the search engine: its PostgreSQL
#: backend keeps the index in the database)
_direct_writer: Callable[[Session], Callable | None] | None = None


def set_direct_writer(resolver: Callable[[Session], Callable | None]) -> None:
    global _direct_writer
    _direct_writer = resolver


def _direct(session: Session):
    return _direct_writer(session) if _direct_writer is not None else None


def enqueue(session: Session, keys: Iterable[tuple[str, int]]) -> None:
    """Queue records for re-indexing in `session`'s transaction (services may call
    this for changes the session hook cannot see, e.g. bulk UPDATE statements); with
    a backend in the database, their index rows are written before the commit."""
    if _direct(session) is not None:
        pending = session.info.setdefault(PENDING, set())
        pending.update(key for key in keys if key[1] is not None)
        return
    _queue(session, keys)


def _queue(session: Session, keys: Iterable[tuple[str, int]]) -> None:
    now = utcnow()
    rows = [{"kind": kind, "object_id": object_id, "created_dt": now}
            for kind, object_id in sorted(set(keys)) if object_id is not None]
    if rows:
        session.connection().execute(insert(SearchQueueEntry), rows)
        session.info[QUEUED] = True


def _keys_for(session: Session, obj) -> Iterable[tuple[str, int]]:
    for cls in type(obj).__mro__:
        for keys in _watchers.get(cls, ()):
            yield from keys(obj)


@event.listens_for(Session, "after_flush")
def _queue_changes(session: Session, flush_context) -> None:
    if not _watchers:
        return
    keys: set[tuple[str, int]] = set()
    for obj in session.new:
        keys.update(_keys_for(session, obj))
    for obj in session.dirty:
        if session.is_modified(obj, include_collections=False):
            keys.update(_keys_for(session, obj))
    for obj in session.deleted:
        keys.update(_keys_for(session, obj))
    if keys:
        enqueue(session, keys)


@event.listens_for(Session, "before_commit")
def _write_pending(session: Session) -> None:
    """Index rows for what this transaction changed, in it (the database's backend)."""
    if not session.info.get(PENDING) and not (session.new or session.dirty or session.deleted):
        return
    writer = _direct(session)
    if writer is None:
        session.info.pop(PENDING, None)
        return
    session.flush()
    for _ in range(10):  # loading may flush, and a flush may touch more records
        pending = session.info.pop(PENDING, None)
        if not pending:
            break
        try:
            with session.begin_nested():
                writer(session, sorted(pending))
        except Exception:  # noqa: BLE001 — never lose the user's change over its index
            log.exception("writing search rows failed; queued for the indexer instead")
            _queue(session, pending)
        session.flush()


@event.listens_for(Session, "after_commit")
def _queued_committed(session: Session) -> None:
    if session.info.pop(QUEUED, False):
        session.info[COMMITTED] = True


@event.listens_for(Session, "after_soft_rollback")
def _queued_rolled_back(session: Session, previous_transaction) -> None:
    if not session.in_transaction():
        session.info.pop(QUEUED, None)
        session.info.pop(PENDING, None)
