"""Turning a gate's reviewer roles and users into people, at submission time."""
from __future__ import annotations

from sqlalchemy import select

from sicrm.core import roles as R
from sicrm.core.models import Department, User, UserRole
from sicrm.extensions import db
from sicrm.projects.models import Project

GLOBAL_ROLE_OF = {"executive": R.EXECUTIVE, "finance": R.FINANCE}


def department_managers(department_id: int | None) -> list[User]:
    """The nearest head up the tree from the department, and the department
    managers of the department itself."""
    people: list[User] = []
    dept = db.session.get(Department, department_id) if department_id else None
    if dept is not None:
        people += db.session.scalars(select(User).join(UserRole).where(
            User.department_id == dept.id, UserRole.role == R.DEPT_MANAGER,
            User.active.is_(True))).all()
    node = dept
    while node is not None:
        if node.head is not None and node.head.active:
            people.append(node.head)
            break
        node = node.parent
    return people


def resolve(project: Project, roles, usernames) -> dict[str, list[User]]:
    """role (or "user:NAME") → the active people it names; empty lists included,
    so the caller can say which role found nobody."""
    found: dict[str, list[User]] = {}
    for role in roles:
        if role == "pm":
            found[role] = [project.pm] if project.pm and project.pm.active else []
        elif role in ("sales", "presales", "engineer"):
            found[role] = [m.user for m in project.members
                           if m.role == role and m.user.active]
        elif role == "dept_manager":
            found[role] = department_managers(project.department_id)
        elif role in GLOBAL_ROLE_OF:
            found[role] = list(db.session.scalars(select(User).join(UserRole).where(
                UserRole.role == GLOBAL_ROLE_OF[role], User.active.is_(True))))
        else:
            found[role] = []
    if usernames:
        users = {u.username: u for u in db.session.scalars(
            select(User).where(User.username.in_(usernames), User.active.is_(True)))}
        for name in usernames:
            found[f"user:{name}"] = [users[name]] if name in users else []
    return found
