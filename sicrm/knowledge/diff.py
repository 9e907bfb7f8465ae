"""A readable side-by-side diff of two article versions (difflib, line by line)."""
from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    #: equal, insert, delete, replace
    tag: str
    old_number: int | None
    old: str | None
    new_number: int | None
    new: str | None


def side_by_side(old: str, new: str, context: int | None = 3) -> list[Row | None]:
    """Rows of a two-column diff; None marks skipped unchanged lines (with `context`
    lines kept around each change; context=None keeps every line)."""
    a, b = (old or "").splitlines(), (new or "").splitlines()
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    groups = ([matcher.get_opcodes()] if context is None
              else list(matcher.get_grouped_opcodes(context)))
    rows: list[Row | None] = []
    for index, group in enumerate(groups):
        if index:
            rows.append(None)
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                rows += [Row("equal", i1 + k + 1, a[i1 + k], j1 + k + 1, b[j1 + k])
                         for k in range(i2 - i1)]
                continue
            for k in range(max(i2 - i1, j2 - j1)):
                left = i1 + k if i1 + k < i2 else None
                right = j1 + k if j1 + k < j2 else None
                rows.append(Row(tag if left is not None and right is not None
                                else ("delete" if right is None else "insert"),
                                left + 1 if left is not None else None,
                                a[left] if left is not None else None,
                                right + 1 if right is not None else None,
                                b[right] if right is not None else None))
    return rows
