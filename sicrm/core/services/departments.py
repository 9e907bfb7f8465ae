"""The department tree: each department has a parent (or none) and a head."""
from __future__ import annotations

from flask import g, has_app_context
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from sicrm.core.audit import set_actor
from sicrm.core.errors import ServiceError
from sicrm.core.models import Department, User
from sicrm.core.text import by_pinyin
from sicrm.extensions import db


def _forget_tree_cache() -> None:
    if has_app_context():
        g.pop("_sicrm_department_parents", None)
        g.pop("_sicrm_managed", None)


def _check(department: Department | None, name: str, parent_id, head_id) -> None:
    if not (name or "").strip():
        raise ServiceError(_l("A name is required."), "name")
    if parent_id is not None:
        parent = db.session.get(Department, parent_id)
        if parent is None:
            raise ServiceError(_l("The parent department does not exist."), "parent_id")
        node = parent
        while node is not None and department is not None:
            if node.id == department.id:
                raise ServiceError(
                    _l("A department cannot be placed under itself or its own sub-department."),
                    "parent_id",
                )
            node = node.parent
    if head_id is not None and db.session.get(User, head_id) is None:
        raise ServiceError(_l("The head must be an existing user."), "head_id")
    clash = select(Department.id).where(
        Department.name == name.strip(),
        Department.parent_id.is_(None) if parent_id is None else Department.parent_id == parent_id,
    )
    if department is not None:
        clash = clash.where(Department.id != department.id)
    if db.session.scalar(clash):
        raise ServiceError(
            _l("A department with this name already exists at this place."), "name"
        )


def create_department(actor, *, name: str, parent_id=None, head_id=None) -> Department:
    set_actor(actor)
    _check(None, name, parent_id, head_id)
    department = Department(name=name.strip(), parent_id=parent_id, head_id=head_id)
    db.session.add(department)
    db.session.flush()
    _forget_tree_cache()
    return department


def update_department(
    actor, department: Department, *, name: str, parent_id=None, head_id=None
) -> Department:
    set_actor(actor)
    _check(department, name, parent_id, head_id)
    department.name = name.strip()
    department.parent_id = parent_id
    department.head_id = head_id
    db.session.flush()
    _forget_tree_cache()
    return department


def delete_department(actor, department: Department) -> None:
    set_actor(actor)
    children = db.session.scalar(
        select(func.count(Department.id)).where(Department.parent_id == department.id)
    )
    members = db.session.scalar(
        select(func.count(User.id)).where(User.department_id == department.id)
    )
    if children or members:
        raise ServiceError(
            _l("Only a department without sub-departments and members can be deleted.")
        )
    db.session.delete(department)
    db.session.flush()
    _forget_tree_cache()


def department_tree() -> list[tuple[Department, int]]:
    """Every department with its depth, in tree order (two queries in all)."""
    departments = db.session.scalars(
        select(Department).options(db.joinedload(Department.head)).order_by(Department.name)
    ).all()
    departments = by_pinyin(departments, lambda dept: dept.name)
    by_parent: dict[int | None, list[Department]] = {}
    for dept in departments:
        by_parent.setdefault(dept.parent_id, []).append(dept)
    out: list[tuple[Department, int]] = []

    def walk(parent_id, depth):
        for dept in by_parent.get(parent_id, ()):
            out.append((dept, depth))
            walk(dept.id, depth + 1)

    walk(None, 0)
    return out
