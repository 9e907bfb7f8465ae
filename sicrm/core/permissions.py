"""Who may do what in core. Every view asks here; nothing else decides.

Global roles grant named permissions (GRANTS). Object rules, registered by other
packages with `register_rule`, can grant a permission on one object (a project's
team roles plug in this way), so a view asks `has_permission(user, perm, obj)`."""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort, g, has_app_context
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


def can_view_audit(user) -> bool:
    return has_permission(user, "audit.view")
