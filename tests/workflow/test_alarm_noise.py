"""Alarm noise: a finished stage's and a decided project's leftovers are cancelled
with it, a stage not started yet raises no task or milestone alarm, escalations
reach a manager as one digest a day, and the demo opens to a handful."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from sqlalchemy import func, select

from sicrm.core.demo import load_demo
from sicrm.core.models import Notification, User
from sicrm.extensions import db
from sicrm.forum.tasks import services as tasks
from sicrm.forum.tasks.demo import load_demo_tasks
from sicrm.projects.models import Milestone, ProjectEvent, ProjectMember, Task, TaskEvent
from sicrm.projects.services import lifecycle
from sicrm.templates_lib.builtin import seed_builtin_templates
from sicrm.workflow.alarms import digest
from sicrm.workflow.alarms.cli import alarms as alarms_cli
from sicrm.workflow.alarms.scan import scan
from sicrm.workflow.delivery.services import outbox
from sicrm.workflow.demo import load_demo_projects
from sicrm.workflow.models import Alarm, AlarmDelivery
from tests.workflow.alarm_world import at, build, deliveries

FRIDAY = date(2026, 3, 20)


@pytest.fixture
def world(db):
    world = build()
    world["project"].members.append(ProjectMember(user_id=world["owner"].id, role="engineer"))
    db.session.commit()
    return world


def _stage_items(stage):
    milestones = db.session.scalars(select(Milestone).where(Milestone.stage_id == stage.id))
    items = db.session.scalars(select(Task).where(Task.stage_id == stage.id))
    return list(milestones), list(items)


def test_finishing_a_stage_cancels_its_open_milestones_and_tasks_and_their_alarms(world):
    project = world["project"]
    stage = project.current_stage
    milestones, stage_tasks = _stage_items(stage)
    assert milestones and stage_tasks
    world["milestone"].planned_date = FRIDAY
    for task in stage_tasks:
        task.due_date = FRIDAY
    db.session.commit()
    scan(at(date(2026, 3, 24)))
    assert db.session.scalar(select(func.count(Alarm.id)).where(Alarm.status == "open")) \
        == len(milestones[:1]) + len(stage_tasks)
    lifecycle.finish_stage(world["pm"], project, on=date(2026, 3, 24))
    db.session.commit()
    assert {m.status for m in milestones} == {"cancelled"}
    assert {t.status for t in stage_tasks} == {"cancelled"}
    assert all("finished" in t.cancel_reason for t in stage_tasks)
    assert db.session.scalars(select(TaskEvent.kind).where(
        TaskEvent.task_id.in_([t.id for t in stage_tasks]))).all() == \
        ["closed_with_stage"] * len(stage_tasks)
    event = db.session.scalar(select(ProjectEvent).where(
        ProjectEvent.kind == "leftovers_closed"))
    assert event.params["milestones"] == len(milestones)
    assert event.params["tasks"] == len(stage_tasks)
    assert db.session.scalar(select(func.count(Alarm.id)).where(Alarm.status != "resolved")) \
        == 0
    # the next stage's milestones and tasks are untouched
    following, following_tasks = _stage_items(project.current_stage)
    assert all(m.status == "open" for m in following)
    assert all(t.status == "open" for t in following_tasks)


def test_a_lost_project_cancels_everything_still_open(world):
    project = world["project"]
    lifecycle.mark_lost(world["pm"], project, status="lost", reason="price")
    db.session.commit()
    assert db.session.scalar(select(func.count(Milestone.id)).where(
        Milestone.project_id == project.id, Milestone.status == "open")) == 0
    assert db.session.scalar(select(func.count(Task.id)).where(
        Task.project_id == project.id, Task.status.in_(("open", "in_progress")))) == 0
    kinds = db.session.scalars(select(ProjectEvent.kind).where(
        ProjectEvent.project_id == project.id).order_by(ProjectEvent.id)).all()
    assert kinds[-2:] == ["lost", "leftovers_closed"]


def test_a_stage_not_started_yet_raises_no_milestone_or_task_alarm(world):
    project = world["project"]
    world["milestone"].planned_date = date(2027, 12, 31)
    later = project.stages[1]
    milestone = Milestone(project_id=project.id, stage_id=later.id, name="评审会",
                          planned_date=FRIDAY, owner_id=world["owner"].id)
    task = Task(project_id=project.id, stage_id=later.id, title="准备立项材料",
                assignee_id=world["owner"].id, due_date=FRIDAY)
    db.session.add_all([milestone, task])
    db.session.commit()
    assert scan(at(date(2026, 4, 10))).raised == 0        # late, but the stage waits
    # once the stage starts, they are alarmed (the dates kept as they were)
    lifecycle.finish_stage(world["pm"], project, on=date(2026, 4, 10))
    milestone.planned_date, task.due_date = FRIDAY, FRIDAY
    db.session.commit()
    scan(at(date(2026, 4, 13)))
    assert {(a.subject_type, a.subject_id) for a in db.session.scalars(select(Alarm))} >= {
        ("milestone", milestone.id), ("task", task.id)}


def test_escalations_reach_a_manager_as_one_digest_a_day(world, smtp_server):
    """Five overdue tasks: the assignee hears of each; the PM's manager gets one
    message listing all five, once, and the next day's escalations in the next."""
    world["milestone"].planned_date = date(2027, 12, 31)  # only the tasks are late
    world["manager"].email = "manager@example.com"
    world["owner"].email = "owner@example.com"
    made = [tasks.create_task(world["pm"], title=f"任务{n}", assignee=world["owner"],
                              due_date=FRIDAY, project=world["project"],
                              today=date(2026, 3, 2)) for n in range(5)]
    db.session.query(Notification).delete()
    db.session.commit()
    first = scan(at(date(2026, 3, 26)))                    # 4 working days: level 2
    assert first.digests == 1
    assert len(deliveries(kind="task_overdue", level=1)) == 5
    notes = db.session.scalars(select(Notification).where(
        Notification.user_id == world["manager"].id)).all()
    assert [n.kind for n in notes] == [digest.KIND]
    assert notes[0].params["count"] == 5
    text = notes[0].params["items"]
    assert all(f"任务{n}" in text for n in range(5))
    assert db.session.scalar(select(func.count(Notification.id)).where(
        Notification.user_id == world["owner"].id)) == 5   # the first level: one each
    again = scan(at(date(2026, 3, 26), 15))
    assert again.digests == 0 and again.raised == 0
    # the next day another task becomes late enough; the manager gets one more digest
    late = tasks.create_task(world["pm"], title="任务5", assignee=world["owner"],
                             due_date=date(2026, 3, 23), project=world["project"],
                             today=date(2026, 3, 2))
    db.session.commit()
    assert scan(at(date(2026, 3, 27))).digests == 1        # 4 working days late: level 2
    assert scan(at(date(2026, 3, 30))).digests == 0        # nothing new to list
    digests = db.session.scalars(select(Notification).where(
        Notification.user_id == world["manager"].id, Notification.kind == digest.KIND)
        .order_by(Notification.id)).all()
    assert [d.params["count"] for d in digests] == [5, 1]
    assert "任务5" in digests[1].params["items"]
    assert {d.digest_dt is not None for d in db.session.scalars(select(AlarmDelivery))
            .all() if d.user_id == world["manager"].id} == {True}
    # one e-mail per digest, none per late task
    outbox.drain()
    to_manager = [m for m in smtp_server.messages if m["To"] == "manager@example.com"]
    assert len(to_manager) == 2
    assert len([m for m in smtp_server.messages if m["To"] == "owner@example.com"
                and "Alarm level 1" in m["Subject"]]) == 6
    assert made and late


@time_machine.travel(datetime(2026, 12, 1, 2, 0, tzinfo=UTC), tick=False)
def test_the_demo_ceo_opens_to_a_handful(db):
    load_demo()
    seed_builtin_templates()
    load_demo_projects()
    load_demo_tasks()
    db.session.commit()
    scan()
    ceo = db.session.scalar(select(User).where(User.username == "ceo"))
    open_alarms = db.session.scalar(
        select(func.count(func.distinct(Alarm.id)))
        .join(AlarmDelivery, AlarmDelivery.alarm_id == Alarm.id)
        .where(AlarmDelivery.user_id == ceo.id, Alarm.status == "open"))
    alarm_notes = db.session.scalar(select(func.count(Notification.id)).where(
        Notification.user_id == ceo.id, Notification.kind.like("alarm_%"),
        Notification.read_dt.is_(None)))
    assert 0 < open_alarms <= 10
    assert alarm_notes == 1   # one digest, not one message per late thing


def test_tidy_cancels_what_older_data_left_open(app, world):
    """Before this rule a finished stage's tasks stayed open: `sicrm alarms tidy`."""
    project = world["project"]
    stage = project.current_stage
    milestones, stage_tasks = _stage_items(stage)
    world["milestone"].planned_date = FRIDAY
    db.session.commit()
    scan(at(date(2026, 3, 24)))
    stage.status = "done"  # finished the old way: nothing cancelled
    stage.actual_end = date(2026, 3, 24)
    project.current_stage = project.stages[1]
    project.stages[1].status = "active"
    db.session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(alarms_cli, ["tidy"])
    assert result.exit_code == 0, result.output
    assert (f"Cancelled {len(milestones)} milestone(s) and {len(stage_tasks)} task(s)"
            in result.output)
    db.session.expire_all()
    assert {m.status for m in milestones} == {"cancelled"}
    assert db.session.scalar(select(func.count(Alarm.id)).where(
        Alarm.status != "resolved")) == 0
    again = runner.invoke(alarms_cli, ["tidy"])
    assert "Cancelled 0 milestone(s) and 0 task(s)" in again.output
