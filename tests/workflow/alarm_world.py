"""A small company with one project and one milestone under alarm, for alarm tests."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from sicrm.core import roles as R
from sicrm.core.models import Notification
from sicrm.extensions import db
from sicrm.projects.models import Milestone, Task
from sicrm.workflow.alarms.policy import save_policy
from sicrm.workflow.models import Alarm, AlarmDelivery
from tests.fixtures.factories import make_department, make_user
from tests.fixtures.projects import make_project

SHANGHAI = ZoneInfo("Asia/Shanghai")

POLICY = {
    "name": "公司默认", "reminder_offsets": [5, 1],
    "milestone_escalation": [{"after": 0, "recipients": ["owner", "pm"]},
                             {"after": 3, "recipients": ["pm_manager"]},
                             {"after": 7, "recipients": ["dept_head_above", "executive"]}],
    "stage_escalation": [{"after": 0, "recipients": ["pm"]}],
    "review_pending_days": 2,
    "review_escalation": [{"after": 0, "recipients": ["reviewers"]},
                          {"after": 2, "recipients": ["pm_manager"]}],
    "repeat_days": None,
}


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """Naive UTC for `hour:minute` Shanghai time on `day`."""
    local = datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)
    return local.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


def build(**policy) -> dict:
    company = make_department("公司")
    delivery = make_department("交付中心", parent=company)
    team = make_department("华北交付部", parent=delivery)
    ceo = make_user("ceo", roles=[R.EXECUTIVE], department=company)
    director = make_user("director", roles=[R.DEPT_MANAGER], department=delivery)
    manager = make_user("manager", roles=[R.DEPT_MANAGER], department=team)
    pm = make_user("pm", roles=[R.PROJECT_MANAGER], department=team)
    owner = make_user("owner", roles=[R.ENGINEER], department=team)
    company.head, delivery.head, team.head = ceo, director, manager
    project = make_project(pm, pm=pm, start=date(2026, 3, 2))
    milestones = db.session.scalars(select(Milestone).where(
        Milestone.project_id == project.id).order_by(Milestone.id)).all()
    milestone = milestones[0]
    milestone.owner_id = owner.id
    for other in milestones[1:]:  # out of the way of the tests
        other.planned_date = date(2027, 12, 31)
    for stage in project.stages:  # no stage overrun unless a test asks for one
        stage.planned_end = date(2027, 12, 31)
    for task in db.session.scalars(select(Task).where(Task.project_id == project.id)):
        task.due_date = date(2027, 12, 31)  # key tasks alarm too: out of the way
    save_policy(None, {**POLICY, **policy})
    db.session.commit()
    return {"ceo": ceo, "director": director, "manager": manager, "pm": pm, "owner": owner,
            "project": project, "milestone": milestone, "team": team}


def due_on(milestone: Milestone, day: date) -> None:
    milestone.planned_date = day
    db.session.commit()


def deliveries(**where) -> list[tuple]:
    """(kind, level, username, repeat) of every delivery, sorted."""
    from sicrm.core.models import User
    query = (select(Alarm.kind, Alarm.level, User.username, AlarmDelivery.repeat)
             .join(AlarmDelivery, AlarmDelivery.alarm_id == Alarm.id)
             .join(User, User.id == AlarmDelivery.user_id))
    for key, value in where.items():
        query = query.where(getattr(Alarm, key) == value)
    return sorted(map(tuple, db.session.execute(query)))


def notification_count() -> int:
    return db.session.scalar(select(func.count(Notification.id)).where(
        Notification.kind.like("alarm_%")))


def shift(day: date, days: int) -> date:
    return day + timedelta(days=days)
