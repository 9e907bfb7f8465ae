"""Re-planning open projects when an official calendar year is entered or changed
(core's `calendar_changed`): every open project with a planned date from today on in
that year is re-planned through `plan`, and the change is written in its history."""
from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select

from sicrm.core import signals as core_signals
from sicrm.core.calendar import WorkCalendar
from sicrm.extensions import db
from sicrm.projects.models import OPEN_STATUSES, Milestone, Project, ProjectStage
from sicrm.projects.services import events
from sicrm.projects.services.planning import plan


def affected(year: int, today: date) -> list[Project]:
    """Open projects with an unfinished stage or an open milestone planned from
    `today` on in `year` (or a stage running across it)."""
    first, last = max(date(year, 1, 1), today), date(year, 12, 31)
    if last < first:
        return []
    stage_hit = select(ProjectStage.project_id).where(
        ProjectStage.status != "done", ProjectStage.planned_end >= first,
        ProjectStage.planned_start <= last)
    milestone_hit = select(Milestone.project_id).where(
        Milestone.status == "open", Milestone.planned_date.between(first, last))
    return db.session.scalars(select(Project).where(
        Project.status.in_(OPEN_STATUSES),
        or_(Project.id.in_(stage_hit), Project.id.in_(milestone_hit)))
        .order_by(Project.id)).all()


def replan_year(actor, year: int, today: date | None = None) -> int:
    """Re-plan the open projects `year` touches; how many plans changed."""
    today = today or date.today()
    calendar = WorkCalendar()
    changed = 0
    for project in affected(year, today):
        before = _dates(project)
        plan(project, calendar, actor=actor)
        db.session.flush()
        after = _dates(project)
        moved = sum(1 for key, value in after.items() if before.get(key) != value)
        if moved:
            changed += 1
            events.record(project, "calendar_replanned", actor, year=year, moved=moved)
    db.session.flush()
    return changed


def _dates(project: Project) -> dict:
    dates = {("stage", s.id): (s.planned_start, s.planned_end) for s in project.stages}
    for milestone_id, planned in db.session.execute(select(
            Milestone.id, Milestone.planned_date).where(Milestone.project_id == project.id)):
        dates[("milestone", milestone_id)] = planned
    return dates


@core_signals.calendar_changed.connect
def _on_calendar_changed(year, actor=None, **_) -> int:
    return replan_year(actor, year)
