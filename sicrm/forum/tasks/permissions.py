"""Who sees and changes which task. Every task view asks here.

A project task is seen by whoever may see its project (sicrm.projects.permissions);
it is created, edited, reassigned and cancelled by whoever may edit the project; its
assignee may also start it and mark it done.

A standalone task (no project) is seen by its creator, its assignee and the managers
of the assignee's department (and the departments above it); its creator edits,
reassigns and cancels it, its assignee starts it and marks it done."""
from __future__ import annotations

from sqlalchemy import and_, false, or_, select

from sicrm.core import permissions as CP
from sicrm.core.models import User
from sicrm.projects import permissions as PP
from sicrm.projects.models import Project, Task


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.active)


def visible_filter(user):
    """A WHERE clause for select(Task) keeping the tasks `user` may see."""
    if not _active(user):
        return false()
    projects = select(Project.id).where(PP.visible_filter(user))
    personal = [Task.assignee_id == user.id, Task.created_by_id == user.id]
    managed = CP.managed_department_ids(user)
    if managed:
        personal.append(Task.assignee_id.in_(
            select(User.id).where(User.department_id.in_(managed))))
    return or_(and_(Task.project_id.is_not(None), Task.project_id.in_(projects)),
               and_(Task.project_id.is_(None), or_(*personal)))


def can_view(user, task: Task) -> bool:
    if not _active(user):
        return False
    if task.project is not None:
        return PP.can_view(user, task.project)
    if user.id in (task.assignee_id, task.created_by_id):
        return True
    return CP.manages_user(user, task.assignee)


def can_create_in(user, project: Project | None) -> bool:
    """A project task by whoever may edit the (open) project; a standalone one by
    anybody logged in."""
    if not _active(user):
        return False
    if project is None:
        return True
    return PP.can_edit(user, project) and project.is_open


def can_edit(user, task: Task) -> bool:
    """Title, description, dates, priority, links, assignee; cancel and reopen."""
    if not can_view(user, task):
        return False
    if task.project is not None:
        return PP.can_edit(user, task.project) and task.project.is_open
    return task.created_by_id == user.id


def can_progress(user, task: Task) -> bool:
    """Start it and mark it done: its editors and its assignee."""
    if not can_view(user, task):
        return False
    if task.project is not None and not task.project.is_open:
        return False
    return task.assignee_id == user.id or can_edit(user, task)


def can_see_team(user) -> bool:
    """Team tasks: managers of a department (heads and department managers)."""
    return _active(user) and bool(CP.managed_department_ids(user))


def can_be_assigned(user: User | None, project: Project | None) -> bool:
    """An assignee must be active and, for a project task, able to see the project."""
    if user is None or not user.active:
        return False
    return project is None or PP.can_view(user, project)
