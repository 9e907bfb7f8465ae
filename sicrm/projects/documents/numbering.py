"""Document numbers: the project code, a category code and a number per project and
category — PS-2026-0042-TEC-003 — shaped by SICRM_DOCUMENT_NUMBER_FORMAT, with
category codes from SICRM_DOCUMENT_CATEGORY_CODES."""
from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l

from sicrm.core.errors import ServiceError

DEFAULT_FORMAT = "{project}-{category}-{number:03d}"
DEFAULT_CATEGORY_CODES = {"management": "MGT", "technical": "TEC", "commercial": "COM",
                          "contract": "CTR", "acceptance": "ACC", "other": "OTH"}


def category_code(category: str) -> str:
    codes = {**DEFAULT_CATEGORY_CODES,
             **(current_app.config.get("SICRM_DOCUMENT_CATEGORY_CODES") or {})}
    return codes.get(category, category[:3].upper())


def document_number(project, category: str, sequence: int, stage=None) -> str:
    """Fields: {project} code, {category} code, {number}, {year} of the project's
    code or start, {stage} key."""
    pattern = current_app.config.get("SICRM_DOCUMENT_NUMBER_FORMAT") or DEFAULT_FORMAT
    try:
        number = pattern.format(project=project.code, category=category_code(category),
                                number=sequence, year=project.start_date.year,
                                stage=stage.key if stage is not None else "")
    except (KeyError, IndexError, ValueError) as error:
        raise ServiceError(_l("The setting SICRM_DOCUMENT_NUMBER_FORMAT is not valid: "
                              "%(error)s", error=str(error))) from error
    if not number or len(number) > 64:
        raise ServiceError(_l("The setting SICRM_DOCUMENT_NUMBER_FORMAT gives numbers that "
                              "are empty or longer than 64 characters."))
    return number
