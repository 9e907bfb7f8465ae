"""Who may do what in core. Every view asks here; nothing else decides.

Global roles grant named permissions (GRANTS). Object rules, registered by other
packages with `register_rule`, can grant a permission on one object (a project's
team roles plug in this way), so a view asks `has_permission(user, perm, obj)`."""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort, g, has_app_context, has_request_context
from flask_login import current_user
from sqlalchemy import select

from sicrm.core import roles as R
from sicrm.core.models import Department, Organization, User
from sicrm.extensions import db

#: permission → global roles that hold it everywhere ("*" = any logged-in user)
GRANTS: dict[str, frozenset[str]] = {
    "org.view": frozenset({"*"}),
    "org.create": frozenset(
        {R.ADMIN, R.EXECUTIVE, R.DEPT_MANAGER, R.SALES, R.PROJECT_MANAGER, R.PRESALES}
    ),
    "org.edit_any": frozenset({R.ADMIN, R.EXECUTIVE}),
    "org.delete": frozenset({R.ADMIN}),
    "user.manage": frozenset({R.ADMIN}),
    "department.manage": frozenset({R.ADMIN}),
    "audit.view": frozenset({R.ADMIN}),
    "calendar.manage": frozenset({R.ADMIN}),
    #: a contact's phone numbers and e-mail everywhere (others: see contact_detail_orgs)
    "contact.details": frozenset({R.ADMIN, R.EXECUTIVE, R.DEPT_MANAGER, R.SALES}),
}



def define(permission: str, roles) -> None:
    """Another package names a permission and the global roles holding it everywhere."""
    GRANTS[permission] = frozenset(roles)


Rule = Callable[[User, object], bool]
_rules: dict[str, list[Rule]] = {}


def register_rule(permission: str, rule: Rule) -> None:
    """Let another package grant `permission` on particular objects."""
    _rules.setdefault(permission, []).append(rule)


def has_permission(user, permission: str, obj: object | None = None) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not user.active:
        return False
    granted = GRANTS.get(permission, frozenset())
    if "*" in granted or not user.roles.isdisjoint(granted):
        return True
    if obj is not None:
        return any(rule(user, obj) for rule in _rules.get(permission, ()))
    return False


def require(permission: str):
    """View decorator: 403 unless the current user holds `permission` globally."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not has_permission(current_user, permission):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_permission = permission
        return wrapped

    return decorator


def ensure(allowed: bool) -> None:
    """For object-level checks inside a view, after loading: 403 when not allowed."""
    if not allowed:
        abort(403)


# -- departments -------------------------------------------------------------


def _department_parents() -> dict[int, int | None]:
    """id → parent id for the whole (small) tree, read once per request."""
    cache = g.get("_sicrm_department_parents") if has_app_context() else None
    if cache is None:
        cache = dict(db.session.execute(select(Department.id, Department.parent_id)).all())
        if has_app_context():
            g._sicrm_department_parents = cache
    return cache


def department_ancestors(department_id: int | None) -> list[int]:
    """The department and every department above it, nearest first."""
    parents = _department_parents()
    chain: list[int] = []
    while department_id is not None and department_id not in chain:
        chain.append(department_id)
        department_id = parents.get(department_id)
    return chain


def managed_department_ids(user: User) -> set[int]:
    """Departments whose head the user is, or which the user manages as department
    manager of their own department; each with everything below it. Read once per
    request and user."""
    cache = g.setdefault("_sicrm_managed", {}) if has_app_context() else {}
    if user.id not in cache:
        cache[user.id] = _managed_department_ids(user)
    return cache[user.id]


def _managed_department_ids(user: User) -> set[int]:
    roots = set(
        db.session.scalars(select(Department.id).where(Department.head_id == user.id))
    )
    if user.has_role(R.DEPT_MANAGER) and user.department_id:
        roots.add(user.department_id)
    if not roots:
        return set()
    parents = _department_parents()
    return {dept for dept in parents if roots.intersection(department_ancestors(dept))}


def manages_user(manager: User, user: User | None) -> bool:
    if user is None or user.department_id is None:
        return False
    return user.department_id in managed_department_ids(manager)


# -- organisations -------------------------------------------------------------


def can_view_organization(user, org: Organization) -> bool:
    return has_permission(user, "org.view", org)


def can_create_organization(user) -> bool:
    return has_permission(user, "org.create")


def can_edit_organization(user, org: Organization) -> bool:
    if not has_permission(user, "org.view", org):
        return False
    if has_permission(user, "org.edit_any", org):
        return True
    if org.owner_id is not None and org.owner_id == user.id:
        return True
    return manages_user(user, org.owner)


def can_delete_organization(user, org: Organization) -> bool:
    return has_permission(user, "org.delete", org)


# -- contacts' phone numbers and e-mail -----------------------------------------------
#
# Shown to whoever works with the organisation: sales, managers, executives and
# administrators everywhere; the organisation's owner; and whoever a higher package
# says works with it (projects: the team of a project for that customer or with that
# partner), registered with `register_contact_access`. Everyone else sees the names
# and titles, not how to reach the person.

ContactAccess = Callable[[User, set[int]], set[int]]
_contact_access: list[ContactAccess] = []


def register_contact_access(source: ContactAccess) -> None:
    """`source(user, org_ids)` returns those of `org_ids` whose contacts `user` works
    with; one query for all of them."""
    _contact_access.append(source)


def sees_all_contact_details(user) -> bool:
    """Sales, managers, executives, administrators: every contact's numbers (and a
    search by number or e-mail)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.active:
        return False
    return has_permission(user, "contact.details") or bool(managed_department_ids(user))


def contact_detail_orgs(user, orgs) -> set[int]:
    """Ids of those of `orgs` (Organization objects) whose contacts' phone numbers and
    e-mail `user` may see. A fixed number of queries however many organisations;
    remembered for the request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.active:
        return set()
    orgs = {org.id: org for org in orgs if org is not None}
    if sees_all_contact_details(user):
        return set(orgs)
    cache = g.setdefault("_sicrm_contact_orgs", {}) if has_request_context() else {}
    known = cache.setdefault(user.id, {})
    missing = {org_id for org_id in orgs if org_id not in known}
    if missing:
        allowed = {org_id for org_id in missing if orgs[org_id].owner_id == user.id}
        for source in _contact_access:
            pending = missing - allowed
            if not pending:
                break
            allowed |= source(user, pending)
        known.update({org_id: org_id in allowed for org_id in missing})
    return {org_id for org_id in orgs if known[org_id]}


def can_see_contact_details(user, org: Organization) -> bool:
    return org.id in contact_detail_orgs(user, [org])


def can_view_audit(user) -> bool:
    return has_permission(user, "audit.view")
