"""From what a user typed to a Whoosh query, without Whoosh's query language.

Users type words, Chinese without spaces, sometimes quotes; they do not type field
names or operators, and must never get an error for `"`, `AND OR`, `*` or `((`. So:
quoted text is a phrase; `-word` excludes; everything else is split on spaces and
symbols into chunks, all of which must match. A chunk that analyses to several terms
(合同评审 typed without spaces) matches them as a phrase first and, ranked below,
anywhere in the record."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh import query as wq

from sicrm.knowledge.search.analysis import terms

#: searched fields and their weights
FIELDS = {"title": 4.0, "kwtext": 3.0, "body": 1.0, "extra": 0.6}
_QUOTED = re.compile(r'"([^"]*)"|“([^”]*)”')
_SPLIT = re.compile(r"[\s\"“”'‘’()\[\]{}<>*?^~:;!|&+=\\/,，。；：！？、（）【】《》]+")
OPERATORS = frozenset({"AND", "OR", "NOT", "&&", "||"})


class QueryError(ValueError):
    """Nothing searchable in what was typed."""


@dataclass
class Parsed:
    #: each chunk is the list of its terms; all chunks must match
    chunks: list[list[str]] = field(default_factory=list)
    #: chunks that were quoted (exact phrase only)
    phrases: list[list[str]] = field(default_factory=list)
    excluded: list[list[str]] = field(default_factory=list)

    @property
    def all_terms(self) -> list[str]:
        return [t for chunk in self.chunks + self.phrases for t in chunk]

    def __bool__(self) -> bool:
        return bool(self.chunks or self.phrases)


def parse(text: str) -> Parsed:
    parsed = Parsed()
    rest = []
    last = 0
    for match in _QUOTED.finditer(text):
        rest.append(text[last:match.start()])
        last = match.end()
        words = terms(match.group(1) or match.group(2) or "")
        if words:
            parsed.phrases.append(words)
    rest.append(text[last:])
    for piece in _SPLIT.split(" ".join(rest)):
        if not piece or piece in OPERATORS:
            continue
        negative = piece.startswith("-") and len(piece) > 1
        words = terms(piece.lstrip("-"))
        if not words:
            continue
        (parsed.excluded if negative else parsed.chunks).append(words)
    return parsed


def _fields_term(word: str) -> wq.Query:
    return wq.Or([wq.Term(name, word, boost=boost) for name, boost in FIELDS.items()])


def _fields_phrase(words: list[str], boost: float = 1.0) -> wq.Query:
    return wq.Or([wq.Phrase(name, words, boost=weight * boost)
                  for name, weight in FIELDS.items()])


def _chunk(words: list[str]) -> wq.Query:
    if len(words) == 1:
        return _fields_term(words[0])
    together = wq.And([_fields_term(word) for word in words])
    return wq.Or([_fields_phrase(words, boost=2.0), together])


def build(parsed: Parsed) -> wq.Query:
    if not parsed:
        raise QueryError("empty")
    required = [_chunk(words) for words in parsed.chunks]
    required += [_fields_phrase(words) if len(words) > 1 else _fields_term(words[0])
                 for words in parsed.phrases]
    query = required[0] if len(required) == 1 else wq.And(required)
    if parsed.excluded:
        query = wq.AndNot(query, wq.Or([_chunk(words) for words in parsed.excluded]))
    return query


def text_of(parsed: Parsed, replace: dict[str, str]) -> str:
    """The query re-written with some terms replaced (for "did you mean")."""
    parts = [" ".join(replace.get(t, t) for t in chunk) for chunk in parsed.chunks]
    parts += ['"%s"' % " ".join(replace.get(t, t) for t in chunk) for chunk in parsed.phrases]
    return " ".join(parts)
