"""Read helpers: select() statements for the core lists."""
from __future__ import annotations

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from sicrm.core.models import AuditLog, Contact, Organization, User
from sicrm.core.models.organizations import ORG_KINDS

ORG_SORTS = {
    "name": Organization.name_pinyin.asc(),
    "-name": Organization.name_pinyin.desc(),
    "created": Organization.created_dt.asc(),
    "-created": Organization.created_dt.desc(),
    "updated": Organization.updated_dt.asc(),
    "-updated": Organization.updated_dt.desc(),
    "level": Organization.level.asc(),
}


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def organizations(
    q: str = "",
    kind: str = "",
    industry: str = "",
    province: str = "",
    level: str = "",
    owner_id: int | None = None,
    sort: str = "name",
) -> Select:
    query = select(Organization).options(joinedload(Organization.owner))
    if q:
        pattern = _like(q.strip())
        letters = _like(q.strip().lower())
        query = query.where(
            or_(
                Organization.name.ilike(pattern, escape="\\"),
                Organization.name_initials.like(letters, escape="\\"),
                Organization.name_pinyin.like(letters, escape="\\"),
                Organization.short_name.ilike(pattern, escape="\\"),
                Organization.credit_code.ilike(pattern, escape="\\"),
                Organization.city.ilike(pattern, escape="\\"),
            )
        )
    if kind in ORG_KINDS:
        query = query.where(getattr(Organization, f"is_{kind}").is_(True))
    if industry:
        query = query.where(Organization.industry == industry)
    if province:
        query = query.where(Organization.province == province)
    if level:
        query = query.where(Organization.level == level)
    if owner_id:
        query = query.where(Organization.owner_id == owner_id)
    return query.order_by(ORG_SORTS.get(sort, ORG_SORTS["name"]), Organization.id)


def contacts(q: str = "", decision_role: str = "", by_details: bool = True) -> Select:
    """Contacts by name (characters, pinyin or its initials: `zs` finds 张三), title
    or organisation; and by phone or e-mail when `by_details` (for readers who may
    see them, so nobody learns a number by searching for it)."""
    query = select(Contact).join(Contact.organization).options(
        contains_eager(Contact.organization))
    if q:
        pattern = _like(q.strip())
        letters = _like(q.strip().lower().replace(" ", ""))
        query = query.where(
            or_(
                Contact.name.ilike(pattern, escape="\\"),
                Contact.name_pinyin.like(letters, escape="\\"),
                Contact.name_initials.like(letters, escape="\\"),
                Organization.name_initials.like(letters, escape="\\"),
                Contact.title.ilike(pattern, escape="\\"),
                Organization.name.ilike(pattern, escape="\\"),
                *([Contact.mobile.ilike(pattern, escape="\\"),
                   Contact.phone.ilike(pattern, escape="\\"),
                   Contact.email.ilike(pattern, escape="\\")] if by_details else []),
            )
        )
    if decision_role:
        query = query.where(Contact.decision_role == decision_role)
    return query.order_by(Contact.name_pinyin, Contact.id)


def users(q: str = "", role: str = "", department_id: int | None = None, active: str = "") -> Select:
    query = select(User).options(joinedload(User.department), selectinload(User.role_links))
    if q:
        pattern = _like(q.strip())
        query = query.where(
            or_(
                User.username.ilike(pattern, escape="\\"),
                User.full_name.ilike(pattern, escape="\\"),
                User.email.ilike(pattern, escape="\\"),
            )
        )
    if role:
        query = query.where(User.role_links.any(role=role))
    if department_id:
        query = query.where(User.department_id == department_id)
    if active in ("1", "0"):
        query = query.where(User.active.is_(active == "1"))
    return query.order_by(User.username)


def audit_entries(
    object_type: str = "", actor_id: int | None = None, action: str = ""
) -> Select:
    query = select(AuditLog).options(joinedload(AuditLog.actor))
    if object_type:
        query = query.where(AuditLog.object_type == object_type)
    if actor_id:
        query = query.where(AuditLog.actor_id == actor_id)
    if action:
        query = query.where(AuditLog.action == action)
    return query.order_by(AuditLog.created_dt.desc(), AuditLog.id.desc())


def record_history(object_type: str, object_id: int) -> Select:
    """A record's own entries and those of records that name it as parent."""
    return (
        select(AuditLog)
        .options(joinedload(AuditLog.actor))
        .where(
            or_(
                (AuditLog.object_type == object_type) & (AuditLog.object_id == object_id),
                (AuditLog.parent_type == object_type) & (AuditLog.parent_id == object_id),
            )
        )
        .order_by(AuditLog.created_dt.desc(), AuditLog.id.desc())
    )
