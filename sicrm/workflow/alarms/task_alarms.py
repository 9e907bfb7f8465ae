"""Project tasks under alarm: a reminder to the assignee N working days before the
due date (the policy's reminder offsets), and, once overdue, the policy's milestone
escalation levels (its "owner" is the assignee). The same exactly-once rules as
milestones hold (Alarm's unique key: subject "task", kind, level, due date); an alarm
is resolved when the task is done, cancelled or re-dated, or its project closes.
Only tasks of the active stage (or of no stage) are under alarm: a later stage's
tasks wait for their stage to start (its lateness is the current stage's overrun).

Standalone tasks have no project (Alarm needs one): they show as overdue on My tasks
and in the home-page widget but raise no alarm."""
from __future__ import annotations

from datetime import date

from sqlalchemy import and_, exists, or_, select

from sicrm.extensions import db
from sicrm.projects.models import (
    OPEN_STATUSES,
    TASK_OPEN_STATUSES,
    Project,
    ProjectStage,
    Task,
)
from sicrm.templates_lib.models import TemplateVersion

REMINDER, OVERDUE = "task_reminder", "task_overdue"


def rows(horizon: date):
    """Open tasks of open projects due up to `horizon` (one query)."""
    return db.session.execute(
        select(Task.id, Task.title, Task.due_date, Task.assignee_id, Task.project_id,
               ProjectStage.key, Project.pm_id, Project.department_id,
               TemplateVersion.template_id)
        .join(Project, Project.id == Task.project_id)
        .join(TemplateVersion, TemplateVersion.id == Project.template_version_id)
        .outerjoin(ProjectStage, ProjectStage.id == Task.stage_id)
        .where(Task.status.in_(TASK_OPEN_STATUSES), Task.due_date.is_not(None),
               Project.status.in_(OPEN_STATUSES), Task.due_date <= horizon,
               or_(Task.stage_id.is_(None), ProjectStage.status == "active"))).all()


def dues(found, today: date, book, index, due_class, levels_reached) -> list:
    """The reminders and escalation levels due today for `found` (from rows())."""
    result = []
    for (tid, title, due, assignee_id, project_id, stage_key, pm_id, dept_id,
         template_id) in found:
        rules = book.rules(template_id, stage_key)
        common = dict(subject_type="task", subject_id=tid, due_date=due,
                      project_id=project_id, names=(title, title), pm_id=pm_id,
                      department_id=dept_id, owner_id=assignee_id,
                      repeat_days=rules.repeat_days)
        if due >= today:
            remaining = index.after(today, due)
            offsets = [n for n in rules.reminder_offsets if remaining <= n]
            if offsets:
                result.append(due_class(kind=REMINDER, level=min(offsets),
                                        recipients=("owner",), days=remaining,
                                        **{**common, "repeat_days": None}))
            continue
        late = index.after(due, today)
        for level, recipients in levels_reached(rules.milestone_escalation, late):
            result.append(due_class(kind=OVERDUE, level=level, recipients=recipients,
                                    days=late, **common))
    return result


def stale_condition(alarm, today: date):
    """Live task alarms whose task is done, cancelled, re-dated or of a closed project,
    and reminders whose day has passed."""
    alive = exists().where(
        Task.id == alarm.subject_id, Task.status.in_(TASK_OPEN_STATUSES),
        Task.due_date == alarm.due_date,
        or_(Task.stage_id.is_(None), Task.stage_id.in_(
            select(ProjectStage.id).where(ProjectStage.status == "active"))),
        Task.project_id.in_(select(Project.id).where(Project.status.in_(OPEN_STATUSES))))
    return or_(and_(alarm.subject_type == "task", ~alive),
               and_(alarm.subject_type == "task", alarm.kind == REMINDER,
                    alarm.due_date < today))
