"""Read helpers for task lists (selects, filtered by permission in SQL) and a task's
history."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from sicrm.core import permissions as CP
from sicrm.core.models import User
from sicrm.extensions import db
from sicrm.forum.tasks import permissions as TP
from sicrm.projects.models import TASK_OPEN_STATUSES, Project, Task, TaskEvent

#: list filters: open (open or in progress), overdue, due this week, done, cancelled, all
FILTERS = ("open", "overdue", "week", "done", "cancelled", "all")
#: how far ahead the home-page widget looks
SOON_DAYS = 7


def week_end(today: date) -> date:
    return today + timedelta(days=6 - today.weekday())


def _filtered(query, status: str, today: date):
    is_open = Task.status.in_(TASK_OPEN_STATUSES)
    if status == "open":
        return query.where(is_open)
    if status == "overdue":
        return query.where(is_open, Task.due_date < today)
    if status == "week":
        return query.where(is_open, Task.due_date <= week_end(today))
    if status in ("done", "cancelled"):
        return query.where(Task.status == status)
    return query


def _ordered(query, status: str):
    if status in ("done", "cancelled"):
        return query.order_by(Task.updated_dt.desc().nulls_last(), Task.id.desc())
    return query.order_by(Task.due_date.asc().nulls_last(), Task.id)


def _loaded(query):
    return query.options(joinedload(Task.project), joinedload(Task.assignee),
                         joinedload(Task.milestone), joinedload(Task.stage))


def my_tasks(user, status: str = "open", today: date | None = None):
    """Tasks assigned to `user` that `user` may see (a project task of a project
    `user` no longer sees does not show)."""
    today = today or date.today()
    query = select(Task).where(Task.assignee_id == user.id, TP.visible_filter(user))
    return _loaded(_ordered(_filtered(query, status, today), status))


def team_tasks(user, status: str = "open", today: date | None = None,
               assignee_id: int | None = None):
    """For a manager: tasks of projects owned by the departments `user` manages and
    tasks assigned to those departments' people, as far as `user` may see them."""
    today = today or date.today()
    managed = CP.managed_department_ids(user)
    people = select(User.id).where(User.department_id.in_(managed))
    projects = select(Project.id).where(Project.department_id.in_(managed))
    query = select(Task).where(or_(Task.assignee_id.in_(people), Task.project_id.in_(projects)),
                               TP.visible_filter(user))
    if assignee_id:
        query = query.where(Task.assignee_id == assignee_id)
    return _loaded(_ordered(_filtered(query, status, today), status))


def team_people(user) -> list[User]:
    managed = CP.managed_department_ids(user)
    return list(db.session.scalars(select(User).where(
        User.department_id.in_(managed), User.active.is_(True)).order_by(User.full_name)))


def project_tasks(project: Project, status: str = "all", today: date | None = None):
    today = today or date.today()
    query = select(Task).where(Task.project_id == project.id)
    return _loaded(_ordered(_filtered(query, status, today), status))


def widget_tasks(user, today: date):
    """My open tasks overdue or due within SOON_DAYS, soonest first."""
    return _loaded(select(Task).where(
        Task.assignee_id == user.id, Task.status.in_(TASK_OPEN_STATUSES),
        Task.due_date <= today + timedelta(days=SOON_DAYS), TP.visible_filter(user))
        .order_by(Task.due_date, Task.id))


def history(task: Task) -> list[TaskEvent]:
    return list(db.session.scalars(select(TaskEvent).where(TaskEvent.task_id == task.id)
                                   .options(joinedload(TaskEvent.actor))
                                   .order_by(TaskEvent.created_dt, TaskEvent.id)))
