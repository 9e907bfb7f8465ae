"""What the calendar shows, read in one query per kind for a range of dates: a
user's milestones, pending gate reviews and tasks, and one project's milestones and
stages. Every project row is filtered by the projects package's visibility rule in
SQL, so a feed or page shows only what its user may see now."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import or_, select

from sicrm.core.calendar_sources import Item
from sicrm.extensions import db
from sicrm.projects.models import Milestone, Project, ProjectStage, Task
from sicrm.projects.permissions import visible_filter
from sicrm.workflow.models import GateDecision, GateReview, GateReviewer

OPEN_TASK = ("open", "in_progress")


def _range(column, start: date | None, end: date | None):
    conditions = []
    if start is not None:
        conditions.append(column >= start)
    if end is not None:
        conditions.append(column <= end)
    return conditions


def user_milestones(user, start: date | None, end: date | None,
                    statuses=("open", "done", "cancelled")) -> list[Item]:
    """Milestones `user` owns in visible projects, planned within the range."""
    rows = db.session.execute(
        select(Milestone.id, Milestone.name, Milestone.planned_date, Milestone.status,
               Milestone.notes, Project.id, Project.code, Project.name)
        .join(Project, Project.id == Milestone.project_id)
        .where(Milestone.owner_id == user.id, Milestone.status.in_(statuses),
               visible_filter(user), *_range(Milestone.planned_date, start, end))
        .order_by(Milestone.planned_date, Milestone.id)).all()
    return [Item("milestone", mid, name, day, day, status, pid, code, pname, notes or "")
            for mid, name, day, status, notes, pid, code, pname in rows]


def user_reviews(user, start: date | None, end: date | None, locale: str) -> list[Item]:
    """Pending reviews waiting for `user`'s decision, on the day they were submitted."""
    decided = select(GateDecision.review_id).where(GateDecision.reviewer_id == user.id)
    rows = db.session.execute(
        select(GateReview.id, GateReview.submitted_dt, GateReview.round,
               ProjectStage.name_zh, ProjectStage.name_en, Project.id, Project.code,
               Project.name)
        .join(GateReviewer, GateReviewer.review_id == GateReview.id)
        .join(Project, Project.id == GateReview.project_id)
        .join(ProjectStage, ProjectStage.id == GateReview.stage_id)
        .where(GateReviewer.user_id == user.id, GateReview.status == "pending",
               GateReview.id.not_in(decided), visible_filter(user))
        .order_by(GateReview.submitted_dt, GateReview.id)).all()
    items = []
    for rid, submitted, _round, zh, en, pid, code, pname in rows:
        day = submitted.date()
        if (start is None or day >= start) and (end is None or day <= end):
            items.append(Item("review", rid, en if locale == "en" and en else zh, day, day,
                              "pending", pid, code, pname))
    return items


def user_tasks(user, start: date | None, end: date | None) -> list[Item]:
    """Tasks assigned to `user` with a due date in the range (project tasks only of
    projects `user` may see)."""
    rows = db.session.execute(
        select(Task.id, Task.title, Task.due_date, Task.status, Task.description,
               Project.id, Project.code, Project.name)
        .outerjoin(Project, Project.id == Task.project_id)
        .where(Task.assignee_id == user.id, Task.due_date.is_not(None),
               or_(Task.project_id.is_(None), visible_filter(user)),
               *_range(Task.due_date, start, end))
        .order_by(Task.due_date, Task.id)).all()
    return [Item("task", tid, title, day, day, "open" if status in OPEN_TASK else status,
                 pid, code or "", pname or "", description or "")
            for tid, title, day, status, description, pid, code, pname in rows]


def project_milestones(project: Project, start: date | None, end: date | None) -> list[Item]:
    rows = db.session.execute(
        select(Milestone.id, Milestone.name, Milestone.planned_date, Milestone.status,
               Milestone.notes)
        .where(Milestone.project_id == project.id, *_range(Milestone.planned_date, start, end))
        .order_by(Milestone.planned_date, Milestone.id)).all()
    return [Item("milestone", mid, name, day, day, status, project.id, project.code,
                 project.name, notes or "") for mid, name, day, status, notes in rows]


def project_stages(project: Project, start: date | None, end: date | None,
                   locale: str) -> list[Item]:
    """The project's stages over their actual span when finished or started, else
    their planned one."""
    query = select(ProjectStage).where(ProjectStage.project_id == project.id)
    if end is not None:
        query = query.where(ProjectStage.planned_start <= end)
    stages = db.session.scalars(query.order_by(ProjectStage.position)).all()
    items = []
    for stage in stages:
        first = stage.actual_start or stage.planned_start
        last = stage.actual_end or stage.planned_end
        last = max(last, first)
        if start is not None and last < start:
            continue
        items.append(Item("stage", stage.id, stage.name(locale), first, last, stage.status,
                          project.id, project.code, project.name))
    return items


def window(today: date) -> tuple[date, date]:
    """The span a subscribed feed covers: a year back, two years ahead."""
    return today - timedelta(days=365), today + timedelta(days=730)
