"""From what a user typed to a Whoosh query, without Whoosh's query language.

Users type words, Chinese without spaces, sometimes quotes; they do not type field
names or operators, and must never get an error for `"`, `AND OR`, `*` or `((`. So:
quoted text is a phrase and must be there; `-word` excludes; everything else is split
on spaces and symbols into chunks of terms, and a record matches when it holds any of
them. Ranking does the rest (BM25F over the record, plus): a record holding every
term ranks first (ALL_BOOST), then those with most of them; a chunk's terms standing
together (合同评审 typed without spaces) and terms in the title add more. A question
(打印机脱机了怎么处理) thus finds the records about most of its words, where requiring
every word found nothing as soon as one word was in no record."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh import query as wq

from sicrm.knowledge.search.analysis import terms

#: every word of a record is in `content`; a match in the title (with the keywords)
#: adds this much to the score
CONTENT = "content"
TITLE = "title"
TITLE_BOOST = 3.0
#: a record holding every term of the query gets its terms' scores this many times
#: more, so that it ranks above records holding only some of them
ALL_BOOST = 4.0
#: the same for a chunk's terms side by side (a phrase typed without quotes)
PHRASE_BOOST = 2.0
_QUOTED = re.compile(r'"([^"]*)"|“([^”]*)”')
_SPLIT = re.compile(r"[\s\"“”'‘’()\[\]{}<>*?^~:;!|&+=\\/,，。；：！？、（）【】《》]+")
OPERATORS = frozenset({"AND", "OR", "NOT", "&&", "||"})


class QueryError(ValueError):
    """Nothing searchable in what was typed."""


#: analysed words → the analysed words meaning the same (synonyms.synonym_map)
Synonyms = dict[tuple[str, ...], tuple[tuple[str, ...], ...]]


@dataclass
class Parsed:
    #: each chunk is the list of its terms; all chunks must match
    chunks: list[list[str]] = field(default_factory=list)
    #: chunks that were quoted (exact phrase only)
    phrases: list[list[str]] = field(default_factory=list)
    excluded: list[list[str]] = field(default_factory=list)
    synonyms: Synonyms = field(default_factory=dict)

    @property
    def typed_terms(self) -> list[str]:
        return [t for chunk in self.chunks + self.phrases for t in chunk]

    @property
    def all_terms(self) -> list[str]:
        """The typed terms and those of their synonyms (what snippets mark)."""
        found = self.typed_terms
        for unit in units(self):
            for alternative in unit[1:]:
                found.extend(alternative)
        return found

    def __bool__(self) -> bool:
        return bool(self.chunks or self.phrases)


def parse(text: str, synonyms: Synonyms | None = None) -> Parsed:
    parsed = Parsed(synonyms=synonyms or {})
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


def unquoted(text: str) -> str:
    """`text` with its quotes dropped: its phrases become plain words."""
    return " ".join(_QUOTED.sub(lambda m: " %s " % (m.group(1) or m.group(2) or ""),
                                text).replace('"', " ").split())


def _required(words: list[str], phrase: bool) -> wq.Query:
    """What a record must hold: the words anywhere, or (quoted) side by side."""
    if len(words) == 1:
        return wq.Term(CONTENT, words[0])
    if phrase:
        return wq.Phrase(CONTENT, words)
    return wq.And([wq.Term(CONTENT, word) for word in words])


def units(parsed: Parsed) -> list[tuple[tuple[str, ...], ...]]:
    """The concepts of the unquoted chunks, each as its words followed by the words
    meaning the same: a chunk that is a synonym as a whole (网络安全等级保护) is one
    unit, otherwise each of its words is."""
    found: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
    for chunk in parsed.chunks:
        whole = tuple(chunk)
        if len(chunk) > 1 and whole in parsed.synonyms:
            found.setdefault(whole, (whole, *parsed.synonyms[whole]))
            continue
        for word in chunk:
            key = (word,)
            found.setdefault(key, (key, *parsed.synonyms.get(key, ())))
    return list(found.values())


def _words_query(words: tuple[str, ...]) -> wq.Query:
    return wq.Term(CONTENT, words[0]) if len(words) == 1 else wq.Phrase(CONTENT, list(words))


def _unit_query(unit: tuple[tuple[str, ...], ...]) -> wq.Query:
    if len(unit) == 1:
        return _words_query(unit[0])
    return wq.Or([_words_query(words) for words in unit])


def match(parsed: Parsed) -> wq.Query:
    """The records that answer: every quoted phrase, and any term of the other
    chunks when there is no phrase; none of the excluded ones. Unscored, this is what
    is counted."""
    if not parsed:
        raise QueryError("empty")
    if parsed.phrases:
        required = [_required(words, True) for words in parsed.phrases]
        query = required[0] if len(required) == 1 else wq.And(required)
    else:
        clauses = [_unit_query(unit) for unit in units(parsed)]
        query = clauses[0] if len(clauses) == 1 else wq.Or(clauses)
    if parsed.excluded:
        query = wq.AndNot(query, wq.Or([_required(words, True) for words in parsed.excluded]))
    return query


def build(parsed: Parsed) -> wq.Query:
    """`match` ranked: every term present multiplies by ALL_BOOST, a chunk's words side
    by side add PHRASE_BOOST, the terms of chunks beside the phrases count, and a word
    in the title (or keywords) adds TITLE_BOOST, its chunk standing together in the
    title more. The extra clauses are only looked at on matching records."""
    required = match(parsed)
    boosts = []
    clauses = [_unit_query(unit) for unit in units(parsed)]
    if parsed.phrases:
        boosts.extend(clauses)
    if len(clauses) > 1:
        boosts.append(wq.And(clauses, boost=ALL_BOOST))
    for chunk in parsed.chunks:
        if len(chunk) > 1:
            boosts.append(wq.Phrase(CONTENT, chunk, boost=PHRASE_BOOST))
    for unit in units(parsed):
        for words in unit[1:]:  # a synonym in the title counts as the word itself
            boosts.append(wq.Phrase(TITLE, list(words), boost=TITLE_BOOST) if len(words) > 1
                          else wq.Term(TITLE, words[0], boost=TITLE_BOOST))
    for words in parsed.chunks + parsed.phrases:
        boosts.extend(wq.Term(TITLE, word, boost=TITLE_BOOST) for word in words)
        if len(words) > 1:
            boosts.append(wq.Phrase(TITLE, words, boost=TITLE_BOOST))
    return wq.AndMaybe(required, wq.Or(boosts)) if boosts else required


def text_of(parsed: Parsed, replace: dict[str, str]) -> str:
    """The query re-written with some terms replaced (for "did you mean")."""
    parts = [" ".join(replace.get(t, t) for t in chunk) for chunk in parsed.chunks]
    parts += ['"%s"' % " ".join(replace.get(t, t) for t in chunk) for chunk in parsed.phrases]
    return " ".join(parts)
