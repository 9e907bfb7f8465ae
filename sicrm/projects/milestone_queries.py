"""Read helpers for milestone lists: "my milestones" across projects and one
project's milestones. Lists are filtered by `permissions.visible_filter` in SQL."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import contains_eager, joinedload

from sicrm.extensions import db
from sicrm.projects.models import (
    OPEN_STATUSES,
    Milestone,
    Project,
    ProjectEvent,
    ProjectStage,
)
from sicrm.projects.permissions import visible_filter

#: how far ahead "my milestones" looks
HORIZON_DAYS = 30
SCOPES = ("all", "mine", "managed")


def mine_condition(user, scope: str = "all"):
    """Milestones `user` owns ("mine"), of projects `user` manages as PM ("managed"),
    or either ("all")."""
    if scope == "mine":
        return Milestone.owner_id == user.id
    if scope == "managed":
        return Project.pm_id == user.id
    return or_(Milestone.owner_id == user.id, Project.pm_id == user.id)


def my_milestones(user, scope: str = "all", until: date | None = None,
                  since: date | None = None):
    """Open milestones of open, visible projects for `user` (see mine_condition),
    planned up to `until` (and from `since`), soonest first; project, stage and owner
    loaded with them."""
    query = (select(Milestone)
             .join(Project, Project.id == Milestone.project_id)
             .join(ProjectStage, ProjectStage.id == Milestone.stage_id)
             .where(Milestone.status == "open", Project.status.in_(OPEN_STATUSES),
                    mine_condition(user, scope), visible_filter(user))
             .options(contains_eager(Milestone.stage).contains_eager(ProjectStage.project),
                      joinedload(Milestone.owner))
             .order_by(Milestone.planned_date, Milestone.id))
    if until is not None:
        query = query.where(Milestone.planned_date <= until)
    if since is not None:
        query = query.where(Milestone.planned_date >= since)
    return query


def buckets(milestones, today: date) -> dict[str, list[Milestone]]:
    """Split milestones (sorted by date) into overdue, this week (to Sunday) and the
    next days up to the horizon."""
    week_end = today + timedelta(days=6 - today.weekday())
    horizon = today + timedelta(days=HORIZON_DAYS)
    found = {"overdue": [], "week": [], "later": []}
    for milestone in milestones:
        day = milestone.planned_date
        if day < today:
            found["overdue"].append(milestone)
        elif day <= week_end:
            found["week"].append(milestone)
        elif day <= horizon:
            found["later"].append(milestone)
    return found


def project_milestones(project: Project, status: str | None = None):
    query = (select(Milestone).where(Milestone.project_id == project.id)
             .options(joinedload(Milestone.owner), joinedload(Milestone.stage))
             .order_by(Milestone.planned_date, Milestone.id))
    if status:
        query = query.where(Milestone.status == status)
    return query


def cancel_reasons(project: Project) -> dict[int, str]:
    """Milestone id → the reason it was last cancelled (from the project's history)."""
    events = db.session.scalars(select(ProjectEvent).where(
        ProjectEvent.project_id == project.id, ProjectEvent.kind == "milestone_cancelled")
        .order_by(ProjectEvent.created_dt, ProjectEvent.id)).all()
    return {event.params.get("milestone_id"): event.params.get("reason")
            for event in events if event.params.get("milestone_id")}
