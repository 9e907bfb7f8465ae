"""Grants as the services receive them (`GrantSpec`), checked before they are stored."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from sicrm.core import roles as R
from sicrm.core.errors import ServiceError
from sicrm.core.models import Department, User
from sicrm.extensions import db
from sicrm.knowledge.models import GRANT_KINDS, GRANT_LEVELS

GRANTS_MAX = 100


@dataclass(frozen=True)
class GrantSpec:
    kind: str
    role: str | None = None
    department_id: int | None = None
    user_id: int | None = None
    level: str = "read"

    def key(self) -> tuple:
        return (self.kind, self.role, self.department_id, self.user_id)

    def columns(self) -> dict:
        return {"kind": self.kind, "role": self.role, "department_id": self.department_id,
                "user_id": self.user_id, "level": self.level}


def parse_grant(text: str, level: str = "read") -> GrantSpec:
    """The form encoding "role:sales", "department:3", "user:7", "everyone"."""
    kind, _sep, value = (text or "").partition(":")
    if kind == "everyone":
        return GrantSpec("everyone", level=level)
    if kind == "role":
        return GrantSpec("role", role=value, level=level)
    if kind in ("department", "user") and value.isdigit():
        return GrantSpec(kind, **{f"{kind}_id": int(value)}, level=level)
    raise ServiceError(_l("Please choose who is granted from the list."), "grants")


def clean_grants(grants: Sequence[GrantSpec], article_level: bool = False) -> list[GrantSpec]:
    """Checked, without duplicates (one grant per person/role/department: edit wins);
    article grants are read grants."""
    if len(grants) > GRANTS_MAX:
        raise ServiceError(_l("At most %(max)d grants.", max=GRANTS_MAX), "grants")
    departments = {g.department_id for g in grants if g.kind == "department"}
    users = {g.user_id for g in grants if g.kind == "user"}
    known_departments = set(db.session.scalars(select(Department.id).where(
        Department.id.in_(departments)))) if departments else set()
    known_users = set(db.session.scalars(select(User.id).where(
        User.id.in_(users), User.active.is_(True)))) if users else set()
    cleaned: dict[tuple, GrantSpec] = {}
    for grant in grants:
        if grant.kind not in GRANT_KINDS or grant.level not in GRANT_LEVELS:
            raise ServiceError(_l("Please choose who is granted from the list."), "grants")
        if grant.kind == "role" and grant.role not in R.ALL_ROLES:
            raise ServiceError(_l("Unknown role: %(role)s", role=grant.role), "grants")
        if grant.kind == "department" and grant.department_id not in known_departments:
            raise ServiceError(_l("This department does not exist."), "grants")
        if grant.kind == "user" and grant.user_id not in known_users:
            raise ServiceError(_l("This user does not exist or is inactive."), "grants")
        spec = GrantSpec(grant.kind, grant.role if grant.kind == "role" else None,
                         grant.department_id if grant.kind == "department" else None,
                         grant.user_id if grant.kind == "user" else None,
                         "read" if article_level else grant.level)
        previous = cleaned.get(spec.key())
        if previous is None or spec.level == "edit":
            cleaned[spec.key()] = spec
    return list(cleaned.values())
