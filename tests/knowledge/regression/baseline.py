"""The yardstick the issue compares with: plain BM25 over jieba tokens (Whoosh's
BM25F, one text field, no folding, no sub-words, no stems, no synonyms, no
corrections; any word matches). It indexes only what the test reader may read, so
it needs no permission filter. `python -m tests.knowledge.regression.report
--baseline` prints it beside sicrm's figures."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh import index
from whoosh import query as wq
from whoosh.analysis import Token, Tokenizer
from whoosh.fields import ID, STORED, TEXT, Schema

from sicrm.core.searchable import ALL

_WORD = re.compile(r"\w")


class _Jieba(Tokenizer):
    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True, mode="",
                 **kwargs):
        import rjieba

        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, (word, start, end) in enumerate(
                w for w in rjieba.tokenize(value) if _WORD.search(w[0])):
            token.text = word.lower()
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            yield token


@dataclass
class _Hit:
    kind: str
    id: int


@dataclass
class _Results:
    hits: list = field(default_factory=list)
    corrected: str | None = None
    suggestion: str | None = None


class Bm25Jieba:
    def __init__(self, directory, docs, readable):
        self.analyzer = _Jieba()
        schema = Schema(key=ID(stored=True), kind=STORED, oid=STORED,
                        content=TEXT(analyzer=self.analyzer))
        self.ix = index.create_in(str(directory), schema)
        writer = self.ix.writer()
        for doc in docs:
            scopes = readable.get(doc.kind)
            if scopes != ALL and doc.scope not in (scopes or ()):
                continue
            writer.add_document(key=f"{doc.kind}:{doc.id}", kind=doc.kind, oid=doc.id,
                                content="\n".join([doc.title, " ".join(doc.keywords),
                                                   doc.body, doc.extra]))
        writer.commit()
        self.searcher = self.ix.searcher()

    def search(self, q) -> _Results:
        words = [t.text for t in self.analyzer(q.text.replace('"', " "))]
        if not words:
            return _Results()
        found = self.searcher.search(wq.Or([wq.Term("content", w) for w in words]),
                                     limit=q.per_page)
        return _Results(hits=[_Hit(hit["kind"], hit["oid"]) for hit in found])

    def close(self):
        self.searcher.close()
