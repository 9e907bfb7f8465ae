"""The embedded search backend: a Whoosh index in a directory (instance/search).

One writer at a time (Whoosh's lock): the indexer drains the queue in batches; a web
worker only tries without waiting (`wait=False`) and leaves the work to the indexer
when the lock is taken. Each search opens a fresh searcher when the index changed
(never `refresh()`, which returns duplicate hits after a merging commit) and keeps it
per thread otherwise."""
from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, time
from pathlib import Path

from markupsafe import Markup, escape
from whoosh import highlight, index
from whoosh import query as wq
from whoosh.analysis import LowercaseFilter
from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.writing import LockError

from sicrm.core.searchable import ALL, SearchDoc
from sicrm.knowledge.search import analysis, querying
from sicrm.knowledge.search.backend import Hit, Query, Results

#: attachments' text beyond this is not indexed
MAX_EXTRA_CHARS = 200_000
SNIPPET_CHARS = 160


class SnippetFormatter(highlight.HtmlFormatter):
    """<mark> around matches, "…" where the fragment cuts the text, line breaks and
    runs of spaces folded (Markdown and extracted text are full of them)."""

    def format_fragment(self, fragment, replace=False):
        html = super().format_fragment(fragment, replace)
        html = " ".join(html.split())
        if fragment.startchar > 0:
            html = "…" + html
        if fragment.endchar < len(fragment.text):
            html += "…"
        return html


class SnippetFragmenter(highlight.PinpointFragmenter):
    """Pinpoint fragments (from the stored character offsets, no re-analysis) that do
    not overlap: a fragment starting inside the previous one joins it, up to twice the
    usual length, or starts where the previous one ends."""

    def fragment_matches(self, text, tokens):
        current = None
        for fragment in super().fragment_matches(text, tokens):
            if current is None:
                current = fragment
            elif fragment.startchar > current.endchar:
                yield current
                current = fragment
            elif max(fragment.endchar, current.endchar) - current.startchar <= 2 * self.maxchars:
                current = highlight.Fragment(text, current.matches + fragment.matches,
                                             current.startchar,
                                             max(current.endchar, fragment.endchar))
            else:
                yield current
                start = min(current.endchar, fragment.matches[0].startchar)
                current = highlight.Fragment(text, fragment.matches, start, fragment.endchar)
        if current is not None:
            yield current


def schema() -> Schema:
    text = analysis.ANALYZER
    spell = analysis.JiebaTokenizer() | LowercaseFilter() | analysis.StopFilter()
    return Schema(
        key=ID(unique=True, stored=True),
        kind=ID(stored=True, sortable=True),
        scope=ID,
        title=TEXT(analyzer=text, stored=True, chars=True),
        subtitle=STORED,
        parent=STORED,
        kwtext=TEXT(analyzer=text, chars=True),
        body=TEXT(analyzer=text, stored=True, chars=True),
        extra=TEXT(analyzer=text, stored=True, chars=True),
        # unstemmed words of title, keywords and body, for "did you mean"
        spell=TEXT(analyzer=spell, phrase=False),
        keywords=KEYWORD(stored=True, commas=True, lowercase=True),
        catalogs=KEYWORD,
        industry=ID,
        author=ID,
        date=DATETIME(stored=True, sortable=True),
    )


def _key(kind: str, id: int) -> str:
    return f"{kind}:{id}"


def _fields(doc: SearchDoc) -> dict:
    extra = (doc.extra or "")[:MAX_EXTRA_CHARS]
    keywords = [k.strip() for k in doc.keywords if k and k.strip()]
    fields = {
        "key": _key(doc.kind, doc.id),
        "kind": doc.kind,
        "scope": doc.scope,
        "title": doc.title or "",
        "subtitle": doc.subtitle or "",
        "parent": doc.parent_id,
        "kwtext": " ".join(keywords),
        "body": doc.body or "",
        "extra": extra,
        "spell": " ".join((doc.title or "", " ".join(keywords), doc.body or "")),
        "keywords": ",".join(k.replace(",", " ") for k in keywords),
        "catalogs": " ".join(str(c) for c in doc.catalogs),
    }
    if doc.industry:
        fields["industry"] = doc.industry
    if doc.author_id is not None:
        fields["author"] = str(doc.author_id)
    if doc.date is not None:
        fields["date"] = doc.date
    return fields


class WhooshBackend:
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
                except LockError:  # another process is creating it
                    self._ix = index.open_dir(str(self.directory))
        return self._ix

    def _searcher(self):
        searcher = getattr(self._local, "searcher", None)
        if searcher is not None and searcher.up_to_date():
            return searcher
        if searcher is not None:
            searcher.close()
        self._local.searcher = searcher = self._index().searcher()
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
              *, wait: bool = True) -> bool:
        docs = list(docs)
        removed = list(removed)
        if not docs and not removed:
            return True
        try:
            writer = self._index().writer(timeout=60.0 if wait else 0.0)
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

    def optimize(self) -> None:
        self._index().optimize()

    # -- searching ---------------------------------------------------------------
    @staticmethod
    def _permission_filter(readable: Mapping[str, object], kinds: Sequence[str]):
        allowed = []
        for kind, scopes in readable.items():
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

    def _filter(self, q: Query, kinds: Sequence[str]):
        allowed = self._permission_filter(q.readable, kinds)
        if allowed is None:
            return None
        parts = [allowed, *self._restrictions(q)]
        return parts[0] if len(parts) == 1 else wq.And(parts)

    def search(self, q: Query) -> Results:
        parsed = querying.parse(q.text)
        whoosh_query = querying.build(parsed)
        searcher = self._searcher()
        page = max(1, q.page)
        results = Results(hits=[], total=0, page=page, per_page=q.per_page)
        counts_filter = self._filter(q, ())
        if counts_filter is None:
            return results
        page_filter = self._filter(q, q.kinds) if q.kinds else counts_filter
        sort = {"sortedby": "date", "reverse": True} if q.sort == "date" else {}
        if page_filter is not None:
            found = searcher.search_page(whoosh_query, page, pagelen=q.per_page,
                                         filter=page_filter, terms=True,
                                         groupedby=None if q.kinds else "kind", **sort)
            results.total = found.total
            results.page = found.pagenum
            results.hits = self._hits(found.results, found)
            if not q.kinds:
                results.by_kind = {kind: len(docs) for kind, docs
                                   in found.results.groups("kind").items()}
        if q.kinds:
            counted = searcher.search(whoosh_query, limit=1, filter=counts_filter,
                                      groupedby="kind")
            results.by_kind = {kind: len(docs) for kind, docs in counted.groups("kind").items()}
        if results.total == 0 or self._has_unknown_terms(searcher, parsed):
            results.suggestion = self._suggest(searcher, q, counts_filter)
        return results

    def _hits(self, whoosh_results, page, highlights: bool = True) -> list[Hit]:
        title_hl = highlight.Highlighter(
            fragmenter=highlight.WholeFragmenter(charlimit=None),
            formatter=highlight.HtmlFormatter(tagname="mark", classname="hl", between=""))
        body_hl = highlight.Highlighter(
            fragmenter=SnippetFragmenter(maxchars=SNIPPET_CHARS // 2, surround=40,
                                         autotrim=False, charlimit=None),
            formatter=SnippetFormatter(tagname="mark", classname="hl", between=" "))
        hits = []
        for hit in page:
            stored = hit.fields()
            title = (highlights and title_hl.highlight_hit(hit, "title", top=1)) or escape(
                stored["title"])
            snippet = ""
            for name in ("body", "extra") if highlights else ():
                snippet = body_hl.highlight_hit(hit, name, top=2)
                if snippet:
                    break
            if not snippet:
                snippet = escape(_lead(stored.get("body") or stored.get("extra") or ""))
            kind, _, oid = stored["key"].partition(":")
            hits.append(Hit(kind=kind, id=int(oid), title=Markup(title),
                            subtitle=stored.get("subtitle") or "", snippet=Markup(snippet),
                            score=float(hit.score or 0.0), date=stored.get("date"),
                            parent_id=stored.get("parent")))
        return hits

    # -- did you mean --------------------------------------------------------------
    @staticmethod
    def _words(text: str) -> list[str]:
        spell = analysis.JiebaTokenizer() | LowercaseFilter() | analysis.StopFilter()
        return [t.text for t in spell(text, mode="query")]

    @staticmethod
    def _has_unknown_terms(searcher, parsed) -> bool:
        """A term no record holds (a typo among words that found something)."""
        reader = searcher.reader()
        return any(not any(reader.doc_frequency(name, term) for name in querying.FIELDS)
                   for term in parsed.all_terms)

    def _suggest(self, searcher, q: Query, allowed) -> str | None:
        reader = searcher.reader()
        corrector = searcher.corrector("spell")
        replacements = {}
        for word in self._words(q.text):
            if reader.doc_frequency("spell", word):
                continue
            cjk = analysis.has_cjk(word)
            candidates = corrector.suggest(word, limit=8, maxdist=1 if cjk else 2)
            if cjk and len(word) < 2:
                candidates = []
            best = _best_candidate(word, candidates, reader) if candidates else None
            if best:
                replacements[word] = best
        if not replacements:
            return None
        corrected = _replace_words(q.text, replacements)
        try:
            whoosh_query = querying.build(querying.parse(corrected))
        except querying.QueryError:
            return None
        # only a correction the user can find something with: no word of a record
        # they may not read is ever suggested
        found = searcher.search(whoosh_query, limit=1, filter=allowed)
        return corrected if found.scored_length() else None

    # -- more like this ------------------------------------------------------------
    def more_like_this(self, kind: str, id: int, readable: Mapping[str, object],
                       limit: int = 5, kinds: Sequence[str] = ()) -> list[Hit]:
        searcher = self._searcher()
        docnum = searcher.document_number(key=_key(kind, id))
        if docnum is None:
            return []
        stored = searcher.stored_fields(docnum)
        texts = [(stored.get(name) or "", weight)
                 for name, weight in (("title", 3.0), ("body", 1.0), ("extra", 0.5))]
        return self._like(searcher, texts, readable, limit, kinds,
                          exclude=_key(kind, id))

    def more_like_text(self, text: str, readable: Mapping[str, object], limit: int = 5,
                       kinds: Sequence[str] = (), industry: str | None = None) -> list[Hit]:
        """Records about the same things as `text` (a project's name, customer …);
        those of `industry` rank higher, and match on it alone."""
        return self._like(self._searcher(), [(text, 1.0)], readable, limit, kinds,
                          industry=industry)

    def _like(self, searcher, texts, readable, limit, kinds, exclude=None, industry=None):
        allowed = self._permission_filter(readable, kinds)
        if allowed is None:
            return []
        weighted: dict[str, float] = {}
        for text, weight in texts:
            if not text:
                continue
            for word, score in searcher.key_terms_from_text("body", text[:20_000],
                                                             numterms=12):
                weighted[word] = weighted.get(word, 0.0) + score * weight
        top = sorted(weighted.items(), key=lambda item: -item[1])[:15]
        parts = [wq.Or([wq.Term(name, word, boost=boost * score)
                        for name, boost in querying.FIELDS.items()]) for word, score in top]
        if industry:
            parts.append(wq.Term("industry", industry, boost=2.0))
        if not parts:
            return []
        query = wq.Or(parts)
        if exclude:
            query = wq.AndNot(query, wq.Term("key", exclude))
        found = searcher.search(query, limit=limit, filter=allowed)
        return self._hits(found, found, highlights=False)


def _lead(text: str) -> str:
    text = " ".join(text.split())
    return text[:SNIPPET_CHARS] + ("…" if len(text) > SNIPPET_CHARS else "")


def _best_candidate(word: str, candidates: list[str], reader) -> str | None:
    if analysis.has_cjk(word):
        from pypinyin import lazy_pinyin

        sound = lazy_pinyin(word)
        same_sound = [c for c in candidates if len(c) == len(word) and lazy_pinyin(c) == sound]
        if same_sound:
            candidates = same_sound
        else:
            candidates = [c for c in candidates if len(c) == len(word)]
    if not candidates:
        return None
    return max(candidates, key=lambda c: reader.doc_frequency("spell", c))


def _replace_words(text: str, replacements: dict[str, str]) -> str:
    import re

    for word, better in replacements.items():
        text = re.sub(re.escape(word), better.replace("\\", r"\\"), text, flags=re.IGNORECASE)
    return text
