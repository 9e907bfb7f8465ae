"""Project codes: PREFIX-YEAR-NNNN, numbered per prefix and year without gaps
being reused, safe under concurrent creation."""
from __future__ import annotations

from flask import current_app
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from sicrm.extensions import db
from sicrm.projects.models import CodeCounter

DEFAULT_PREFIXES = {"presales": "PS", "implementation": "IM"}
DEFAULT_FORMAT = "{prefix}-{year}-{number:04d}"


def _next_number(prefix: str, year: int) -> int:
    bump = (update(CodeCounter)
            .where(CodeCounter.prefix == prefix, CodeCounter.year == year)
            .values(last=CodeCounter.last + 1)
            .returning(CodeCounter.last))
    number = db.session.execute(bump).scalar()
    if number is not None:
        return number
    try:
        with db.session.begin_nested():
            db.session.execute(insert(CodeCounter).values(prefix=prefix, year=year, last=1))
        return 1
    except IntegrityError:  # another transaction created the counter first
        return db.session.execute(bump).scalar_one()


def next_code(kind: str, year: int) -> str:
    prefixes = current_app.config.get("SICRM_PROJECT_CODE_PREFIXES") or DEFAULT_PREFIXES
    pattern = current_app.config.get("SICRM_PROJECT_CODE_FORMAT") or DEFAULT_FORMAT
    prefix = prefixes.get(kind, kind[:2].upper())
    return pattern.format(prefix=prefix, year=year, number=_next_number(prefix, year))


def peek_counter(prefix: str, year: int) -> int:
    return db.session.scalar(select(CodeCounter.last).where(
        CodeCounter.prefix == prefix, CodeCounter.year == year)) or 0
