"""tsvector and tsquery text built in Python from sicrm's own analysis (rjieba,
folding, sub-words at their compound's position, stems), so PostgreSQL's parser never
re-cuts a word: every lexeme is quoted and passed as a bound parameter, never SQL.

Positions follow the analyzer's (a sub-word shares its compound's), one section
after another with a gap, so a phrase (`<->`) never spans the title and the body."""
from __future__ import annotations

from collections.abc import Sequence

from sicrm.knowledge.search import analysis, querying

#: PostgreSQL's limits: positions above are clamped, at most 256 per lexeme, and a
#: lexeme shorter than 2 KB
MAX_POSITION = 16383
MAX_POSITIONS = 255
MAX_LEXEME = 200
#: the whole vector stays under PostgreSQL's 1 MB (the input text is longer than the
#: stored vector: a position is 2 bytes stored, 3 to 7 characters written)
MAX_VECTOR_BYTES = 900_000
#: rank weights for {D, C, B, A}: attachments, body, title and keywords
WEIGHTS = "{0.05, 0.2, 0.4, 1.0}"


def clean(text: str) -> str:
    """PostgreSQL text holds no NUL."""
    return text.replace("\x00", "") if text and "\x00" in text else (text or "")


def quote(term: str) -> str:
    """A lexeme for tsvector or tsquery input: quoted, quotes and backslashes doubled."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def _usable(term: str) -> bool:
    return bool(term) and len(term) <= MAX_LEXEME and "\x00" not in term


def vector(sections: Sequence[tuple[str, str]], limit: int | None = None) -> str:
    """tsvector input for (text, weight) sections; `limit`: words of each section."""
    positions: dict[str, dict[int, str]] = {}
    base = 0
    for text, weight in sections:
        last = 0
        for token in analysis.ANALYZER(clean(text), positions=True, mode="index"):
            if limit is not None and token.pos >= limit:
                break
            if not _usable(token.text):
                continue
            position = min(base + token.pos + 1, MAX_POSITION)
            last = max(last, token.pos + 1)
            held = positions.setdefault(token.text, {})
            if len(held) < MAX_POSITIONS:
                held.setdefault(position, weight)
        base = min(base + last + 2, MAX_POSITION)
    parts = [quote(term) + ":" + ",".join(f"{p}{w}" for p, w in sorted(held.items()))
             for term, held in positions.items()]
    answer = " ".join(parts)
    if len(answer.encode()) <= MAX_VECTOR_BYTES:
        return answer
    # a huge attachment: one position per word, as many words as fit (title first)
    kept, size = [], 0
    for term, held in positions.items():
        part = quote(term) + ":" + "%d%s" % min(held.items())
        size += len(part.encode()) + 1
        if size > MAX_VECTOR_BYTES:
            break
        kept.append(part)
    return " ".join(kept)


def words(words: Sequence[str], weight: str = "") -> str:
    """Words side by side (`<->`), each optionally restricted to a weight."""
    suffix = ":" + weight if weight else ""
    usable = [quote(word) + suffix for word in words if _usable(word)]
    if not usable:
        return ""
    return usable[0] if len(usable) == 1 else "(" + " <-> ".join(usable) + ")"


def either(parts: Sequence[str]) -> str:
    parts = [part for part in parts if part]
    if not parts:
        return ""
    return parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"


def both(parts: Sequence[str]) -> str:
    parts = [part for part in parts if part]
    if not parts:
        return ""
    return parts[0] if len(parts) == 1 else "(" + " & ".join(parts) + ")"


def unit(alternatives, weight: str = "") -> str:
    return either([words(alternative, weight) for alternative in alternatives])


def match(parsed: querying.Parsed) -> str:
    """As `querying.match`: every quoted phrase, or any unit of the other chunks
    (with its synonyms); none of the excluded."""
    if not parsed:
        raise querying.QueryError("empty")
    if parsed.phrases:
        query = both([words(phrase) for phrase in parsed.phrases])
    else:
        query = either([unit(u) for u in querying.units(parsed)])
    if not query:
        raise querying.QueryError("empty")
    if parsed.excluded:
        excluded = either([words(chunk) for chunk in parsed.excluded])
        if excluded:
            query = f"{query} & !{excluded}"
    return query
