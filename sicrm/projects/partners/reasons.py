"""The reasons offered for a win or a loss: the built-in ones (choices.OUTCOME_REASON_LABELS)
as an administrator renamed, reordered or switched them off, and the ones added."""
from __future__ import annotations

from flask_babel import force_locale
from sqlalchemy import select

from sicrm.extensions import db
from sicrm.projects.choices import OUTCOME_REASON_LABELS
from sicrm.projects.partners.models import OutcomeReason


def _reasons(locale: str) -> list[tuple[str, str, int, bool]]:
    """(code, label, position, active) of every reason, built-in or added, in order."""
    rows = {row.code: row for row in db.session.scalars(select(OutcomeReason))}
    found = []
    for index, (code, label) in enumerate(OUTCOME_REASON_LABELS.items()):
        row = rows.pop(code, None)
        if row is None:
            found.append((code, str(label), (index + 1) * 10, True))
        else:
            found.append((code, row.name(locale), row.position, row.active))
    found += [(row.code, row.name(locale), row.position, row.active) for row in rows.values()]
    return sorted(found, key=lambda item: (item[2], item[1]))


def reason_labels(locale: str) -> dict[str, str]:
    """code → label of every reason, switched off or not (stored codes stay readable)."""
    return {code: label for code, label, _, _ in _reasons(locale)}


def reason_choices(locale: str, keep: str | None = None) -> list[tuple[str, str]]:
    """(code, label) of the reasons offered now; `keep` stays offered although it was
    switched off (the reason already recorded on a project)."""
    return [(code, label) for code, label, _, active in _reasons(locale)
            if active or code == keep]


def is_offered(code: str | None, keep: str | None = None) -> bool:
    return bool(code) and any(c == code for c, _ in reason_choices("zh_CN", keep))


def builtin(code: str) -> bool:
    return code in OUTCOME_REASON_LABELS


def reason_rows(locale: str) -> list[dict]:
    """Every reason for the administrators' page: code, names, position, offered,
    built-in."""
    rows = {row.code: row for row in db.session.scalars(select(OutcomeReason))}
    out = []
    for code, label, position, active in _reasons(locale):
        row = rows.get(code)
        if row is None and builtin(code):
            with force_locale("zh_CN"):
                name_zh = str(OUTCOME_REASON_LABELS[code])
            with force_locale("en"):
                name_en = str(OUTCOME_REASON_LABELS[code])
        else:
            name_zh, name_en = row.name_zh, row.name_en or ""
        out.append({"code": code, "label": label, "position": position, "active": active,
                    "builtin": builtin(code),
                    "name_zh": name_zh, "name_en": name_en})
    return out
