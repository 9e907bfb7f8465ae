"""Audit entries as people read them: field labels, choice labels, names for ids."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from sicrm.core.choices import (
    DECISION_ROLES,
    INDUSTRIES,
    LEVELS,
    ORG_KIND_LABELS,
    PROVINCES,
    RELATIONSHIP_STRENGTHS,
)
from sicrm.core.models import AuditLog, Department, User
from sicrm.extensions import db

FIELD_LABELS = {
    "name": _l("Name"),
    "short_name": _l("Short name"),
    "credit_code": _l("Unified social credit code"),
    "industry": _l("Industry"),
    "province": _l("Province / region"),
    "city": _l("City"),
    "level": _l("Level"),
    "address": _l("Address"),
    "website": _l("Website"),
    "notes": _l("Notes"),
    "owner_id": _l("Owner"),
    "created_dt": _l("Created"),
    "title": _l("Title"),
    "department": _l("Department"),
    "mobile": _l("Mobile"),
    "phone": _l("Phone"),
    "email": _l("E-mail"),
    "decision_role": _l("Decision role"),
    "relationship_strength": _l("Relationship"),
    "organization_id": _l("Organisation"),
    "username": _l("Username"),
    "full_name": _l("Full name"),
    "department_id": _l("Department"),
    "active": _l("Active"),
    "locale": _l("Language"),
    "must_change_password": _l("Must change password"),
    "parent_id": _l("Parent department"),
    "head_id": _l("Head"),
    **{f"is_{kind}": label for kind, label in ORG_KIND_LABELS.items()},
}

CHOICES = {
    "industry": INDUSTRIES,
    "province": PROVINCES,
    "level": LEVELS,
    "decision_role": DECISION_ROLES,
    "relationship_strength": RELATIONSHIP_STRENGTHS,
    "locale": {"zh_CN": "简体中文", "en": "English"},
}
USER_FIELDS = {"owner_id", "head_id"}
DEPARTMENT_FIELDS = {"department_id", "parent_id"}
HIDDEN = {"created_dt", "organization_id"}


@dataclass
class Change:
    label: str
    before: object
    after: object


def describe(entries: list[AuditLog]) -> dict[int, list[Change]]:
    """Readable changes per entry id; names for ids come from two queries in all."""
    user_ids, dept_ids = set(), set()
    for entry in entries:
        for key, values in entry.changes.items():
            target = user_ids if key in USER_FIELDS else dept_ids if key in DEPARTMENT_FIELDS else None
            if target is not None:
                target.update(v for v in values if isinstance(v, int))
    names = {
        "user": dict(db.session.execute(
            select(User.id, User.full_name).where(User.id.in_(user_ids))).all()) if user_ids else {},
        "dept": dict(db.session.execute(
            select(Department.id, Department.name).where(Department.id.in_(dept_ids))).all())
        if dept_ids else {},
    }

    def show(key, value):
        if value is None:
            return None
        if isinstance(value, bool):
            return _l("Yes") if value else _l("No")
        if key in CHOICES:
            return CHOICES[key].get(value, value)
        if key in USER_FIELDS:
            return names["user"].get(value, f"#{value}")
        if key in DEPARTMENT_FIELDS:
            return names["dept"].get(value, f"#{value}")
        return value

    return {
        entry.id: [
            Change(FIELD_LABELS.get(key, key), show(key, before), show(key, after))
            for key, (before, after) in entry.changes.items()
            if key not in HIDDEN
        ]
        for entry in entries
    }
