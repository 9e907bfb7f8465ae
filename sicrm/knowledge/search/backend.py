"""The narrow interface between sicrm and a full-text engine.

A backend stores `SearchDoc`s (from `sicrm.core.searchable`) and answers a `Query`
that already carries what the user may read (`readable`: kind → ALL or a set of scope
words). It never sees users or sessions. Whoosh is the embedded one
(`whoosh_backend.py`); PostgreSQL's full-text search is the one several servers share
(`pg_backend/`)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

from markupsafe import Markup

from sicrm.core.searchable import SearchDoc

SORTS = ("relevance", "date")
#: longer queries are refused with a message, not searched
MAX_QUERY_CHARS = 200


@dataclass(frozen=True)
class Query:
    text: str
    #: kind → ALL or a set of scope words; a kind missing here finds nothing
    readable: Mapping[str, object]
    kinds: Sequence[str] = ()
    #: a catalog and everything below it
    catalog_id: int | None = None
    keyword: str | None = None
    industry: str | None = None
    author_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    #: search a correction instead when a word of the query is in no record and the
    #: correction finds something readable (False: "search for what I typed")
    correct: bool = True
    #: analysed words → the analysed words meaning the same (see synonyms.py)
    synonyms: Mapping[tuple[str, ...], tuple[tuple[str, ...], ...]] = field(
        default_factory=dict)


@dataclass(frozen=True)
class Hit:
    kind: str
    id: int
    title: Markup
    subtitle: str
    snippet: Markup
    score: float
    date: datetime | None = None
    parent_id: int | None = None


@dataclass
class Results:
    hits: list[Hit]
    total: int
    page: int
    per_page: int
    #: readable matches per kind, for the type filter's counts
    by_kind: dict[str, int] = field(default_factory=dict)
    #: a corrected query that finds readable results ("did you mean"), or None
    suggestion: str | None = None
    #: the correction searched instead of what was typed (`Query.correct`), or None
    corrected: str | None = None
    #: False when counting stopped at the cap: the counts are "at least"
    exact: bool = True

    # -- what the shared pager macro reads ---------------------------------------
    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def first(self) -> int:
        return min(self.total, (self.page - 1) * self.per_page + 1)

    @property
    def last(self) -> int:
        return min(self.total, self.page * self.per_page)

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int | None:
        return self.page - 1 if self.has_prev else None

    @property
    def next_num(self) -> int | None:
        return self.page + 1 if self.has_next else None

    def iter_pages(self, left_edge=1, left_current=2, right_current=3, right_edge=1):
        last = 0
        for number in range(1, self.pages + 1):
            if (number <= left_edge or self.page - left_current <= number
                    <= self.page + right_current or number > self.pages - right_edge):
                if last + 1 != number:
                    yield None
                yield number
                last = number


class Backend(Protocol):
    def apply(self, docs: Iterable[SearchDoc], removed: Iterable[tuple[str, int]] = (),
              *, wait: bool = True) -> bool:
        """Store `docs` (replacing earlier versions) and drop `removed` in one commit.
        With wait=False, return False at once if another writer holds the index."""

    def search(self, query: Query) -> Results: ...

    def more_like_this(self, kind: str, id: int, readable: Mapping[str, object],
                       limit: int = 5, kinds: Sequence[str] = ()) -> list[Hit]: ...

    def more_like_text(self, text: str, readable: Mapping[str, object], limit: int = 5,
                       kinds: Sequence[str] = (), industry: str | None = None) -> list[Hit]:
        """Records about what `text` is about; `industry` ranks (and matches) too."""

    def clear(self) -> None:
        """Empty the index (a rebuild follows)."""

    def count(self) -> int: ...

    def keys(self) -> list[tuple[str, int]]:
        """Every (kind, id) held, for a rebuild to drop what the database lost."""

    def stale(self) -> bool:
        """The index was written by an older analysis (rebuild it from empty)."""

    def missing(self) -> bool:
        """No index was ever built here (build it)."""

    def close(self) -> None:
        """Let go of what a search holds between calls."""
