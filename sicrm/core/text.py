"""Text keys for Chinese names: pinyin for sorting, initials for quick search."""
from __future__ import annotations

import re

from pypinyin import Style, lazy_pinyin

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def pinyin_key(text: str | None) -> str:
    """`中国移动` → `zhongguoyidong`: sorts Chinese names the way people expect."""
    return _NOT_ALNUM.sub("", "".join(lazy_pinyin(text or "")).lower())[:300]


def by_pinyin(rows, label=lambda row: row[1]) -> list:
    """`rows` sorted the way people expect Chinese names (张伟 after 李明), for choice
    lists whose table keeps no pinyin column (users, departments)."""
    return sorted(rows, key=lambda row: (pinyin_key(label(row)), label(row) or ""))


def pinyin_initials(text: str | None) -> str:
    """`中国移动` → `zgyd`: what people type to find a name quickly."""
    letters = lazy_pinyin(text or "", style=Style.FIRST_LETTER)
    return _NOT_ALNUM.sub("", "".join(letters).lower())[:100]
