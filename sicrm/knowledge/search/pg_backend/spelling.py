"""Did-you-mean and more-like-this for the PostgreSQL backend, over the `search_words`
table (every unstemmed word a record held, with its first character) and the index.

As in the Whoosh backend: a word counts as unknown when no record holds it; its
corrections keep the first character, are within one edit (two for long English
words), sound the same when Chinese (负载均恒 → 负载均衡, not 等保 → 等级), and the
most frequent wins; a correction is only offered when it finds something the reader
may read."""
from __future__ import annotations

import math
from collections import Counter

from sqlalchemy import Text, bindparam, cast, func, select
from sqlalchemy.dialects.postgresql import ARRAY, TSQUERY, insert
from whoosh.analysis import LowercaseFilter

from sicrm.knowledge.search import analysis, querying
from sicrm.knowledge.search.pg_backend import tsearch
from sicrm.knowledge.search.pg_backend.models import SearchEntry, SearchWord
from sicrm.knowledge.search.whoosh_backend import WhooshBackend, _replace_words

T = SearchEntry.__table__
W = SearchWord.__table__
#: frequencies are counted up to here
FREQUENCY_CAP = 2000
CANDIDATES = 8


def _spell():
    return analysis.JiebaTokenizer() | LowercaseFilter() | analysis.StopFilter()


def _has(query: str):
    return T.c.vector.op("@@")(cast(bindparam(None, query, type_=Text()), TSQUERY))


def remember(connection, docs) -> None:
    """Add the words of `docs`' titles, keywords and bodies (sorted: two transactions
    adding the same new words wait for each other, never deadlock)."""
    spell = _spell()
    found = set()
    for doc in docs:
        text = "\n".join((doc.title or "", " ".join(doc.keywords), doc.body or ""))
        for token in spell(tsearch.clean(text), mode="index"):
            if 1 < len(token.text) <= 200:
                found.add(token.text)
    if not found:
        return
    rows = [{"word": word, "head": word[0]} for word in sorted(found)]
    for start in range(0, len(rows), 5000):
        connection.execute(insert(W).on_conflict_do_nothing(index_elements=[W.c.word]),
                           rows[start:start + 5000])


def frequencies(connection, terms, cap: int = FREQUENCY_CAP) -> dict[str, int]:
    """How many records hold each term (up to `cap`), in one query."""
    terms = list(dict.fromkeys(terms))
    if not terms:
        return {}
    counts = [select(func.count()).select_from(
        select(T.c.kind).where(_has(tsearch.quote(term))).limit(cap).subquery())
        .scalar_subquery() for term in terms]
    return dict(zip(terms, connection.execute(select(*counts)).one(), strict=True))


def unknown_terms(connection, parsed) -> bool:
    """A typed term no record holds (a typo among words that found something)."""
    return 0 in frequencies(connection, parsed.typed_terms, cap=1).values()


def _known(connection, words) -> set[str]:
    if not words:
        return set()
    return set(connection.scalars(select(W.c.word).where(
        W.c.word == func.any(bindparam(None, sorted(words), type_=ARRAY(Text()))))))


def suggest(connection, text: str, allowed) -> str | None:
    groups = WhooshBackend._words(text)
    known = _known(connection, {word for group in groups for word in group})
    replacements = {}
    for group in groups:
        if group[0] in known:
            continue
        for word in group:
            best = _correction(connection, word, known)
            if best:
                replacements[word] = best
                break
    if not replacements:
        return None
    corrected = _replace_words(text, replacements)
    parsed = querying.parse(corrected)
    if not parsed:
        return None
    # only a correction the user can find something with
    found = connection.execute(select(T.c.kind).where(
        _has(tsearch.match(parsed)), allowed).limit(1)).first()
    return corrected if found is not None else None


def _correction(connection, word: str, known: set[str]) -> str | None:
    if word in known or any(ch.isdigit() for ch in word):
        return None
    cjk = analysis.has_cjk(word)
    if (cjk and len(word) < 2) or (not cjk and len(word) < 3):
        return None
    distance = 1 if cjk or len(word) <= 4 else 2
    nearby = connection.scalars(select(W.c.word).where(
        W.c.head == word[0], func.char_length(W.c.word).between(
            max(1, len(word) - distance), len(word) + distance))).all()
    scored = sorted((d, c) for c in nearby if c != word and not c.isdigit()
                    and len(c) >= len(word) - 1
                    and (d := _distance(word, c, distance)) <= distance)
    candidates = [c for _, c in scored[:CANDIDATES]]
    if cjk and candidates:
        from pypinyin import lazy_pinyin

        sound = lazy_pinyin(word)
        candidates = [c for c in candidates if lazy_pinyin(c) == sound]
    if not candidates:
        return None
    stems = {c: analysis.terms(c) for c in candidates}
    held = frequencies(connection, [s[0] for s in stems.values() if len(s) == 1])
    return max(candidates, key=lambda c: held.get(stems[c][0], 0) if len(stems[c]) == 1
               else 0)


def _distance(a: str, b: str, limit: int) -> int:
    """Edit distance with transpositions, giving up past `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2 = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1,
                             previous[j - 1] + (ca != cb))
            if (previous2 is not None and i > 1 and j > 1 and ca == b[j - 2]
                    and a[i - 2] == cb):
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def key_terms(connection, texts, count: int = 15) -> list[tuple[str, float]]:
    """The terms that describe `texts` ((text, weight) pairs): frequent in them, rare
    in the index."""
    frequency: Counter = Counter()
    for text, weight in texts:
        for term in analysis.terms(text or ""):
            if len(term) > 1 and len(term) <= 100:
                frequency[term] += weight
    candidates = [term for term, _ in frequency.most_common(30)]
    if not candidates:
        return []
    held = frequencies(connection, candidates)  # one query, whatever the text
    scored = [(term, frequency[term] * math.log(1 + FREQUENCY_CAP / held[term]))
              for term in candidates if held[term]]
    scored.sort(key=lambda item: -item[1])
    return scored[:count]
