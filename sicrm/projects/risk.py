"""Traffic lights of open projects for their managers, in SQL aggregates.

red: an open milestone is overdue, or the current stage is past its planned end by
more than `late_days` days; yellow: an open milestone is due within `soon_workdays`
working days, or the current stage ends by then (or is late by at most `late_days`);
green otherwise."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, case, exists, func, or_, select, true

from sicrm.core import permissions as CP
from sicrm.core.calendar import WorkCalendar
from sicrm.extensions import db
from sicrm.projects.models import OPEN_STATUSES, Milestone, Project, ProjectStage

#: a stage this many days past its planned end turns a project red
STAGE_LATE_DAYS = 5
#: a milestone due within this many working days turns a project yellow
SOON_WORKDAYS = 3
LIGHTS = ("red", "yellow", "green")


@dataclass(frozen=True)
class RiskRow:
    id: int
    code: str
    name: str
    light: str
    overdue: int  # open milestones past their date
    stage_zh: str | None
    stage_en: str | None
    stage_end: date | None

    def stage(self, locale: str) -> str:
        return (self.stage_en if locale == "en" and self.stage_en else self.stage_zh) or ""


@dataclass(frozen=True)
class RiskSummary:
    counts: dict[str, int]
    rows: list[RiskRow]


def risk_scope(user):
    """The projects whose lights `user` watches: their managed departments' (all for
    executives and administrators); None when they manage none."""
    if not getattr(user, "is_authenticated", False) or not user.active:
        return None
    if CP.has_permission(user, "project.view_all"):
        return true()
    managed = CP.managed_department_ids(user)
    if not managed:
        return None
    return Project.department_id.in_(managed)


def light_expression(today: date, soon: date, late_days: int = STAGE_LATE_DAYS):
    def milestone(*conditions):
        return exists(select(Milestone.id).where(
            Milestone.project_id == Project.id, Milestone.status == "open", *conditions))

    def stage(*conditions):
        return exists(select(ProjectStage.id).where(
            ProjectStage.id == Project.current_stage_id, ProjectStage.status == "active",
            *conditions))

    red = or_(milestone(Milestone.planned_date < today),
              stage(ProjectStage.planned_end < today - timedelta(days=late_days)))
    yellow = or_(milestone(Milestone.planned_date <= soon), stage(ProjectStage.planned_end <= soon))
    return case((red, "red"), (yellow, "yellow"), else_="green")


def projects_at_risk(user, today: date | None = None, calendar: WorkCalendar | None = None,
                     limit: int = 10, late_days: int = STAGE_LATE_DAYS,
                     soon_workdays: int = SOON_WORKDAYS) -> RiskSummary | None:
    """Counts per light of the open projects `user` watches and the red and yellow
    ones (red first, then by code), at most `limit`; None for users who watch none.
    Two queries, whatever the number of projects."""
    scope = risk_scope(user)
    if scope is None:
        return None
    today = today or date.today()
    soon = (calendar or WorkCalendar()).add_workdays(today, soon_workdays)
    lights = (select(Project.id.label("id"),
                     light_expression(today, soon, late_days).label("light"))
              .where(Project.status.in_(OPEN_STATUSES), scope).subquery())
    counts = dict.fromkeys(LIGHTS, 0)
    counts.update(db.session.execute(
        select(lights.c.light, func.count()).group_by(lights.c.light)).all())
    overdue = (select(func.count(Milestone.id)).where(
        Milestone.project_id == Project.id, Milestone.status == "open",
        Milestone.planned_date < today).correlate(Project).scalar_subquery())
    rows = db.session.execute(
        select(Project.id, Project.code, Project.name, lights.c.light, overdue,
               ProjectStage.name_zh, ProjectStage.name_en, ProjectStage.planned_end)
        .join(lights, lights.c.id == Project.id)
        .outerjoin(ProjectStage, and_(ProjectStage.id == Project.current_stage_id))
        .where(lights.c.light != "green")
        .order_by(case((lights.c.light == "red", 0), else_=1), Project.code)
        .limit(limit)).all()
    return RiskSummary(counts, [RiskRow(*row) for row in rows])
