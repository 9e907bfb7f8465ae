from datetime import date, timedelta

from sqlalchemy import func, select

from sicrm.extensions import db
from sicrm.projects.models import ProjectEvent, Task
from sicrm.workflow.alarms.scan import scan
from sicrm.workflow.models import Alarm
from tests.fixtures.projects import make_project
from tests.fixtures.queries import count_queries
from tests.workflow.alarm_world import at, build, due_on


def _overdue_projects(world, count):
    for number in range(count):
        project = make_project(world["pm"], pm=world["pm"], name=f"页面{number}")
        for index, stage in enumerate(project.stages):
            stage.planned_end = date(2027, 12, 31)
            for milestone in stage.milestones:
                milestone.planned_date = date(2026, 3, 13) if index == 0 else date(2027, 12, 31)
        for task in db.session.scalars(select(Task).where(Task.project_id == project.id)):
            task.due_date = date(2027, 12, 31)  # key tasks alarm too: out of the way
    db.session.commit()


def test_alarm_lists_and_home_page_do_not_grow_in_queries(db, login_as):
    world = build()
    world["milestone"].planned_date = date(2027, 12, 31)
    db.session.commit()
    client = login_as(world["pm"])
    counts, created = [], 0
    for size in (1, 6):
        created += size
        _overdue_projects(world, size)
        scan(at(date(2026, 3, 23)))
        for path in ("/alarms/", f"/projects/{world['project'].id}/alarms", "/"):
            with count_queries(db.engine) as counter:
                response = client.get(path)
            assert response.status_code == 200
            counts.append((path, counter.count))
        assert db.session.scalar(select(func.count(Alarm.id))) == 2 * created  # 2 levels
        assert "Overdue milestone" in client.get("/alarms/").get_data(as_text=True)
    assert counts[:3] == counts[3:], counts


def test_acknowledge_and_snooze_from_the_alarm_page(db, login_as):
    world = build()
    due_on(world["milestone"], date.today() - timedelta(days=20))
    scan()
    alarm = db.session.scalars(select(Alarm).order_by(Alarm.id)).first()
    outsider = login_as(world["ceo"])   # executive: reached by level 3 only, may still edit
    owner = login_as(world["owner"])
    refused = owner.post(f"/alarms/{alarm.id}/snooze", data={"until": str(date.today()),
                                                             "reason": "等"})
    assert refused.status_code == 400 and "after today" in refused.get_data(as_text=True)
    empty = owner.post(f"/alarms/{alarm.id}/acknowledge", data={"note": ""})
    assert empty.status_code == 400
    db.session.expire_all()
    assert db.session.get(Alarm, alarm.id).status == "open"
    until = date.today() + timedelta(days=7)
    assert owner.post(f"/alarms/{alarm.id}/snooze", data={
        "until": until.isoformat(), "reason": "等待客户到货"}).status_code == 302
    db.session.expire_all()
    snoozed = db.session.get(Alarm, alarm.id)
    assert (snoozed.status, snoozed.snoozed_until, snoozed.note) == ("snoozed", until,
                                                                     "等待客户到货")
    assert outsider.post(f"/alarms/{alarm.id}/acknowledge",
                         data={"note": "已督办"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Alarm, alarm.id).status == "acknowledged"
    kinds = db.session.scalars(select(ProjectEvent.kind).where(
        ProjectEvent.kind.like("alarm_%")).order_by(ProjectEvent.id)).all()
    assert kinds == ["alarm_snoozed", "alarm_acknowledged"]
    page = login_as(world["pm"]).get(f"/projects/{world['project'].id}").get_data(as_text=True)
    assert "Acknowledged an alarm (level 1): 已督办" in page


def test_a_reminder_acknowledged_says_its_lead_time_not_a_level(db, login_as):
    """A reminder's level is how many working days before the due date it comes: the
    history says so instead of "level 6"."""
    world = build()
    due_on(world["milestone"], date.today() - timedelta(days=20))
    scan()
    alarm = db.session.scalars(select(Alarm).order_by(Alarm.id)).first()
    alarm.kind, alarm.level = "reminder", 5
    db.session.commit()
    owner = login_as(world["owner"])
    assert owner.post(f"/alarms/{alarm.id}/acknowledge",
                      data={"note": "已安排"}).status_code == 302
    page = login_as(world["pm"]).get(f"/projects/{world['project'].id}").get_data(as_text=True)
    assert "Acknowledged the reminder 5 working day(s) before the due date: 已安排" in page
    assert "level 6" not in page
