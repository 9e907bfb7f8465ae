"""The embedded search backend: a Whoosh index in a directory (instance/search).

Built for speed in pure Python:
- one `content` field holds every word of a record (title, keywords, text, attachments)
  and is what a query must match; the title (with the keywords) only adds to the score,
  and a phrase is checked only on records that hold all its words;
- the ten hits of a page come from a top-N search that can skip blocks of postings;
  counts per kind come from an unscored pass that stops at COUNT_CAP readable matches
  (shown as "1,000+"): counting never includes a record the user may not read;
- the permission filter (a set of document numbers) is kept per searcher;
- snippets are found by looking for the query's terms in the stored text
  (`snippets.py`), so the index stores no character offsets.

One writer at a time (Whoosh's lock): the indexer drains the queue in batches; a web
worker only tries without waiting (`wait=False`). A search opens a fresh searcher when
the index changed (never `refresh()`, which returns duplicate hits after a merging
commit) and keeps it per thread otherwise."""
from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, time
from pathlib import Path

from markupsafe import Markup
from whoosh import index
from whoosh import query as wq
from whoosh.analysis import LowercaseFilter
from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.writing import LockError

from sicrm.core.searchable import ALL, SearchDoc
from sicrm.knowledge.search import analysis, querying, snippets
from sicrm.knowledge.search.backend import Hit, Query, Results

#: attachments' text beyond this is not indexed
MAX_EXTRA_CHARS = 200_000
#: text kept for snippets
MAX_STORED_CHARS = 60_000
#: counts stop here ("1,000+"); the pages reach that far
COUNT_CAP = 1000
#: a query of at least this many concepts (a question, a headline) has its first RERANK
#: hits re-ordered by the share of its concepts each holds, to the power COORD (see
#: `_coordinated`)
COORD_MIN_UNITS = 3
RERANK = 50
COORD = 2.0
#: records fetched for more-like-this are described by this much of their text
LIKE_CHARS = 4000
#: how text is analysed at indexing time; an index written otherwise is rebuilt
#: (2: both Chinese scripts folded, compounds' longer parts, codes' prefixes;
#: 3: simplified text no longer put through the Taiwan-phrases dictionary)
ANALYSIS_VERSION = "3"
MARKER = "sicrm-analysis-version"


def schema() -> Schema:
    text = analysis.ANALYZER
    spell = analysis.JiebaTokenizer() | LowercaseFilter() | analysis.StopFilter()
    return Schema(
        key=ID(unique=True, stored=True),
        kind=ID(stored=True, sortable=True),
        scope=ID,
        # the title and the keywords: a match here scores higher
        title=TEXT(analyzer=text),
        # every word of the record: what a query must match
        content=TEXT(analyzer=text),
        # unstemmed words of the title, keywords and text, for "did you mean"
        spell=TEXT(analyzer=spell, phrase=False),
        keywords=KEYWORD(stored=True, commas=True, lowercase=True),
        catalogs=KEYWORD,
        industry=ID,
        author=ID,
        date=DATETIME(stored=True, sortable=True),
        # shown, not searched
        name=STORED, subtitle=STORED, parent=STORED, text=STORED,
    )


def _key(kind: str, id: int) -> str:
    return f"{kind}:{id}"


def _fields(doc: SearchDoc) -> dict:
    extra = (doc.extra or "")[:MAX_EXTRA_CHARS]
    keywords = [k.strip() for k in doc.keywords if k and k.strip()]
    title = doc.title or ""
    body = doc.body or ""
    fields = {
        "key": _key(doc.kind, doc.id),
        "kind": doc.kind,
        "scope": doc.scope,
        "title": "\n".join((title, " ".join(keywords))),
        "content": "\n".join((title, " ".join(keywords), body, extra)),
        "spell": "\n".join((title, " ".join(keywords), body)),
        "keywords": ",".join(k.replace(",", " ") for k in keywords),
        "catalogs": " ".join(str(c) for c in doc.catalogs),
        "name": title,
        "subtitle": doc.subtitle or "",
        "parent": doc.parent_id,
        "text": (body + "\n" + extra)[:MAX_STORED_CHARS],
    }
    if doc.industry:
        fields["industry"] = doc.industry
    if doc.author_id is not None:
        fields["author"] = str(doc.author_id)
    if doc.date is not None:
        fields["date"] = doc.date
    return fields


class WhooshBackend:
    name = "whoosh"

    def __init__(self, directory: str | Path):
        self.directory = Path(directory)
        self._local = threading.local()
        self._ix = None

    # -- the index ---------------------------------------------------------------
    def _index(self):
        if self._ix is None:
            self.directory.mkdir(parents=True, exist_ok=True)
            if index.exists_in(str(self.directory)):
                self._ix = index.open_dir(str(self.directory))
            else:
                try:
                    self._ix = index.create_in(str(self.directory), schema())
                    self._mark()
                except LockError:  # another process is creating it
                    self._ix = index.open_dir(str(self.directory))
        return self._ix

    def _mark(self) -> None:
        (self.directory / MARKER).write_text(ANALYSIS_VERSION)

    def stale(self) -> bool:
        """The index exists but was written by an older analysis (rebuild it)."""
        if not index.exists_in(str(self.directory)):
            return False
        marker = self.directory / MARKER
        return not marker.exists() or marker.read_text().strip() != ANALYSIS_VERSION

    def missing(self) -> bool:
        """No index was ever written here (a new install, or its directory was lost)."""
        directory = self.directory
        return not ((directory / "_MAIN_WRITELOCK").exists() or any(directory.glob("*.toc")))

    def _searcher(self):
        searcher = getattr(self._local, "searcher", None)
        if searcher is not None and searcher.up_to_date():
            return searcher
        if searcher is not None:
            searcher.close()
        self._local.searcher = searcher = self._index().searcher()
        self._local.filters = {}
        return searcher

    def close(self) -> None:
        searcher = getattr(self._local, "searcher", None)
        if searcher is not None:
            searcher.close()
            self._local.searcher = None

    def count(self) -> int:
        return self._searcher().doc_count()

    def keys(self) -> list[tuple[str, int]]:
        """Every (kind, id) the index holds."""
        answer = []
        for fields in self._searcher().all_stored_fields():
            kind, _, oid = fields["key"].partition(":")
            answer.append((kind, int(oid)))
        return answer

    def apply(self, docs: Iterable[SearchDoc], removed: Iterable[tuple[str, int]] = (),
              *, wait: bool = True, procs: int = 1) -> bool:
        docs = list(docs)
        removed = list(removed)
        if not docs and not removed:
            return True
        options = {"procs": procs, "multisegment": True} if procs > 1 else {}
        try:
            writer = self._index().writer(timeout=60.0 if wait else 0.0, **options)
        except LockError:
            if wait:
                raise
            return False
        try:
            for kind, id in removed:
                writer.delete_by_term("key", _key(kind, id))
            for doc in docs:
                writer.update_document(**_fields(doc))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        return True

    def clear(self) -> None:
        self.close()
        self.directory.mkdir(parents=True, exist_ok=True)
        self._ix = index.create_in(str(self.directory), schema())
        self._mark()

    def optimize(self) -> None:
        self._index().optimize()

    # -- filters -----------------------------------------------------------------
    @staticmethod
    def _permission_filter(readable: Mapping[str, object], kinds: Sequence[str]):
        allowed = []
        for kind, scopes in sorted(readable.items()):
            if kinds and kind not in kinds:
                continue
            if scopes == ALL:
                allowed.append(wq.Term("kind", kind))
            elif scopes:
                allowed.append(wq.And([wq.Term("kind", kind),
                                       wq.Or([wq.Term("scope", s) for s in sorted(scopes)])]))
        if not allowed:
            return None
        return allowed[0] if len(allowed) == 1 else wq.Or(allowed)

    @staticmethod
    def _restrictions(q: Query) -> list:
        parts = []
        if q.catalog_id is not None:
            parts.append(wq.Term("catalogs", str(q.catalog_id)))
        if q.keyword:
            parts.append(wq.Term("keywords", q.keyword.strip().lower()))
        if q.industry:
            parts.append(wq.Term("industry", q.industry))
        if q.author_id is not None:
            parts.append(wq.Term("author", str(q.author_id)))
        if q.date_from or q.date_to:
            start = datetime.combine(q.date_from, time.min) if q.date_from else None
            end = datetime.combine(q.date_to, time.max) if q.date_to else None
            parts.append(wq.DateRange("date", start, end))
        return parts

    def _docset(self, searcher, filter_query):
        """The document numbers a filter allows, kept while the searcher lives."""
        if filter_query is None:
            return None
        cache = self._local.filters
        key = repr(filter_query)
        if key not in cache:
            if len(cache) > 64:
                cache.clear()
            cache[key] = searcher._filter_to_comb(filter_query)
        return cache[key]

    def _filter(self, searcher, q: Query, kinds: Sequence[str]):
        allowed = self._permission_filter(q.readable, kinds)
        if allowed is None:
            return None
        parts = [allowed, *self._restrictions(q)]
        return self._docset(searcher, parts[0] if len(parts) == 1 else wq.And(parts))

    # -- searching ---------------------------------------------------------------
    def search(self, q: Query) -> Results:
        searcher = self._searcher()
        everything = self._filter(searcher, q, ())
        results = self._run(searcher, q, q.text, everything)
        if everything is None:
            return results
        parsed = querying.parse(q.text, q.synonyms)
        if results.total == 0 and parsed.phrases and q.correct:
            # a quoted phrase in no readable record (a headline pasted with its
            # quotes): its words are searched, with "search instead for" the phrase
            loose = querying.unquoted(q.text)
            if querying.parse(loose):
                found = self._run(searcher, q, loose, everything)
                if found.total:
                    found.corrected = loose
                    return found
        if (results.total == 0 or self._has_unknown_terms(searcher, parsed)
                or self._has_glued_pieces(searcher, q.text)):
            suggestion = self._suggest(searcher, q, everything)
            if suggestion and q.correct:
                # a word of the query is in no record: search what was meant, and
                # offer what was typed
                corrected = self._run(searcher, q, suggestion, everything)
                corrected.corrected = suggestion
                return corrected
            results.suggestion = suggestion
        return results

    def _run(self, searcher, q: Query, text: str, everything) -> Results:
        parsed = querying.parse(text, q.synonyms)
        whoosh_query = querying.build(parsed)
        matching = querying.match(parsed)
        page = max(1, q.page)
        results = Results(hits=[], total=0, page=page, per_page=q.per_page)
        if everything is None:
            return results
        counts, exact = self._count(searcher, matching, everything)
        results.by_kind = dict(counts)
        results.exact = exact
        if q.kinds:
            results.total = sum(counts[kind] for kind in q.kinds)
            allowed = self._filter(searcher, q, q.kinds)
        else:
            results.total = sum(counts.values())
            allowed = everything
        results.page = page = min(page, results.pages)
        if results.total and allowed is not None:
            sort = {"sortedby": "date", "reverse": True} if q.sort == "date" else {}
            concepts = querying.units(parsed)
            rerank = not sort and len(concepts) >= COORD_MIN_UNITS
            limit = page * q.per_page
            found = searcher.search(whoosh_query, limit=max(limit, RERANK) if rerank else limit,
                                    filter=allowed, **sort)
            # not list(found): list() asks len(), which counts every match again
            top = [found[i] for i in range(found.scored_length())]
            scores = None
            if rerank:
                top, scores = _coordinated(searcher, top, concepts)
            start = (page - 1) * q.per_page
            results.hits = self._hits(top[start:limit], parsed.all_terms,
                                      scores=scores[start:limit] if scores else None)
        return results

    @staticmethod
    def _count(searcher, whoosh_query, allowed) -> tuple[Counter, bool]:
        """Readable matches per kind, without scoring, up to COUNT_CAP."""
        counts: Counter = Counter()
        if not searcher.doc_count_all():
            return counts, True
        kinds = searcher.reader().column_reader("kind")
        seen = 0
        for docnum in whoosh_query.docs(searcher):
            if docnum not in allowed:
                continue
            counts[kinds[docnum]] += 1
            seen += 1
            if seen >= COUNT_CAP:
                return counts, False
        return counts, True

    @staticmethod
    def _hits(top, terms: Sequence[str], highlights: bool = True,
              scores: Sequence[float] | None = None) -> list[Hit]:
        hits = []
        for number, hit in enumerate(top):
            stored = hit.fields()
            name = stored.get("name") or ""
            text = stored.get("text") or ""
            if highlights:
                title = snippets.highlight(name, terms)
                snippet = snippets.snippet(text, terms) or snippets.lead(text)
            else:
                title, snippet = Markup.escape(name), snippets.lead(text)
            kind, _, oid = stored["key"].partition(":")
            hits.append(Hit(kind=kind, id=int(oid), title=Markup(title),
                            subtitle=stored.get("subtitle") or "", snippet=Markup(snippet),
                            score=scores[number] if scores else float(hit.score or 0.0),
                            date=stored.get("date"),
                            parent_id=stored.get("parent")))
        return hits

    # -- did you mean --------------------------------------------------------------
    @staticmethod
    def _words(text: str) -> list[list[str]]:
        """What corrections are sought for, unstemmed: per chunk of the query, the
        chunk itself first when it is short Chinese (防火强, not 防火 + 强), then its
        words."""
        spell = analysis.JiebaTokenizer() | LowercaseFilter() | analysis.StopFilter()
        groups = []
        for chunk in re.split(r"[\s\"“”]+", text.lower()):
            if not chunk:
                continue
            pieces = [t.text for t in spell(chunk, mode="query")]
            glued = _glued(pieces)
            if analysis.has_cjk(chunk) and 2 <= len(chunk) <= 6 and chunk.isalnum():
                groups.append([chunk, *glued, *(p for p in pieces if p != chunk)])
            else:
                groups.extend([word] for word in glued)
                groups.extend([piece] for piece in pieces)
        return groups

    @staticmethod
    def _has_glued_pieces(searcher, text: str) -> bool:
        """A single character the segmenter left beside a word, together in no record
        (堡垒鸡: 堡垒 + 鸡, 虚拟华): perhaps a homophone typed through pinyin."""
        spell = analysis.JiebaTokenizer() | LowercaseFilter() | analysis.StopFilter()
        reader = searcher.reader()
        for chunk in re.split(r"[\s\"“”]+", text.lower()):
            if analysis.has_cjk(chunk):
                for word in _glued([t.text for t in spell(chunk, mode="query")]):
                    if not reader.doc_frequency("spell", word):
                        return True
        return False

    @staticmethod
    def _has_unknown_terms(searcher, parsed) -> bool:
        """A term no record holds, nor any of its synonyms (a typo among words that
        found something)."""
        reader = searcher.reader()
        known = set()
        for unit in querying.units(parsed):
            if any(all(reader.doc_frequency(querying.CONTENT, t) for t in words)
                   for words in unit):
                known.update(unit[0])
        return any(not reader.doc_frequency(querying.CONTENT, term) and term not in known
                   for term in parsed.typed_terms)

    def _suggest(self, searcher, q: Query, allowed) -> str | None:
        reader = searcher.reader()
        corrector = searcher.corrector("spell")
        replacements = {}
        known = self._known_by_synonym(reader, q)
        for group in self._words(q.text):
            if any(reader.doc_frequency("spell", word) for word in group[:1]):
                continue
            typed = analysis.terms(group[0])
            if typed and set(typed) <= known:
                continue  # SLB is in no record, its synonym 负载均衡 is: no typo
            for word in group:
                best = self._correction(reader, corrector, word)
                # only a word the user can find something with: no word of a record
                # they may not read is ever suggested (even when the rest of the
                # corrected query finds readable records)
                if best and self._readable_term(searcher, best, allowed):
                    replacements[word] = best
                    break
        if not replacements:
            return None
        corrected = _replace_words(q.text, replacements)
        if not querying.parse(corrected):
            return None
        readable = any(docnum in allowed for docnum
                       in querying.match(querying.parse(corrected)).docs(searcher))
        return corrected if readable else None

    @staticmethod
    def _readable_term(searcher, word: str, allowed) -> bool:
        words = querying.parse(word)
        return bool(words) and any(docnum in allowed
                                   for docnum in querying.match(words).docs(searcher))

    @staticmethod
    def _known_by_synonym(reader, q: Query) -> set[str]:
        """Typed words (unstemmed, lower-cased) that are in no record but have a
        synonym that is."""
        known = set()
        for unit in querying.units(querying.parse(q.text, q.synonyms)):
            if len(unit) > 1 and any(all(reader.doc_frequency(querying.CONTENT, t)
                                         for t in words) for words in unit[1:]):
                known.update(unit[0])
        return known

    @staticmethod
    def _correction(reader, corrector, word: str) -> str | None:
        if reader.doc_frequency("spell", word) or any(ch.isdigit() for ch in word):
            return None  # K8S, 2.0, model numbers: no spelling to correct
        cjk = analysis.has_cjk(word)
        if (cjk and len(word) < 2) or (not cjk and len(word) < 3):
            return None
        distance = 1 if cjk or len(word) <= 4 else 2
        # prefix=1: the first letter is kept (scanning every word of the index is
        # slow at scale; typos are rarely in the first letter)
        candidates = [c for c in corrector.suggest(word, limit=8, maxdist=distance, prefix=1)
                      if not c.isdigit() and len(c) >= len(word) - 1]
        return _best_candidate(word, candidates, reader) if candidates else None

    # -- more like this ------------------------------------------------------------
    def more_like_this(self, kind: str, id: int, readable: Mapping[str, object],
                       limit: int = 5, kinds: Sequence[str] = ()) -> list[Hit]:
        searcher = self._searcher()
        docnum = searcher.document_number(key=_key(kind, id))
        if docnum is None:
            return []
        stored = searcher.stored_fields(docnum)
        texts = [(stored.get("name") or "", 3.0), ((stored.get("text") or "")[:LIKE_CHARS], 1.0)]
        return self._like(searcher, texts, readable, limit, kinds, exclude=_key(kind, id))

    def more_like_text(self, text: str, readable: Mapping[str, object], limit: int = 5,
                       kinds: Sequence[str] = (), industry: str | None = None) -> list[Hit]:
        """Records about the same things as `text` (a project's name, customer …);
        those of `industry` rank higher, and match on it alone."""
        return self._like(self._searcher(), [(text[:LIKE_CHARS], 1.0)], readable, limit,
                          kinds, industry=industry)

    def _like(self, searcher, texts, readable, limit, kinds, exclude=None, industry=None):
        allowed = self._permission_filter(readable, kinds)
        if allowed is None:
            return []
        weighted: dict[str, float] = {}
        for text, weight in texts:
            if not text:
                continue
            for word, score in searcher.key_terms_from_text(querying.CONTENT, text,
                                                             numterms=12):
                weighted[word] = weighted.get(word, 0.0) + score * weight
        top = sorted(weighted.items(), key=lambda item: -item[1])[:15]
        parts = [wq.Term(querying.CONTENT, word, boost=score) for word, score in top]
        if industry:
            parts.append(wq.Term("industry", industry, boost=2.0))
        if not parts:
            return []
        query = wq.Or(parts)
        if exclude:
            query = wq.AndNot(query, wq.Term("key", exclude))
        found = searcher.search(query, limit=limit,
                                filter=self._docset(searcher, allowed))
        return self._hits([found[i] for i in range(found.scored_length())], [],
                          highlights=False)


def _glued(pieces: list[str]) -> list[str]:
    """Two-character words with the single Chinese character after or before them
    (堡垒 + 鸡 → 堡垒鸡), where a homophone typo cut a word in pieces."""
    found = []
    for left, right in zip(pieces, pieces[1:]):
        joined = left + right
        if (len(joined) == 3 and analysis.has_cjk(joined) and joined.isalnum()
                and 1 in (len(left), len(right))):
            found.append(joined)
    return found


def _coordinated(searcher, top, concepts) -> tuple[list, list[float]]:
    """`top` re-ordered by score × (share of the query's concepts the record holds)
    ** COORD: a record holding most of a question's or a headline's words ranks above
    one that holds a single word many times (or in a short title). Which record holds
    which term is read from the postings, skipping to the few records of `top`."""
    reader = searcher.reader()
    wanted = sorted({hit.docnum for hit in top})
    holding: dict[str, set[int]] = {}

    def holders(term: str) -> set[int]:
        if term not in holding:
            found = set()
            if reader.doc_frequency(querying.CONTENT, term):
                postings = reader.postings(querying.CONTENT, term)
                for docnum in wanted:
                    if not postings.is_active():
                        break
                    if postings.id() < docnum:
                        postings.skip_to(docnum)
                    if postings.is_active() and postings.id() == docnum:
                        found.add(docnum)
            holding[term] = found
        return holding[term]

    held: Counter = Counter()
    for unit in concepts:
        docs: set[int] = set()
        for words in unit:
            docs |= set.intersection(*(holders(word) for word in words))
        held.update(docs)
    rows = [(float(hit.score or 0.0) * (held[hit.docnum] / len(concepts)) ** COORD, hit)
            for hit in top]
    rows.sort(key=lambda row: -row[0])
    return [hit for _, hit in rows], [score for score, _ in rows]


def _best_candidate(word: str, candidates: list[str], reader) -> str | None:
    if analysis.has_cjk(word):
        from pypinyin import lazy_pinyin

        # Chinese typos are homophones typed through pinyin (负载均恒 → 负载均衡):
        # another word that merely shares characters (等保 → 等级) is no correction
        sound = lazy_pinyin(word)
        candidates = [c for c in candidates if lazy_pinyin(c) == sound]
    if not candidates:
        return None
    return max(candidates, key=lambda c: reader.doc_frequency("spell", c))


def _replace_words(text: str, replacements: dict[str, str]) -> str:
    for word, better in replacements.items():
        text = re.sub(re.escape(word), better.replace("\\", r"\\"), text, flags=re.IGNORECASE)
    return text
