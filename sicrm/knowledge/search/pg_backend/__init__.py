"""The PostgreSQL full-text backend: one `search_index` row per record, in the
database every web host shares (`models.py`, `tsearch.py`, `spelling.py`).

- The record's words are sicrm's own analysis (rjieba, both scripts folded, sub-words,
  stems) in a `tsvector` with the `simple` configuration; title and keywords weigh A,
  the body B, attachments C; a GIN index answers `@@`.
- Permissions: a kind readable in full is a kind condition; otherwise its scope words
  are matched against the row's `scope` array with `&&` (GIN-indexed).
- Ranking as the Whoosh backend's: records holding more of the query's units first
  (all of them first), then `ts_rank_cd` (weights favour the title), a chunk's words
  side by side and title matches adding more. Counts stop at COUNT_CAP.
- On PostgreSQL the session hook writes a record's rows in the record's own
  transaction (`write`, see `engine.write_direct`); `apply` writes in its own."""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, time

from markupsafe import Markup
from sqlalchemy import (Integer, Text, and_, bindparam, case, cast, delete, func, literal,
                        not_, or_, select, text, tuple_)
from sqlalchemy.dialects.postgresql import ARRAY, TSQUERY, insert

from sicrm.core.searchable import ALL, SearchDoc
from sicrm.knowledge.search import querying, snippets
from sicrm.knowledge.search.backend import Hit, Query, Results
from sicrm.knowledge.search.pg_backend import spelling, tsearch
from sicrm.knowledge.search.pg_backend.models import SearchEntry, SearchWord
from sicrm.knowledge.search.whoosh_backend import ANALYSIS_VERSION

#: as the Whoosh backend
COUNT_CAP = 1000
MAX_EXTRA_CHARS = 200_000
MAX_STORED_CHARS = 60_000
LIKE_CHARS = 4000
#: a record holding one more unit of the query ranks above any holding fewer
UNIT_SCORE = 10.0
PHRASE_SCORE = 0.5
TITLE_SCORE = 1.0
#: units counted for the coordination score (a long question's first ones)
MAX_UNITS = 24
#: a record holding every unit somewhere (attachments included) ranks first
ALL_SCORE = 100.0
#: words of the title and of the body in the ranking vector
RANK_WORDS = 400

#: a row of search_words naming the analysis of the last rebuild (an index written by
#: an older one is rebuilt); its head is no word's first character
MARK_HEAD = "~"
MARKER = f"~sicrm-analysis-version {ANALYSIS_VERSION}"
T = SearchEntry.__table__
W = SearchWord.__table__
_VECTOR = T.c.vector
_RANK = T.c.rank_vector
_SCOPE = cast(T.c.scope, ARRAY(Text()))
_CATALOGS = cast(T.c.catalogs, ARRAY(Integer()))
_KEYWORDS = cast(T.c.keywords, ARRAY(Text()))


def _tsq(value: str):
    """A tsquery from text built by `tsearch` (a bound parameter, never SQL)."""
    return cast(bindparam(None, value, type_=Text()), TSQUERY)


def _matches(query: str, column=_VECTOR):
    return column.op("@@")(_tsq(query))


def _row(doc: SearchDoc) -> dict:
    clean = tsearch.clean
    keywords = [clean(k).strip() for k in doc.keywords if k and clean(k).strip()]
    title = clean(doc.title or "")
    body = clean(doc.body or "")
    extra = clean(doc.extra or "")[:MAX_EXTRA_CHARS]
    heading = "\n".join((title, " ".join(keywords)))
    return {
        "kind": doc.kind, "object_id": doc.id, "scope": [doc.scope],
        "name": title, "subtitle": clean(doc.subtitle or ""), "parent_id": doc.parent_id,
        "text": (body + "\n" + extra)[:MAX_STORED_CHARS],
        "keywords": [k.lower() for k in keywords],
        "catalogs": [int(c) for c in doc.catalogs],
        "industry": doc.industry or None, "author_id": doc.author_id, "date": doc.date,
        "vector": tsearch.vector([(heading, "A"), (body, "B"), (extra, "C")]),
        "rank_vector": tsearch.vector([(heading, "A"), (body, "B")], limit=RANK_WORDS),
    }


class PostgresBackend:
    name = "postgresql"

    def __init__(self, engine):
        self.engine = engine

    # -- writing -----------------------------------------------------------------
    @staticmethod
    def lock(connection, keys: Iterable[tuple[str, int]]) -> None:
        """Hold the records' index entries until the transaction ends, before loading
        them: two transactions touching one entry (two contacts of an organisation)
        then load it one after the other, and the second sees the first's commit."""
        keys = sorted(set(keys))
        if keys:
            connection.execute(text(
                "SELECT pg_advisory_xact_lock(hashtext(k), i) "
                "FROM unnest(CAST(:kinds AS text[]), CAST(:ids AS int[])) AS t(k, i)"),
                {"kinds": [k for k, _ in keys], "ids": [i for _, i in keys]})

    @staticmethod
    def write(connection, docs: Iterable[SearchDoc],
              removed: Iterable[tuple[str, int]] = ()) -> None:
        """Store `docs` and drop `removed` in `connection`'s transaction."""
        docs = sorted(docs, key=lambda d: (d.kind, d.id))
        for kind, id in sorted(set(removed)):
            connection.execute(delete(T).where(T.c.kind == kind, T.c.object_id == id))
        if not docs:
            return
        rows = [_row(doc) for doc in docs]
        statement = insert(T)
        statement = statement.on_conflict_do_update(
            index_elements=[T.c.kind, T.c.object_id],
            set_={c.name: statement.excluded[c.name] for c in T.columns
                  if c.name not in ("kind", "object_id")})
        connection.execute(statement, rows)
        spelling.remember(connection, docs)

    def apply(self, docs: Iterable[SearchDoc], removed: Iterable[tuple[str, int]] = (),
              *, wait: bool = True) -> bool:
        docs, removed = list(docs), list(removed)
        if docs or removed:
            with self.engine.begin() as connection:
                self.write(connection, docs, removed)
        return True

    def clear(self) -> None:
        with self.engine.begin() as connection:
            connection.execute(delete(T))
            connection.execute(delete(SearchWord.__table__))
            _mark(connection)

    def count(self) -> int:
        with self.engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(T))

    def keys(self) -> list[tuple[str, int]]:
        with self.engine.connect() as connection:
            return [tuple(row) for row in connection.execute(select(T.c.kind, T.c.object_id))]

    def analyze(self) -> None:
        """Fresh planner statistics after a rebuild (autovacuum's job otherwise)."""
        with self.engine.begin() as connection:
            connection.execute(text("ANALYZE search_index"))
            connection.execute(text("ANALYZE search_words"))
            _mark(connection)

    def stale(self) -> bool:
        """Rows written by another analysis than this one (a marker among the words
        names the analysis of the last rebuild; rows without one predate it)."""
        with self.engine.connect() as connection:
            marked = connection.scalars(select(W.c.word).where(W.c.head == MARK_HEAD)).all()
            if marked == [MARKER]:
                return False
            return connection.execute(select(T.c.kind).limit(1)).first() is not None

    def close(self) -> None:
        """Nothing held between searches (connections return to the pool)."""

    def missing(self) -> bool:
        return self.count() == 0

    # -- filters -----------------------------------------------------------------
    @staticmethod
    def _permission(readable: Mapping[str, object], kinds: Sequence[str]):
        allowed = []
        for kind, scopes in sorted(readable.items()):
            if kinds and kind not in kinds:
                continue
            if scopes == ALL:
                allowed.append(T.c.kind == kind)
            elif scopes:
                words = bindparam(None, sorted(scopes), type_=ARRAY(Text()))
                allowed.append(and_(T.c.kind == kind, _SCOPE.op("&&")(words)))
        return or_(*allowed) if allowed else None

    @staticmethod
    def _restrictions(q: Query) -> list:
        parts = []
        if q.catalog_id is not None:
            parts.append(_CATALOGS.op("@>")(bindparam(None, [q.catalog_id],
                                                      type_=ARRAY(Integer()))))
        if q.keyword:
            parts.append(_KEYWORDS.op("@>")(bindparam(None, [q.keyword.strip().lower()],
                                                      type_=ARRAY(Text()))))
        if q.industry:
            parts.append(T.c.industry == q.industry)
        if q.author_id is not None:
            parts.append(T.c.author_id == q.author_id)
        if q.date_from:
            parts.append(T.c.date >= datetime.combine(q.date_from, time.min))
        if q.date_to:
            parts.append(T.c.date <= datetime.combine(q.date_to, time.max))
        return parts

    def _filter(self, q: Query, kinds: Sequence[str]):
        allowed = self._permission(q.readable, kinds)
        if allowed is None:
            return None
        return and_(allowed, *self._restrictions(q))

    # -- searching ---------------------------------------------------------------
    def search(self, q: Query) -> Results:
        parsed = querying.parse(q.text, q.synonyms)
        tsearch.match(parsed)  # QueryError when nothing is searchable
        with self.engine.connect() as connection:
            everything = self._filter(q, ())
            results = self._run(connection, q, parsed, everything)
            if everything is None:
                return results
            if results.total == 0 or spelling.unknown_terms(connection, parsed):
                suggestion = spelling.suggest(connection, q.text, everything)
                if suggestion and q.correct:
                    corrected = self._run(connection, q,
                                          querying.parse(suggestion, q.synonyms), everything)
                    corrected.corrected = suggestion
                    return corrected
                results.suggestion = suggestion
            return results

    def _run(self, connection, q: Query, parsed, everything) -> Results:
        page = max(1, q.page)
        results = Results(hits=[], total=0, page=page, per_page=q.per_page)
        if everything is None:
            return results
        matching = _matches(tsearch.match(parsed))
        counted = (select(T.c.kind).where(matching, everything).limit(COUNT_CAP)
                   .subquery())
        counts = dict(connection.execute(
            select(counted.c.kind, func.count()).group_by(counted.c.kind)).all())
        results.by_kind = counts
        results.exact = sum(counts.values()) < COUNT_CAP
        if q.kinds:
            results.total = sum(counts.get(kind, 0) for kind in q.kinds)
            allowed = self._filter(q, q.kinds)
        else:
            results.total = sum(counts.values())
            allowed = everything
        results.page = page = min(page, results.pages)
        if not results.total or allowed is None:
            return results
        score = _score(parsed, allowed).label("score")
        order = ([T.c.date.desc().nulls_last(), score.desc()] if q.sort == "date"
                 else [score.desc(), T.c.date.desc().nulls_last()])
        rows = connection.execute(
            select(T.c.kind, T.c.object_id, T.c.name, T.c.subtitle, T.c.text, T.c.date,
                   T.c.parent_id, score)
            .where(matching, allowed).order_by(*order, T.c.kind, T.c.object_id)
            .limit(q.per_page).offset((page - 1) * q.per_page)).all()
        results.hits = _hits(rows, parsed.all_terms)
        return results

    # -- more like this ------------------------------------------------------------
    def more_like_this(self, kind: str, id: int, readable: Mapping[str, object],
                       limit: int = 5, kinds: Sequence[str] = ()) -> list[Hit]:
        with self.engine.connect() as connection:
            row = connection.execute(select(T.c.name, T.c.text).where(
                T.c.kind == kind, T.c.object_id == id)).first()
            if row is None:
                return []
            texts = [(row.name or "", 3.0), ((row.text or "")[:LIKE_CHARS], 1.0)]
            return self._like(connection, texts, readable, limit, kinds,
                              exclude=(kind, id))

    def more_like_text(self, text: str, readable: Mapping[str, object], limit: int = 5,
                       kinds: Sequence[str] = (), industry: str | None = None) -> list[Hit]:
        with self.engine.connect() as connection:
            return self._like(connection, [(tsearch.clean(text)[:LIKE_CHARS], 1.0)],
                              readable, limit, kinds, industry=industry)

    def _like(self, connection, texts, readable, limit, kinds, exclude=None, industry=None):
        allowed = self._permission(readable, kinds)
        if allowed is None:
            return []
        top = spelling.key_terms(connection, texts)
        if not top and not industry:
            return []
        query = tsearch.either([tsearch.quote(term) for term, _ in top])
        conditions = []
        if query:
            conditions.append(_matches(query))
        if industry:
            conditions.append(T.c.industry == industry)
        score = literal(0.0)
        for term, weight in top:
            score = score + case((_matches(tsearch.quote(term), _RANK), weight), else_=0.0)
        if industry:
            score = score + case((T.c.industry == industry, 2.0), else_=0.0)
        where = [or_(*conditions), allowed]
        if exclude:
            where.append(not_(and_(T.c.kind == exclude[0], T.c.object_id == exclude[1])))
        rows = connection.execute(
            select(T.c.kind, T.c.object_id, T.c.name, T.c.subtitle, T.c.text, T.c.date,
                   T.c.parent_id, score.label("score"))
            .where(*where).order_by(score.desc(), T.c.kind, T.c.object_id)
            .limit(limit)).all()
        return _hits(rows, [], highlights=False)


def _mark(connection) -> None:
    connection.execute(delete(W).where(W.c.head == MARK_HEAD))
    connection.execute(W.insert().values(word=MARKER, head=MARK_HEAD))


def _score(parsed, allowed):
    """Records holding every unit first (found through the GIN index, reading no
    vector), then those whose title and opening hold more of them, then ts_rank_cd, a
    chunk's words side by side and the title, all read from the small ranking vector."""
    units = querying.units(parsed)
    everything = tsearch.either([tsearch.unit(u) for u in units] +
                                [tsearch.words(p) for p in parsed.phrases])
    score = func.ts_rank_cd(text(f"'{tsearch.WEIGHTS}'::float4[]"), _RANK,
                            _tsq(everything), 32) if everything else literal(0.0)
    if len(units) > 1:
        every = tsearch.both([tsearch.unit(u) for u in units])
        holding = (select(T.c.kind, T.c.object_id).where(_matches(every), allowed))
        score = score + case((tuple_(T.c.kind, T.c.object_id).in_(holding), ALL_SCORE),
                             else_=0.0)
        for u in units[:MAX_UNITS]:
            score = score + case((_matches(tsearch.unit(u), _RANK), UNIT_SCORE), else_=0.0)
    for chunk in parsed.chunks:
        if len(chunk) > 1 and tsearch.words(chunk):
            score = score + case((_matches(tsearch.words(chunk), _RANK), PHRASE_SCORE),
                                 else_=0.0)
    title = tsearch.either([tsearch.unit(u, "A") for u in units] +
                           [tsearch.words(p, "A") for p in parsed.phrases])
    if title:
        score = score + case((_matches(title, _RANK), TITLE_SCORE), else_=0.0)
    return score


def _hits(rows, terms: Sequence[str], highlights: bool = True) -> list[Hit]:
    hits = []
    for row in rows:
        name, body = row.name or "", row.text or ""
        if highlights:
            title = snippets.highlight(name, terms)
            snippet = snippets.snippet(body, terms) or snippets.lead(body)
        else:
            title, snippet = Markup.escape(name), snippets.lead(body)
        hits.append(Hit(kind=row.kind, id=row.object_id, title=Markup(title),
                        subtitle=row.subtitle or "", snippet=Markup(snippet),
                        score=float(row.score or 0.0), date=row.date,
                        parent_id=row.parent_id))
    return hits


__all__ = ["PostgresBackend", "SearchEntry", "SearchWord"]
