"""Sharing rules: a department sees projects it is not part of."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from sicrm.core.audit import set_actor
from sicrm.core.choices import INDUSTRIES
from sicrm.core.errors import ServiceError
from sicrm.core.models import Department
from sicrm.extensions import db
from sicrm.projects.models import KINDS, SharingRule


def add_rule(actor, *, department_id: int | None, kind: str | None = None,
             category: str | None = None, industry: str | None = None) -> SharingRule:
    set_actor(actor)
    if department_id is None or db.session.get(Department, department_id) is None:
        raise ServiceError(_l("The department does not exist."), "department_id")
    if kind and kind not in KINDS:
        raise ServiceError(_l("Please choose a value from the list."), "kind")
    if industry and industry not in INDUSTRIES:
        raise ServiceError(_l("Please choose a value from the list."), "industry")
    rule = SharingRule(department_id=department_id, kind=kind or None,
                       category=(category or "").strip()[:100] or None, industry=industry or None)
    db.session.add(rule)
    db.session.flush()
    return rule


def delete_rule(actor, rule: SharingRule) -> None:
    set_actor(actor)
    db.session.delete(rule)
    db.session.flush()
