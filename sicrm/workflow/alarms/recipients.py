"""Who an alarm level reaches, resolved at the moment of sending: the PM of this
project, the manager of that department, the executives, a named user."""
from __future__ import annotations

from sqlalchemy import select

from sicrm.core import roles as R
from sicrm.core.models import Department, User, UserRole
from sicrm.extensions import db
from sicrm.workflow.alarms.policy import USER_PREFIX


class Directory:
    """Departments and role holders, loaded once per scan."""

    def __init__(self):
        self._departments = {
            id_: (parent_id, head_id) for id_, parent_id, head_id in db.session.execute(
                select(Department.id, Department.parent_id, Department.head_id))}
        self._user_department: dict[int, int | None] = {}
        self._role_users: dict[str, list[int]] = {}
        self._named: dict[str, int | None] = {}

    def heads_above(self, department_id: int | None, skip: set[int]):
        """Heads from `department_id` up the tree, leaving out `skip`, each once:
        yields (department id, head id)."""
        seen = set()
        while department_id is not None and department_id not in seen:
            seen.add(department_id)
            parent_id, head_id = self._departments.get(department_id, (None, None))
            if head_id is not None and head_id not in skip:
                yield department_id, head_id
            department_id = parent_id

    def department_of(self, user_id: int | None) -> int | None:
        if user_id is None:
            return None
        if user_id not in self._user_department:
            self._user_department[user_id] = db.session.scalar(
                select(User.department_id).where(User.id == user_id))
        return self._user_department[user_id]

    def with_role(self, role: str) -> list[int]:
        if role not in self._role_users:
            self._role_users[role] = list(db.session.scalars(
                select(UserRole.user_id).join(User, User.id == UserRole.user_id)
                .where(UserRole.role == role, User.active.is_(True))
                .order_by(UserRole.user_id)))
        return self._role_users[role]

    def named(self, username: str) -> int | None:
        if username not in self._named:
            self._named[username] = db.session.scalar(
                select(User.id).where(User.username == username, User.active.is_(True)))
        return self._named[username]

    def resolve(self, names, *, pm_id: int | None, department_id: int | None,
                owner_id: int | None = None, reviewer_ids=()) -> list[int]:
        """User ids for recipient names, in order, each once."""
        chosen: dict[int, None] = {}

        def add(*user_ids):
            for user_id in user_ids:
                if user_id is not None:
                    chosen.setdefault(user_id, None)

        pm_home = self.department_of(pm_id) if pm_id else None
        pm_chain = list(self.heads_above(pm_home or department_id, {pm_id}))
        for name in names:
            if name == "owner":
                if reviewer_ids:
                    add(*reviewer_ids)
                else:
                    add(owner_id if owner_id is not None else pm_id)
            elif name == "pm":
                add(pm_id)
            elif name == "reviewers":
                add(*reviewer_ids)
            elif name == "pm_manager":
                add(pm_chain[0][1] if pm_chain else None)
            elif name == "dept_head_above":
                if pm_chain:
                    above = self._departments.get(pm_chain[0][0], (None, None))[0]
                    upper = next(self.heads_above(above, {pm_id, pm_chain[0][1]}), None)
                    add(upper[1] if upper else None)
            elif name == "dept_manager":
                head = next(self.heads_above(department_id, {pm_id}), None)
                add(head[1] if head else None)
            elif name == "executive":
                add(*self.with_role(R.EXECUTIVE))
            elif name == "finance":
                add(*self.with_role(R.FINANCE))
            elif name.startswith(USER_PREFIX):
                add(self.named(name[len(USER_PREFIX):]))
        return list(chosen)
