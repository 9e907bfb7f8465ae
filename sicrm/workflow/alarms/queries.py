"""Reading alarms: mine, a project's, and the names of what they are about."""
from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import joinedload

from sicrm.extensions import db
from sicrm.projects.finance.models import Instalment
from sicrm.projects.models import Milestone, ProjectStage, Task
from sicrm.workflow.models import Alarm, AlarmDelivery, GateReview

LIVE = Alarm.LIVE

STATUS_FILTERS = ("live", "open", "acknowledged", "snoozed", "resolved", "all")


def _status(query, status: str):
    if status == "live":
        return query.where(Alarm.status.in_(LIVE))
    if status in ("open", "acknowledged", "snoozed", "resolved"):
        return query.where(Alarm.status == status)
    return query


def mine(user, status: str = "live"):
    """Alarms that reached `user`, newest first."""
    reached = exists().where(AlarmDelivery.alarm_id == Alarm.id,
                             AlarmDelivery.user_id == user.id)
    return _status(select(Alarm).where(reached), status).options(
        joinedload(Alarm.project)).order_by(Alarm.raised_dt.desc(), Alarm.id.desc())


def of_project(project_id: int, status: str = "all"):
    return _status(select(Alarm).where(Alarm.project_id == project_id), status).order_by(
        Alarm.raised_dt.desc(), Alarm.id.desc())


def subject_names(alarms, english: bool) -> dict[int, str]:
    """alarm id → the name of its milestone, stage, review's stage, instalment or task
    (one query per kind)."""
    ids: dict[str, set[int]] = {}
    for alarm in alarms:
        ids.setdefault(alarm.subject_type, set()).add(alarm.subject_id)
    names: dict[tuple[str, int], str] = {}
    stage_name = ProjectStage.name_en if english else ProjectStage.name_zh
    if ids.get("milestone"):
        names.update((("milestone", i), n) for i, n in db.session.execute(
            select(Milestone.id, Milestone.name).where(Milestone.id.in_(ids["milestone"]))))
    if ids.get("stage"):
        names.update((("stage", i), n) for i, n in db.session.execute(
            select(ProjectStage.id, stage_name).where(ProjectStage.id.in_(ids["stage"]))))
    if ids.get("review"):
        names.update((("review", i), n) for i, n in db.session.execute(
            select(GateReview.id, stage_name).join(ProjectStage, ProjectStage.id ==
                                                   GateReview.stage_id)
            .where(GateReview.id.in_(ids["review"]))))
    if ids.get("instalment"):
        names.update((("instalment", i), n) for i, n in db.session.execute(
            select(Instalment.id, Instalment.name).where(Instalment.id.in_(ids["instalment"]))))
    if ids.get("task"):
        names.update((("task", i), n) for i, n in db.session.execute(
            select(Task.id, Task.title).where(Task.id.in_(ids["task"]))))
    return {alarm.id: names.get((alarm.subject_type, alarm.subject_id), "—")
            for alarm in alarms}

