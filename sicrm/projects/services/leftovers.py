"""What a finished stage or a decided project leaves open: its open milestones and
tasks are cancelled with it, so that nobody is reminded of — and no manager is
alarmed about — the template work of a stage long finished or of a project won,
lost, abandoned or closed.

Each cancelled task gets a task event ("closed_with_stage" / "closed_with_project"),
the project's history one line with the counts, and the milestone_changed /
task_changed signals tell the alarm package to resolve their open alarms. Nobody is
notified: the cancellation is a consequence of what the actor did, not news. What
was cancelled this way stays part of the project's experience (`closed_ids`: saving
the project as a template keeps it, unlike what someone cancelled on purpose)."""
from __future__ import annotations

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from sicrm.core.models import utcnow
from sicrm.extensions import db
from sicrm.projects import signals
from sicrm.projects.models import (
    OPEN_STATUSES,
    TASK_OPEN_STATUSES,
    Milestone,
    Project,
    ProjectEvent,
    ProjectStage,
    Task,
    TaskEvent,
)
from sicrm.projects.services import events

STAGE_REASON = _l("Cancelled with the stage “%(stage)s”, which was finished.")
PROJECT_REASON = _l("Cancelled with the project, which was %(outcome)s.")
OUTCOMES = {"won": _l("won"), "lost": _l("lost"), "abandoned": _l("abandoned"),
            "closed": _l("closed")}


def _cancel(project: Project, milestones, tasks, actor, reason: str, task_event: str,
            **params) -> tuple[int, int]:
    now = utcnow()
    for milestone in milestones:
        milestone.status = "cancelled"
    for task in tasks:
        task.status = "cancelled"
        task.cancel_reason = reason
        task.done_dt, task.done_by_id = None, None
        task.updated_dt = now
        db.session.add(TaskEvent(task_id=task.id, kind=task_event,
                                 actor_id=getattr(actor, "id", None), params=dict(params)))
    if milestones or tasks:
        events.record(project, "leftovers_closed", actor, milestones=len(milestones),
                      tasks=len(tasks), milestone_ids=[m.id for m in milestones],
                      task_ids=[t.id for t in tasks], **params)
    db.session.flush()
    for milestone in milestones:
        signals.milestone_changed.send(milestone, change="cancelled", actor=actor)
    for task in tasks:
        signals.task_changed.send(task, change="cancelled", actor=actor)
    return len(milestones), len(tasks)


def closed_ids(project: Project) -> tuple[set[int], set[int]]:
    """(milestone ids, task ids) cancelled with a stage or the project, not by hand."""
    milestones, tasks = set(), set()
    for params in db.session.scalars(select(ProjectEvent.params).where(
            ProjectEvent.project_id == project.id, ProjectEvent.kind == "leftovers_closed")):
        milestones.update((params or {}).get("milestone_ids") or ())
        tasks.update((params or {}).get("task_ids") or ())
    return milestones, tasks


def _reason(message, **params) -> str:
    """Stored text (a task's cancel reason) in the company's language."""
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        return str(message) % params


def close_with_stage(actor, project: Project, stage: ProjectStage) -> tuple[int, int]:
    """Cancel the open milestones and tasks of a finished stage; (milestones, tasks)."""
    milestones = db.session.scalars(select(Milestone).where(
        Milestone.stage_id == stage.id, Milestone.status == "open")
        .order_by(Milestone.id)).all()
    tasks = db.session.scalars(select(Task).where(
        Task.stage_id == stage.id, Task.status.in_(TASK_OPEN_STATUSES))
        .order_by(Task.id)).all()
    return _cancel(project, milestones, tasks, actor,
                   _reason(STAGE_REASON, stage=stage.name_zh), "closed_with_stage",
                   stage=stage.name_zh, stage_en=stage.name_en)


def close_with_project(actor, project: Project) -> tuple[int, int]:
    """Cancel every open milestone and task of a won, lost, abandoned or closed
    project; (milestones, tasks)."""
    milestones = db.session.scalars(select(Milestone).where(
        Milestone.project_id == project.id, Milestone.status == "open")
        .order_by(Milestone.id)).all()
    tasks = db.session.scalars(select(Task).where(
        Task.project_id == project.id, Task.status.in_(TASK_OPEN_STATUSES))
        .order_by(Task.id)).all()
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        reason = str(PROJECT_REASON) % {
            "outcome": str(OUTCOMES.get(project.status, project.status))}
    return _cancel(project, milestones, tasks, actor, reason, "closed_with_project",
                   outcome=project.status)


def tidy(actor=None) -> tuple[int, int]:
    """Cancel what finished stages and decided or closed projects left open before
    they were cancelled with them (data from before this rule); (milestones, tasks).
    Flushes; safe to run again (it then finds nothing)."""
    totals = [0, 0]
    done_stages = select(ProjectStage).join(Project, Project.id == ProjectStage.project_id) \
        .where(ProjectStage.status == "done", Project.status.in_(OPEN_STATUSES)) \
        .order_by(ProjectStage.project_id, ProjectStage.position)
    for stage in db.session.scalars(done_stages).all():
        for index, count in enumerate(close_with_stage(actor, stage.project, stage)):
            totals[index] += count
    decided = select(Project).where(Project.status.not_in(OPEN_STATUSES)).order_by(Project.id)
    for project in db.session.scalars(decided).all():
        for index, count in enumerate(close_with_project(actor, project)):
            totals[index] += count
    return totals[0], totals[1]
