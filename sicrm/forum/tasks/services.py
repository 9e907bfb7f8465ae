"""Tasks: create, edit, reassign, start, finish, cancel and reopen. Each change is
recorded as a TaskEvent (the task's history); a new assignee is notified; the changes
that matter to alarms are announced through projects.signals.task_changed.

Services take the acting user (None: the system, e.g. the demo loader), check the
rules, flush and never commit."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l

from sicrm.core import notifications
from sicrm.core.audit import set_actor
from sicrm.core.errors import ServiceError
from sicrm.core.models import User, utcnow
from sicrm.extensions import db
from sicrm.forum.tasks import permissions as TP
from sicrm.projects import signals
from sicrm.projects.models import (
    TASK_OPEN_STATUSES,
    TASK_PRIORITIES,
    TASK_STATUSES,
    Milestone,
    Project,
    ProjectStage,
    Task,
    TaskEvent,
)

TITLE_MAX = 200
DESCRIPTION_MAX = 20000
REASON_MAX = 500
SOURCES = ("manual", "template", "routing", "thread")

notifications.register_kind(
    "task_assigned",
    _l("%(actor)s assigned you the task “%(title)s”%(context)s, due %(due)s."),
    _l("Tasks assigned to me"))
notifications.register_kind(
    "task_done",
    _l("%(actor)s finished the task “%(title)s”%(context)s."),
    _l("Tasks I created that were finished"))
notifications.register_kind(
    "task_cancelled",
    _l("%(actor)s cancelled the task “%(title)s”%(context)s: %(reason)s"),
    _l("My tasks that were cancelled"))


def task_path(task_id: int) -> str:
    return f"/forum/tasks/{task_id}"


# --- checks ------------------------------------------------------------------------


def _title(title: str | None) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ServiceError(_l("A title is required."), "title")
    if len(title) > TITLE_MAX:
        raise ServiceError(_l("The title may have at most %(max)d characters.",
                              max=TITLE_MAX), "title")
    return title


def _description(text: str | None) -> str | None:
    text = (text or "").strip()
    if len(text) > DESCRIPTION_MAX:
        raise ServiceError(_l("The description may have at most %(max)d characters.",
                              max=DESCRIPTION_MAX), "description")
    return text or None


def _priority(priority: str | None) -> str:
    priority = priority or "normal"
    if priority not in TASK_PRIORITIES:
        raise ServiceError(_l("Unknown priority “%(value)s”.", value=priority), "priority")
    return priority


def _due(due_date: date | None, today: date) -> date | None:
    if due_date is not None and due_date < today:
        raise ServiceError(_l("The due date %(date)s is in the past: choose today or a later "
                              "day.", date=due_date.isoformat()), "due_date")
    return due_date


def _assignee(assignee: User | None, project: Project | None) -> User | None:
    if assignee is None:
        return None
    if not assignee.active:
        raise ServiceError(_l("%(name)s is no longer active; choose someone else.",
                              name=assignee.full_name), "assignee_id")
    if not TP.can_be_assigned(assignee, project):
        raise ServiceError(_l("%(name)s cannot see this project, so the task cannot be "
                              "assigned to them. Add them to the team first.",
                              name=assignee.full_name), "assignee_id")
    return assignee


def _links(project: Project | None, stage: ProjectStage | None,
           milestone: Milestone | None) -> tuple[ProjectStage | None, Milestone | None]:
    if project is None and (stage is not None or milestone is not None):
        raise ServiceError(_l("A stage or milestone needs its project."), "project_id")
    if stage is not None and stage.project_id != project.id:
        raise ServiceError(_l("The stage is not one of this project's."), "stage_id")
    if milestone is not None:
        if milestone.project_id != project.id:
            raise ServiceError(_l("The milestone is not one of this project's."),
                               "milestone_id")
        if stage is None:
            stage = milestone.stage
        elif milestone.stage_id != stage.id:
            raise ServiceError(_l("The milestone belongs to another stage."), "milestone_id")
    return stage, milestone


def _allowed(allowed: bool, message=None) -> None:
    if not allowed:
        raise ServiceError(message or _l("You may not change this task."))


def _context(task: Task) -> str:
    project = task.project
    return f" ({project.code} {project.name})" if project is not None else ""


def record_event(task: Task, kind: str, actor, **params) -> TaskEvent:
    event = TaskEvent(task_id=task.id, kind=kind, actor_id=getattr(actor, "id", None),
                      params=params)
    db.session.add(event)
    return event


def _notify_assigned(task: Task, actor) -> None:
    assignee = task.assignee
    if assignee is None or (actor is not None and assignee.id == actor.id):
        return
    notifications.notify([assignee], "task_assigned", task_path(task.id), task_id=task.id,
                         actor=getattr(actor, "full_name", "sicrm"), title=task.title,
                         context=_context(task),
                         due=task.due_date.isoformat() if task.due_date else "—")


def _readers(task: Task, *users) -> list[User]:
    """Of `users`, those who may still see the task (a project task notifies nobody
    who lost sight of the project)."""
    return [user for user in users if user is not None and TP.can_view(user, task)]


def _announce(task: Task, change: str, actor) -> None:
    db.session.flush()
    signals.task_changed.send(task, change=change, actor=actor)


# --- services ----------------------------------------------------------------------


def create_task(actor, *, title: str, description: str | None = None,
                assignee: User | None = None, due_date: date | None = None,
                priority: str = "normal", project: Project | None = None,
                stage: ProjectStage | None = None, milestone: Milestone | None = None,
                source: str = "manual", today: date | None = None) -> Task:
    """A task of `project` (optionally of one of its stages or milestones) or a
    standalone one; its assignee is notified."""
    today = today or date.today()
    if actor is not None:
        _allowed(TP.can_create_in(actor, project),
                 _l("You may not add tasks to this project.") if project is not None else None)
    if project is not None and not project.is_open:
        raise ServiceError(_l("This project is closed; it can no longer be changed."))
    values = dict(title=_title(title), description=_description(description),
                  priority=_priority(priority), due_date=_due(due_date, today))
    stage, milestone = _links(project, stage, milestone)
    assignee = _assignee(assignee, project)
    if project is None and assignee is None:
        assignee = actor
    if source not in SOURCES:
        raise ServiceError(_l("Unknown source."))
    set_actor(actor)
    task = Task(project_id=project.id if project else None, project=project,
                stage_id=stage.id if stage else None, milestone_id=milestone.id if milestone
                else None, assignee_id=assignee.id if assignee else None, assignee=assignee,
                status="open", source=source, created_by_id=getattr(actor, "id", None),
                **values)
    db.session.add(task)
    db.session.flush()
    record_event(task, "created", actor, title=task.title,
            assignee=assignee.full_name if assignee else None,
            due=task.due_date.isoformat() if task.due_date else None)
    _notify_assigned(task, actor)
    db.session.flush()
    return task


def update_task(actor, task: Task, *, title: str, description: str | None,
                due_date: date | None, priority: str, stage: ProjectStage | None = None,
                milestone: Milestone | None = None, assignee: User | None = None,
                today: date | None = None) -> Task:
    """Edit a task. A changed due date may not be in the past (an unchanged one may);
    a new assignee is notified; the history lists what changed."""
    today = today or date.today()
    if actor is not None:
        _allowed(TP.can_edit(actor, task))
    if task.project is not None and not task.project.is_open:
        raise ServiceError(_l("This project is closed; it can no longer be changed."))
    title, description, priority = _title(title), _description(description), _priority(priority)
    if due_date != task.due_date:
        _due(due_date, today)
    stage, milestone = _links(task.project, stage, milestone)
    if assignee is None and task.project is None:
        assignee = task.assignee
    new_assignee = assignee is not None and assignee.id != task.assignee_id
    if new_assignee:
        _assignee(assignee, task.project)
    set_actor(actor)
    changes = {}
    for name, value in (("title", title), ("description", description),
                        ("priority", priority)):
        if getattr(task, name) != value:
            changes[name] = value if name != "description" else None
            setattr(task, name, value)
    if (task.stage_id, task.milestone_id) != (getattr(stage, "id", None),
                                              getattr(milestone, "id", None)):
        task.stage_id, task.milestone_id = getattr(stage, "id", None), getattr(milestone, "id",
                                                                                None)
        changes["milestone"] = milestone.name if milestone else (stage.name_zh if stage
                                                                  else None)
    redated = due_date != task.due_date
    if redated:
        record_event(task, "redated", actor,
                date_from=task.due_date.isoformat() if task.due_date else None,
                date_to=due_date.isoformat() if due_date else None)
        task.due_date = due_date
    if changes:
        record_event(task, "edited", actor, fields=sorted(changes))
    if assignee is None and task.assignee_id is not None and task.project is not None:
        record_event(task, "reassigned", actor, assignee_from=task.assignee.full_name,
                assignee_to=None)
        task.assignee_id, task.assignee = None, None
    elif new_assignee:
        _reassign(actor, task, assignee)
    task.updated_dt = utcnow()
    if redated:
        _announce(task, "redated", actor)
    db.session.flush()
    return task


def _reassign(actor, task: Task, assignee: User) -> None:
    record_event(task, "reassigned", actor,
            assignee_from=task.assignee.full_name if task.assignee else None,
            assignee_to=assignee.full_name)
    task.assignee_id, task.assignee = assignee.id, assignee
    db.session.flush()
    _notify_assigned(task, actor)
    _announce(task, "reassigned", actor)


def reassign_task(actor, task: Task, assignee: User | None) -> Task:
    """Give the task to someone else (who may see its project); they are notified."""
    if actor is not None:
        _allowed(TP.can_edit(actor, task))
    if assignee is None:
        raise ServiceError(_l("Choose who takes the task."), "assignee_id")
    if not task.is_open:
        raise ServiceError(_l("Only an open task can be reassigned."))
    if assignee.id == task.assignee_id:
        raise ServiceError(_l("The task is assigned to %(name)s already.",
                              name=assignee.full_name), "assignee_id")
    _assignee(assignee, task.project)
    set_actor(actor)
    _reassign(actor, task, assignee)
    task.updated_dt = utcnow()
    db.session.flush()
    return task


def set_status(actor, task: Task, status: str, reason: str | None = None) -> Task:
    """open ↔ in_progress → done; cancelled with a reason; done or cancelled → open
    (reopened). Done records who and when; the creator hears that it is done, the
    assignee that it was cancelled."""
    if status not in TASK_STATUSES:
        raise ServiceError(_l("Unknown status “%(value)s”.", value=status), "status")
    if actor is not None:
        if task.is_open and status in ("open", "in_progress", "done"):
            _allowed(TP.can_progress(actor, task))
        else:
            _allowed(TP.can_edit(actor, task))
    if task.project is not None and not task.project.is_open:
        raise ServiceError(_l("This project is closed; it can no longer be changed."))
    if status == task.status:
        raise ServiceError(_l("Nothing to change: the task has this status already."),
                           "status")
    reason = (reason or "").strip()
    if status == "cancelled" and not reason:
        raise ServiceError(_l("Give a reason for cancelling the task."), "reason")
    if len(reason) > REASON_MAX:
        raise ServiceError(_l("The reason may have at most %(max)d characters.",
                              max=REASON_MAX), "reason")
    set_actor(actor)
    was_open = task.is_open
    previous = task.status
    task.status = status
    task.updated_dt = utcnow()
    name = getattr(actor, "full_name", "sicrm")
    if status == "done":
        task.done_dt, task.done_by_id = utcnow(), getattr(actor, "id", None)
        task.cancel_reason = None
        record_event(task, "done", actor)
        creator = db.session.get(User, task.created_by_id) if task.created_by_id else None
        if creator is not None and getattr(actor, "id", None) != creator.id:
            notifications.notify(_readers(task, creator), "task_done", task_path(task.id),
                                 task_id=task.id, actor=name, title=task.title,
                                 context=_context(task))
        _announce(task, "done", actor)
    elif status == "cancelled":
        task.cancel_reason = reason
        task.done_dt, task.done_by_id = None, None
        record_event(task, "cancelled", actor, reason=reason)
        assignee = task.assignee
        if assignee is not None and getattr(actor, "id", None) != assignee.id:
            notifications.notify(_readers(task, assignee), "task_cancelled",
                                 task_path(task.id), task_id=task.id, actor=name,
                                 title=task.title, context=_context(task), reason=reason)
        _announce(task, "cancelled", actor)
    elif not was_open:
        task.done_dt, task.done_by_id, task.cancel_reason = None, None, None
        record_event(task, "reopened", actor, status_from=previous)
        _announce(task, "reopened", actor)
    else:
        record_event(task, "started" if status == "in_progress" else "paused", actor)
    db.session.flush()
    return task


OPEN = TASK_OPEN_STATUSES
