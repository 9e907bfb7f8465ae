"""What people do with an alarm: acknowledge it (its repeats stop; the next level
still comes if the subject stays late), snooze it with a reason until a date (no
repeats and no new levels for its subject until then), and what resolves alarms
at once: a milestone finished, cancelled or re-planned, a stage finished."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, select, update

from sicrm.core import permissions as P
from sicrm.core import roles as R
from sicrm.core.errors import ServiceError
from sicrm.core.models import utcnow
from sicrm.extensions import db
from sicrm.projects import permissions as project_permissions
from sicrm.projects import signals
from sicrm.projects.services import events
from sicrm.workflow.alarms import messages  # noqa: F401  (kinds and event texts)
from sicrm.workflow.alarms.messages import REMINDER_KINDS
from sicrm.workflow.alarms.scan import LIVE
from sicrm.workflow.models import Alarm, AlarmDelivery

MAX_SNOOZE_DAYS = 90

P.define("alarm.policies", {R.ADMIN})


def received(user, alarm: Alarm) -> bool:
    return db.session.scalar(select(exists().where(
        AlarmDelivery.alarm_id == alarm.id, AlarmDelivery.user_id == user.id)))


def can_view(user, alarm: Alarm) -> bool:
    return received(user, alarm) or project_permissions.can_view(user, alarm.project)


def can_handle(user, alarm: Alarm) -> bool:
    """Whoever it reached, and whoever may edit the project."""
    if not getattr(user, "is_authenticated", False) or not user.active:
        return False
    return received(user, alarm) or project_permissions.can_edit(user, alarm.project)


def acknowledge(actor, alarm: Alarm, note: str) -> Alarm:
    note = (note or "").strip()
    if not note:
        raise ServiceError(_l("Say what is being done about it."), "note")
    if alarm.status == "resolved":
        raise ServiceError(_l("This alarm is resolved already."))
    alarm.status = "acknowledged"
    alarm.acknowledged_by_id = actor.id
    alarm.acknowledged_dt = utcnow()
    alarm.snoozed_until = None
    alarm.note = note[:2000]
    if alarm.kind in REMINDER_KINDS:  # a reminder's level is its lead time, not a step
        events.record(alarm.project, "reminder_acknowledged", actor, alarm=alarm.id,
                      what=alarm.kind, days=alarm.level, note=alarm.note)
    else:
        events.record(alarm.project, "alarm_acknowledged", actor, alarm=alarm.id,
                      what=alarm.kind, level=alarm.level + 1, note=alarm.note)
    db.session.flush()
    return alarm


def snooze(actor, alarm: Alarm, until: date | None, reason: str, today: date) -> Alarm:
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(_l("Give a reason for the snooze."), "note")
    if until is None or until <= today:
        raise ServiceError(_l("Snooze until a day after today."), "until")
    if (until - today).days > MAX_SNOOZE_DAYS:
        raise ServiceError(_l("Snooze for at most %(days)d days.", days=MAX_SNOOZE_DAYS),
                           "until")
    if alarm.status == "resolved":
        raise ServiceError(_l("This alarm is resolved already."))
    alarm.status = "snoozed"
    alarm.snoozed_until = until
    alarm.acknowledged_by_id = actor.id
    alarm.acknowledged_dt = utcnow()
    alarm.note = reason[:2000]
    if alarm.kind in REMINDER_KINDS:
        events.record(alarm.project, "reminder_snoozed", actor, alarm=alarm.id,
                      what=alarm.kind, days=alarm.level, until=until.isoformat(),
                      note=alarm.note)
    else:
        events.record(alarm.project, "alarm_snoozed", actor, alarm=alarm.id,
                      what=alarm.kind, level=alarm.level + 1, until=until.isoformat(),
                      note=alarm.note)
    db.session.flush()
    return alarm


def resolve_subject(subject_type: str, subject_id: int) -> int:
    return db.session.execute(
        update(Alarm).where(Alarm.subject_type == subject_type,
                            Alarm.subject_id == subject_id, Alarm.status.in_(LIVE))
        .values(status="resolved", resolved_dt=utcnow())
        .execution_options(synchronize_session="fetch")).rowcount


@signals.milestone_changed.connect
def _on_milestone_changed(milestone, change=None, **_):
    if change in ("done", "cancelled", "replanned"):
        resolve_subject("milestone", milestone.id)


@signals.task_changed.connect
def _on_task_changed(task, change=None, **_):
    if change in ("done", "cancelled", "redated"):
        resolve_subject("task", task.id)


@signals.stage_advanced.connect
def _on_stage_advanced(project, stage=None, **_):
    if stage is not None:
        resolve_subject("stage", stage.id)


def can_manage_policies(user) -> bool:
    return P.has_permission(user, "alarm.policies")
