"""Highlighted titles and snippets, found by searching the stored text for the query's
terms (no second analysis of the text, no character offsets in the index).

Chinese terms are looked up as they are and in their traditional forms (the index
folds both scripts into simplified; the text is shown in its own); an English term is a lower-cased stem, so it
matches the words starting with it (configur → Configured, configuration)."""
from __future__ import annotations

import re
from collections.abc import Sequence

from markupsafe import Markup, escape

from sicrm.knowledge.search.analysis import has_cjk, narrow, traditional_forms

SNIPPET_CHARS = 160
#: characters shown before the first match of a fragment
LEAD = 40
#: matches looked at when choosing fragments
MAX_MATCHES = 200


def _pattern(terms: Sequence[str]) -> re.Pattern | None:
    parts = []
    wanted = set(terms)
    for term in terms:  # a simplified term is found in a traditional text too
        wanted |= traditional_forms(term)
    for term in sorted(wanted, key=len, reverse=True):
        if not term:
            continue
        if has_cjk(term) or not term[0].isalnum():
            parts.append(re.escape(term))
        else:
            # the rest of the English word, not the Chinese after it (ERP实施)
            parts.append(r"\b" + re.escape(term) + r"[a-z0-9]*")
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def _matches(text: str, pattern: re.Pattern) -> list[tuple[int, int, str]]:
    found = []
    # full-width １９９７ is found by 1997 (one character for one: offsets hold)
    for match in pattern.finditer(narrow(text)):
        found.append((match.start(), match.end(), match.group(0).lower()))
        if len(found) >= MAX_MATCHES:
            break
    return found


def _render(text: str, start: int, end: int, matches) -> str:
    out, index = [], start
    for m_start, m_end, _word in matches:
        if m_start < index or m_end > end:
            continue
        out.append(str(escape(text[index:m_start])))
        out.append(f'<mark class="hl">{escape(text[m_start:m_end])}</mark>')
        index = m_end
    out.append(str(escape(text[index:end])))
    html = " ".join("".join(out).split())
    if start > 0:
        html = "…" + html
    if end < len(text):
        html += "…"
    return html


def highlight(text: str, terms: Sequence[str]) -> Markup:
    """The whole `text` (a title) with the terms marked."""
    pattern = _pattern(terms)
    if not text or pattern is None:
        return Markup(escape(text or ""))
    matches = _matches(text, pattern)
    return Markup(_render(text, 0, len(text), matches)) if matches else Markup(escape(text))


def _window(matches, first: int, size: int) -> tuple[int, int, set]:
    start = max(0, matches[first][0] - LEAD)
    end = start + size
    words = {word for m_start, m_end, word in matches if m_start >= start and m_end <= end}
    return start, end, words


def snippet(text: str, terms: Sequence[str], size: int = SNIPPET_CHARS) -> Markup | None:
    """Up to two fragments of `text` around the terms (the one with the most different
    terms first, then one for terms it misses); None when no term occurs."""
    pattern = _pattern(terms)
    if not text or pattern is None:
        return None
    matches = _matches(text, pattern)
    if not matches:
        return None
    best = max(range(len(matches)), key=lambda i: (len(_window(matches, i, size)[2]), -i))
    start, end, covered = _window(matches, best, size)
    fragments = [(start, min(end, len(text)))]
    missing = [i for i, match in enumerate(matches) if match[2] not in covered
               and (match[0] < start or match[1] > end)]
    if missing:
        other_start, other_end, _words = _window(matches, missing[0], size // 2 + LEAD)
        if other_start >= end or other_end <= start:
            fragments.append((other_start, min(other_end, len(text))))
    fragments.sort()
    html = " ".join(_render(text, s, e, matches) for s, e in fragments)
    return Markup(html.replace("……", "…"))


def lead(text: str, size: int = SNIPPET_CHARS) -> Markup:
    text = " ".join((text or "").split())
    return Markup(escape(text[:size] + ("…" if len(text) > size else "")))
