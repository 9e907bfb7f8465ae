from datetime import timedelta

import pytest
from sqlalchemy import func, select

from sicrm.core.errors import ServiceError
from sicrm.core.models import Notification
from sicrm.extensions import db
from sicrm.forum.tasks import permissions as TP
from sicrm.forum.tasks import queries, services
from sicrm.forum.tasks.choices import describe
from sicrm.projects.models import Milestone, Task, TaskEvent
from tests.fixtures.projects import make_project
from tests.forum.task_world import TODAY, build

DUE = TODAY + timedelta(days=10)


@pytest.fixture
def world(db):
    return build()


def _create(world, actor=None, **fields):
    values = dict(title="现场勘察", description="机房尺寸与承重", assignee=world["engineer"],
                  due_date=DUE, priority="high", project=world["project"], today=TODAY)
    values.update(fields)
    task = services.create_task(actor or world["pm"], **values)
    db.session.commit()
    return task


def _notifications(user, kind=None):
    query = select(Notification).where(Notification.user_id == user.id)
    if kind:
        query = query.where(Notification.kind == kind)
    return db.session.scalars(query.order_by(Notification.id)).all()


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_project_task_notifies_its_assignee_and_starts_its_history(world):
    task = _create(world)
    assert (task.status, task.priority, task.source, task.created_by_id) == (
        "open", "high", "manual", world["pm"].id)
    [note] = _notifications(world["engineer"], "task_assigned")
    assert note.url == f"/forum/tasks/{task.id}"
    assert note.params["title"] == "现场勘察" and note.params["actor"] == "项目经理"
    assert world["project"].code in note.params["context"]
    assert _notifications(world["pm"]) == []          # nobody is told what they did
    assert [e.kind for e in queries.history(task)] == ["created"]


def test_only_project_editors_add_tasks(world):
    for user in (world["outsider"], world["observer"]):
        with pytest.raises(ServiceError):
            _create(world, actor=user)
    db.session.rollback()
    assert _count(Task) == 2   # the template's key tasks only
    _create(world, actor=world["engineer"], assignee=world["pm"])   # engineers edit
    _create(world, actor=world["manager"])                           # so do its managers


@pytest.mark.parametrize("fields, field, words", [
    ({"title": "  "}, "title", "required"),
    ({"title": "长" * 201}, "title", "200"),
    ({"due_date": TODAY - timedelta(days=1)}, "due_date", "past"),
    ({"priority": "whenever"}, "priority", "priority"),
])
def test_bad_input_is_refused_with_a_clear_message(world, fields, field, words):
    with pytest.raises(ServiceError) as refusal:
        _create(world, **fields)
    db.session.rollback()
    assert refusal.value.field == field and words in str(refusal.value.message)
    assert _count(Task) == 2 and _count(Notification) == 0


def test_due_today_is_allowed(world):
    assert _create(world, due_date=TODAY).due_date == TODAY


def test_the_assignee_must_see_the_project(world):
    with pytest.raises(ServiceError) as refusal:
        _create(world, assignee=world["outsider"])
    assert refusal.value.field == "assignee_id" and "外人" in str(refusal.value.message)
    db.session.rollback()
    assert _count(Notification) == 0
    task = _create(world, assignee=world["manager"])     # the department head sees it
    assert task.assignee_id == world["manager"].id


def test_a_milestone_of_another_project_is_refused_and_one_of_its_own_sets_the_stage(world):
    other = make_project(world["pm"], pm=world["pm"], start=TODAY)
    foreign = db.session.scalar(select(Milestone).where(Milestone.project_id == other.id))
    with pytest.raises(ServiceError) as refusal:
        _create(world, milestone=foreign)
    assert refusal.value.field == "milestone_id"
    db.session.rollback()
    own = db.session.scalar(select(Milestone).where(
        Milestone.project_id == world["project"].id))
    task = _create(world, milestone=own)
    assert (task.milestone_id, task.stage_id) == (own.id, own.stage_id)


def test_a_closed_project_takes_no_tasks(world):
    world["project"].status = "lost"
    db.session.commit()
    with pytest.raises(ServiceError):
        _create(world)


def test_done_records_who_and_when_and_tells_the_creator(world):
    task = _create(world)
    services.set_status(world["engineer"], task, "in_progress")
    services.set_status(world["engineer"], task, "done")
    db.session.commit()
    assert task.done_by_id == world["engineer"].id and task.done_dt is not None
    [note] = _notifications(world["pm"], "task_done")
    assert note.params["actor"] == "工程师"
    assert [e.kind for e in queries.history(task)] == ["created", "started", "done"]
    services.set_status(world["pm"], task, "open")          # reopened
    db.session.commit()
    assert task.done_dt is None and task.done_by_id is None
    assert queries.history(task)[-1].kind == "reopened"


def test_cancelling_needs_a_reason_and_an_editor(world):
    task = _create(world)
    with pytest.raises(ServiceError) as refusal:
        services.set_status(world["pm"], task, "cancelled", "  ")
    assert refusal.value.field == "reason"
    with pytest.raises(ServiceError):      # the assignee alone may not cancel … observer neither
        services.set_status(world["observer"], task, "cancelled", "不需要了")
    services.set_status(world["pm"], task, "cancelled", "客户取消了该需求")
    db.session.commit()
    assert task.cancel_reason == "客户取消了该需求"
    [note] = _notifications(world["engineer"], "task_cancelled")
    assert note.params["reason"] == "客户取消了该需求"
    event = queries.history(task)[-1]
    with db.session.no_autoflush:
        assert "客户取消了该需求" in describe(event)


def test_the_assignee_progresses_but_does_not_edit(world):
    task = _create(world, actor=world["pm"], assignee=world["observer"])
    assert TP.can_progress(world["observer"], task) and not TP.can_edit(world["observer"], task)
    services.set_status(world["observer"], task, "done")
    with pytest.raises(ServiceError):
        services.update_task(world["observer"], task, title="改名", description=None,
                             due_date=DUE, priority="normal", today=TODAY)


def test_reassigning_notifies_the_new_assignee_and_is_recorded(world):
    task = _create(world)
    with pytest.raises(ServiceError):
        services.reassign_task(world["pm"], task, world["outsider"])
    with pytest.raises(ServiceError):
        services.reassign_task(world["pm"], task, world["engineer"])   # already theirs
    services.reassign_task(world["pm"], task, world["manager"])
    db.session.commit()
    assert task.assignee_id == world["manager"].id
    assert len(_notifications(world["manager"], "task_assigned")) == 1
    event = queries.history(task)[-1]
    assert (event.kind, event.params["assignee_from"], event.params["assignee_to"]) == (
        "reassigned", "工程师", "经理")


def test_editing_keeps_an_old_due_date_but_refuses_a_new_past_one(world):
    task = _create(world)
    later = DUE + timedelta(days=30)
    services.update_task(world["pm"], task, title="现场勘察（复勘）", description="",
                         due_date=DUE, priority="urgent", today=later,
                         assignee=world["engineer"])
    db.session.commit()
    with pytest.raises(ServiceError) as refusal:
        services.update_task(world["pm"], task, title="x", description="",
                             due_date=DUE + timedelta(days=1), priority="urgent", today=later,
                             assignee=world["engineer"])
    assert refusal.value.field == "due_date"
    db.session.rollback()
    kinds = [e.kind for e in db.session.scalars(select(TaskEvent).where(
        TaskEvent.task_id == task.id))]
    assert kinds == ["created", "edited"]
    assert task.title == "现场勘察（复勘）" and task.priority == "urgent"


def test_template_key_tasks_follow_the_same_rules(world):
    key = db.session.scalar(select(Task).where(Task.project_id == world["project"].id,
                                               Task.source == "template"))
    assert TP.can_edit(world["engineer"], key) and not TP.can_edit(world["outsider"], key)
    services.update_task(world["pm"], key, title=key.title, description="按模板执行",
                         due_date=key.due_date, priority="normal", today=TODAY,
                         assignee=world["engineer"], stage=key.stage)
    db.session.commit()
    assert key.assignee_id == world["engineer"].id
    assert len(_notifications(world["engineer"], "task_assigned")) == 1


def test_standalone_tasks_are_seen_by_creator_assignee_and_the_assignees_managers(world):
    task = services.create_task(world["outsider"], title="整理报销单", assignee=world["engineer"],
                                due_date=DUE, today=TODAY)
    mine = services.create_task(world["outsider"], title="自己的事", today=TODAY)
    db.session.commit()
    assert mine.assignee_id == world["outsider"].id     # nobody named: mine
    seen = {name: TP.can_view(world[name], task) for name in
            ("outsider", "engineer", "manager", "pm", "observer")}
    assert seen == {"outsider": True, "engineer": True, "manager": True, "pm": False,
                    "observer": False}
    for name, expected in seen.items():
        found = db.session.scalars(select(Task.id).where(
            Task.id == task.id, TP.visible_filter(world[name]))).all()
        assert bool(found) is expected, name
    assert TP.can_edit(world["outsider"], task) and not TP.can_edit(world["engineer"], task)
    assert TP.can_progress(world["engineer"], task)


def test_my_tasks_hide_a_project_i_no_longer_see(world):
    task = _create(world)
    assert db.session.scalars(queries.my_tasks(world["engineer"], "open", TODAY)).unique().all() \
        == [task]
    world["project"].members = [m for m in world["project"].members
                                if m.user_id != world["engineer"].id]
    db.session.commit()
    assert db.session.scalars(queries.my_tasks(world["engineer"], "all", TODAY)).all() == []


def test_list_filters(world):
    late = _create(world, title="逾期", due_date=TODAY)
    week = _create(world, title="本周", due_date=TODAY + timedelta(days=3))
    later = _create(world, title="以后", due_date=TODAY + timedelta(days=20))
    done = _create(world, title="完成")
    services.set_status(world["engineer"], done, "done")
    db.session.commit()
    today = TODAY + timedelta(days=1)   # Tuesday: "late" is overdue, "week" due Thursday

    def titles(status):
        return [t.title for t in db.session.scalars(
            queries.my_tasks(world["engineer"], status, today)).unique()]
    assert titles("overdue") == ["逾期"]
    assert titles("week") == ["逾期", "本周"]
    assert titles("open") == ["逾期", "本周", "以后"]
    assert titles("done") == ["完成"]
    assert late.id and week.id and later.id
