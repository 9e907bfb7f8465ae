"""Planned dates from standard durations on the working-day calendar.

Stage 1 starts on the project's start date; each later stage starts on the first
working day after the previous one ended (its actual end when it has one, else its
planned end) and lasts its standard duration. Open milestones and tasks follow
their stage by their offsets. Done things keep their dates."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from sicrm.core.calendar import WorkCalendar
from sicrm.extensions import db
from sicrm.projects import signals
from sicrm.projects.models import Milestone, Project, Task


def plan(project: Project, calendar: WorkCalendar | None = None, *, actor=None,
         announce: bool = True) -> None:
    """Re-plan the project. Open milestones whose planned date moved are announced
    (`milestone_changed`, change "replanned") unless `announce` is False (a new
    project's first plan)."""
    calendar = calendar or WorkCalendar()
    start = project.start_date
    for stage in project.stages:
        stage.planned_start = calendar.next_workday(stage.actual_start or start)
        stage.planned_end = calendar.end_of(stage.planned_start, stage.std_duration)
        finished = stage.actual_end or stage.planned_end
        start = finished + timedelta(days=1)
    moved = _follow_stages(project, calendar)
    if announce and moved:
        db.session.flush()
        for milestone, old in moved:
            signals.milestone_changed.send(milestone, change="replanned", actor=actor,
                                           old_date=old)


def _follow_stages(project: Project, calendar: WorkCalendar) -> list[tuple[Milestone, object]]:
    """Move open milestones and tasks with their stages; the milestones that moved,
    each with its former date."""
    moved = []
    starts = {stage.id: stage.planned_start for stage in project.stages}
    milestones = db.session.scalars(select(Milestone).where(
        Milestone.project_id == project.id, Milestone.status == "open")).all()
    for milestone in milestones:
        old = milestone.planned_date
        milestone.planned_date = calendar.add_workdays(starts[milestone.stage_id],
                                                       milestone.offset)
        if old != milestone.planned_date:
            moved.append((milestone, old))
    tasks = db.session.scalars(select(Task).where(
        Task.project_id == project.id, Task.stage_id.is_not(None),
        Task.source.in_(("template", "routing")),  # a task made by hand keeps its date
        Task.status.in_(("open", "in_progress")))).all()
    for task in tasks:
        if task.stage_id in starts:
            task.due_date = calendar.add_workdays(starts[task.stage_id], task.offset)
    return moved
