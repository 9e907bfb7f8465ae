from datetime import date

import pytest
from sqlalchemy import func, select

from sicrm.core.models import Notification
from sicrm.extensions import db
from sicrm.projects.services.lifecycle import finish_stage
from sicrm.projects.services.milestones import complete_milestone
from sicrm.workflow.alarms.scan import scan
from sicrm.workflow.models import Alarm
from sicrm.workflow.services import reviews
from tests.workflow.alarm_world import at, build, deliveries, due_on, notification_count

FRIDAY = date(2026, 3, 20)


@pytest.fixture
def world(db):
    return build()


def test_reminders_come_at_each_offset_once(world):
    due_on(world["milestone"], FRIDAY)
    assert scan(at(date(2026, 3, 12))).raised == 0        # 6 working days before
    assert scan(at(date(2026, 3, 13))).raised == 1        # 5 working days before
    assert scan(at(date(2026, 3, 13), 15)).raised == 0    # the same day again: nothing
    assert scan(at(date(2026, 3, 16))).raised == 0
    assert scan(at(date(2026, 3, 19))).raised == 1        # 1 working day before
    assert deliveries() == [("reminder", 1, "owner", 0), ("reminder", 5, "owner", 0)]
    message = db.session.scalars(select(Notification).order_by(Notification.id)).first()
    assert message.params["subject"] == world["milestone"].name
    assert message.url == f"/alarms/{message.params['alarm_id']}"


def test_nothing_is_sent_before_the_alarm_day_starts_at_eight(world):
    due_on(world["milestone"], FRIDAY)
    assert scan(at(date(2026, 3, 13), 7, 59)).raised == 0
    assert scan(at(date(2026, 3, 13), 8, 0)).raised == 1


def test_overdue_escalates_level_by_level_in_working_days(world):
    due_on(world["milestone"], FRIDAY)
    scan(at(date(2026, 3, 21)))                            # Saturday: 0 working days late
    scan(at(date(2026, 3, 22)))
    assert deliveries(kind="overdue") == []
    scan(at(date(2026, 3, 23)))                            # Monday: level 1
    assert deliveries(kind="overdue") == [("overdue", 0, "owner", 0), ("overdue", 0, "pm", 0)]
    scan(at(date(2026, 3, 25)))                            # 3 working days late
    assert len(deliveries(kind="overdue")) == 2
    scan(at(date(2026, 3, 26)))                            # 4: the PM's manager
    assert ("overdue", 1, "manager", 0) in deliveries(kind="overdue")
    scan(at(date(2026, 4, 1)))                             # 8: the head above and the CEO
    assert deliveries(kind="overdue", level=2) == [("overdue", 2, "ceo", 0),
                                                    ("overdue", 2, "director", 0)]
    # the first level is one notification per recipient; each escalation is listed in
    # its recipient's digest of that day (the manager on the 26th, the head above and
    # the CEO on 1 April), not a message of its own
    notes = db.session.scalars(select(Notification).order_by(Notification.id)).all()
    assert sorted((n.kind, n.user_id) for n in notes) == sorted(
        [("alarm_overdue", world["owner"].id), ("alarm_overdue", world["pm"].id),
         ("alarm_digest", world["manager"].id), ("alarm_digest", world["ceo"].id),
         ("alarm_digest", world["director"].id)])
    assert all(n.params["count"] == 1 for n in notes if n.kind == "alarm_digest")
    assert notification_count() == len(deliveries())


def test_catch_up_after_an_outage_over_the_national_day_holiday(world):
    # due Wednesday 30 September; 1–7 October are public holidays, the scheduler is down
    due_on(world["milestone"], date(2026, 9, 30))
    result = scan(at(date(2026, 10, 9), 10))       # Oct 8 and 9 worked: 2 days late
    assert result.raised == 1
    assert deliveries(kind="overdue") == [("overdue", 0, "owner", 0), ("overdue", 0, "pm", 0)]
    for hour in range(10, 18):                     # every tick of the day after: nothing new
        assert scan(at(date(2026, 10, 9), hour, 30)).raised == 0
    scan(at(date(2026, 10, 11), 9))                # Sunday: 3 working days (Sat 10th is a
    assert len(deliveries(kind="overdue")) == 2    # make-up working day)
    scan(at(date(2026, 10, 12), 9))                # Monday: 4 → level 2, once
    scan(at(date(2026, 10, 12), 9, 1))
    assert deliveries(kind="overdue", level=1) == [("overdue", 1, "manager", 0)]


def test_a_long_outage_sends_every_level_reached_once(world):
    due_on(world["milestone"], FRIDAY)
    result = scan(at(date(2026, 4, 10)))
    assert result.raised == 3
    assert [row[:3] for row in deliveries(kind="overdue")] == [
        ("overdue", 0, "owner"), ("overdue", 0, "pm"), ("overdue", 1, "manager"),
        ("overdue", 2, "ceo"), ("overdue", 2, "director")]
    assert scan(at(date(2026, 4, 10), 11)).raised == 0


def test_recipients_are_resolved_when_the_level_is_sent(world):
    due_on(world["milestone"], FRIDAY)
    scan(at(date(2026, 3, 23)))
    world["team"].head = world["owner"]            # a new manager before level 2 comes
    db.session.commit()
    scan(at(date(2026, 3, 26)))
    assert deliveries(kind="overdue", level=1) == [("overdue", 1, "owner", 0)]


def test_finishing_the_milestone_resolves_its_alarms(world):
    due_on(world["milestone"], FRIDAY)
    scan(at(date(2026, 3, 23)))
    complete_milestone(world["pm"], world["milestone"], on=date(2026, 3, 24))
    db.session.commit()
    assert db.session.scalars(select(Alarm.status)).all() == ["resolved"]
    assert scan(at(date(2026, 4, 10))).raised == 0


def test_replanning_resolves_and_the_new_date_is_alarmed_again(world):
    due_on(world["milestone"], FRIDAY)
    scan(at(date(2026, 3, 23)))
    due_on(world["milestone"], date(2026, 3, 27))  # moved without the service: the scan
    result = scan(at(date(2026, 3, 24)))           # notices the date changed
    assert result.resolved == 1
    scan(at(date(2026, 3, 30)))
    assert db.session.scalar(select(func.count(Alarm.id)).where(
        Alarm.kind == "overdue", Alarm.status == "open")) == 1
    assert db.session.scalar(select(Alarm.due_date).where(Alarm.status == "open")) == date(
        2026, 3, 27)


def test_repeats_follow_the_policy_and_stop_when_acknowledged(db):
    from sicrm.workflow.alarms import actions
    world = build(repeat_days=2)
    due_on(world["milestone"], FRIDAY)
    scan(at(date(2026, 3, 23)))                    # raised Monday
    scan(at(date(2026, 3, 24)))
    assert {row[3] for row in deliveries(kind="overdue", level=0)} == {0}
    scan(at(date(2026, 3, 25)))                    # 2 working days later: first repeat
    assert ("overdue", 0, "pm", 1) in deliveries(kind="overdue", level=0)
    alarm = db.session.scalar(select(Alarm).where(Alarm.level == 0))
    actions.acknowledge(world["pm"], alarm, "客户推迟了现场条件，下周一完成")
    db.session.commit()
    scan(at(date(2026, 3, 27)))                    # no second repeat for level 1 …
    assert {row[3] for row in deliveries(kind="overdue", level=0)} == {0, 1}
    assert deliveries(kind="overdue", level=1)     # … but level 2 still comes


def test_snooze_holds_new_levels_until_its_date(db):
    from sicrm.workflow.alarms import actions
    world = build()
    due_on(world["milestone"], FRIDAY)
    scan(at(date(2026, 3, 23)))
    alarm = db.session.scalar(select(Alarm))
    actions.snooze(world["pm"], alarm, date(2026, 3, 30), "等待客户确认", today=date(2026, 3, 23))
    db.session.commit()
    scan(at(date(2026, 3, 27)))
    assert deliveries(kind="overdue", level=1) == []
    scan(at(date(2026, 3, 30)))
    assert deliveries(kind="overdue", level=1) == [("overdue", 1, "manager", 0)]
    assert db.session.get(Alarm, alarm.id).status == "open"


def test_a_stage_past_its_standard_duration_alarms_the_pm(world):
    stage = world["project"].current_stage
    stage.planned_end = FRIDAY
    db.session.commit()
    scan(at(date(2026, 3, 23)))
    assert deliveries(kind="stage_overrun") == [("stage_overrun", 0, "pm", 0)]
    finish_stage(world["pm"], world["project"], on=date(2026, 3, 23))
    db.session.commit()
    assert db.session.scalar(select(Alarm.status).where(
        Alarm.kind == "stage_overrun")) == "resolved"


def test_a_review_left_pending_alarms_its_reviewers_then_the_manager(db):
    from tests.fixtures.projects import make_project, make_version
    from tests.workflow.test_reviews import _gate_definition  # a gate with reviewers
    world = build()
    version = make_version(_gate_definition("all", ["dept_manager"]))
    project = make_project(world["pm"], version=version, pm=world["pm"],
                           start=date(2026, 3, 2))
    finish_stage(world["pm"], project, on=date(2026, 3, 3))
    review = reviews.submit(world["pm"], project, checked=[])
    review.submitted_dt = at(date(2026, 3, 4))
    for stage in project.stages:
        stage.planned_end = date(2027, 12, 31)
    db.session.commit()
    scan(at(date(2026, 3, 5)))
    assert deliveries(kind="review_pending") == []
    scan(at(date(2026, 3, 6)))                    # 2 working days pending
    assert [row[2] for row in deliveries(kind="review_pending")] == ["manager"]
    scan(at(date(2026, 3, 10)))                   # 4: the PM's manager is the reviewer —
    assert [row[2] for row in deliveries(kind="review_pending")] == ["manager", "manager"]
    reviews.decide(world["manager"], review, "approve")
    db.session.commit()
    assert scan(at(date(2026, 3, 11))).resolved == 2


def test_an_overdue_receivable_alarms_the_pm_and_finance_until_it_is_paid(db):
    from decimal import Decimal

    from sicrm.core import roles as R
    from sicrm.projects.finance.services import revenue
    from tests.fixtures.factories import make_user
    from tests.fixtures.projects import make_project, make_version
    world = build()
    cfo = make_user("cfo", roles=[R.FINANCE])
    project = make_project(world["pm"], pm=world["pm"], amount=Decimal("100000"),
                           version=make_version(kind="implementation", name="实施"))
    for stage in project.stages:
        stage.planned_end = date(2027, 12, 31)
        for milestone in stage.milestones:
            milestone.planned_date = date(2027, 12, 31)
    instalment = revenue.add_instalment(world["pm"], project, name="首付款 30%",
                                        percent=Decimal("30"), due_date=date(2026, 3, 20))
    db.session.commit()
    scan(at(date(2026, 3, 20)))
    assert deliveries(kind="receivable") == []
    scan(at(date(2026, 3, 23)))                    # the first working day after
    assert deliveries(kind="receivable") == [("receivable", 0, "cfo", 0),
                                             ("receivable", 0, "pm", 0)]
    revenue.record_receipt(cfo, instalment, received_on=date(2026, 3, 24),
                           amount=Decimal("30000"))
    db.session.commit()
    assert scan(at(date(2026, 3, 31))).resolved == 1
    assert deliveries(kind="receivable", level=1) == []


def test_a_milestone_on_0001_01_01_does_not_make_the_scan_count_day_by_day(world,
                                                                          monkeypatch):
    import chinese_calendar

    from sicrm.core.calendar import WorkCalendar

    def refuse(*args, **kwargs):
        raise AssertionError("no day-by-day look-ups in chinese_calendar")
    monkeypatch.setattr(chinese_calendar, "is_workday", refuse)
    due_on(world["milestone"], date(1, 1, 1))
    world["project"].stages[0].planned_end = date(1, 1, 1)
    db.session.commit()
    calendar = WorkCalendar()
    result = scan(at(date(2026, 3, 23)), calendar=calendar)
    assert result.errors == []
    assert result.raised >= 1  # the far-away milestone is simply very late
    # work done: one table per year of the window touched (2000–2027), built once
    assert calendar.stats["years"] <= 2027 - 2000 + 1
    assert calendar.stats["days"] <= 366 * (2027 - 2000 + 1)
