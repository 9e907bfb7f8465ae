"""Overdue project tasks feed the alarm engine with the milestones' exactly-once rules."""
from datetime import date

import pytest
from sqlalchemy import func, select

from sicrm.core.models import Notification
from sicrm.extensions import db
from sicrm.forum.tasks import services
from sicrm.projects.models import ProjectMember, Task
from sicrm.workflow.alarms import queries
from sicrm.workflow.alarms.scan import scan
from sicrm.workflow.models import Alarm
from tests.workflow.alarm_world import at, build, deliveries

FRIDAY = date(2026, 3, 20)


@pytest.fixture
def world(db):
    world = build()
    world["milestone"].planned_date = date(2027, 12, 31)   # only the task is under alarm
    world["project"].members.append(ProjectMember(user_id=world["owner"].id, role="engineer"))
    world["task"] = services.create_task(
        world["pm"], title="交换机配置", assignee=world["owner"], due_date=FRIDAY,
        project=world["project"], today=date(2026, 3, 2))
    db.session.commit()
    db.session.query(Notification).delete()   # the assignment notice is not an alarm
    db.session.commit()
    return world


def _due(task: Task, day: date) -> None:
    task.due_date = day
    db.session.commit()


def test_a_task_is_reminded_before_it_is_due_once_per_offset(world):
    assert scan(at(date(2026, 3, 12))).raised == 0         # 6 working days before
    assert scan(at(date(2026, 3, 13))).raised == 1         # 5 before: the assignee
    assert scan(at(date(2026, 3, 13), 16)).raised == 0     # a second scan: nothing twice
    assert scan(at(date(2026, 3, 19))).raised == 1         # 1 before
    assert deliveries(subject_type="task") == [("task_reminder", 1, "owner", 0),
                                                ("task_reminder", 5, "owner", 0)]
    note = db.session.scalars(select(Notification).order_by(Notification.id)).first()
    assert note.kind == "alarm_task_reminder" and note.params["subject"] == "交换机配置"


def test_an_overdue_task_escalates_level_by_level_once(world):
    scan(at(date(2026, 3, 23)))                             # Monday: 1 working day late
    scan(at(date(2026, 3, 23), 17))
    assert deliveries(kind="task_overdue") == [("task_overdue", 0, "owner", 0),
                                               ("task_overdue", 0, "pm", 0)]
    scan(at(date(2026, 3, 26)))                             # 4: the PM's manager
    scan(at(date(2026, 3, 26), 12))
    assert deliveries(kind="task_overdue", level=1) == [("task_overdue", 1, "manager", 0)]
    alarm = db.session.scalar(select(Alarm).where(Alarm.level == 0))
    assert queries.subject_names([alarm], english=False) == {alarm.id: "交换机配置"}


def test_done_resolves_at_once_and_nothing_more_comes(world):
    scan(at(date(2026, 3, 23)))
    services.set_status(world["owner"], world["task"], "done")
    db.session.commit()
    assert db.session.scalars(select(Alarm.status)).all() == ["resolved"]
    assert scan(at(date(2026, 4, 10))).raised == 0


def test_cancelled_or_redated_tasks_resolve_and_a_new_date_alarms_again(world):
    scan(at(date(2026, 3, 23)))
    _due(world["task"], date(2026, 3, 27))                  # moved without the service
    assert scan(at(date(2026, 3, 24))).resolved == 1
    scan(at(date(2026, 3, 30)))
    assert db.session.scalar(select(Alarm.due_date).where(
        Alarm.status == "open", Alarm.kind == "task_overdue")) == date(2026, 3, 27)
    services.set_status(world["pm"], world["task"], "cancelled", "需求取消")
    db.session.commit()
    assert db.session.scalar(select(func.count(Alarm.id)).where(Alarm.status == "open")) == 0


def test_standalone_tasks_and_closed_projects_raise_nothing(world):
    services.create_task(world["pm"], title="个人事项", due_date=FRIDAY,
                         today=date(2026, 3, 2))
    world["project"].status = "abandoned"
    db.session.commit()
    assert scan(at(date(2026, 4, 10))).raised == 0
