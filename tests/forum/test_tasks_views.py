from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from sicrm.core.models import Notification
from sicrm.extensions import db
from sicrm.forum.tasks import services
from sicrm.projects.models import Task
from tests.fixtures.factories import make_user
from tests.fixtures.projects import make_project
from tests.fixtures.queries import count_queries
from tests.forum.task_world import build

TODAY = date.today()


@pytest.fixture
def world(db):
    return build()


def _task(world, title="现场勘察", due=None, assignee="engineer", project=True, actor="pm"):
    task = services.create_task(world[actor], title=title, assignee=world[assignee],
                                due_date=due or TODAY + timedelta(days=3), priority="normal",
                                project=world["project"] if project else None)
    db.session.commit()
    return task


def _count(model=Task):
    return db.session.scalar(select(func.count()).select_from(model))


def test_creating_a_project_task_through_the_form(world, login_as):
    client = login_as(world["pm"])
    page = client.get(f"/forum/tasks/new?project_id={world['project'].id}")
    assert page.status_code == 200 and "工程师" in page.text
    before = _count()
    response = client.post(f"/forum/tasks/new?project_id={world['project'].id}", data={
        "title": "核对设备清单", "assignee_id": world["engineer"].id, "priority": "urgent",
        "due_date": (TODAY + timedelta(days=5)).isoformat(), "link": ""})
    assert response.status_code == 302
    task = db.session.scalar(select(Task).where(Task.title == "核对设备清单"))
    assert response.location.endswith(f"/forum/tasks/{task.id}")
    assert (task.project_id, task.assignee_id, task.priority) == (
        world["project"].id, world["engineer"].id, "urgent")
    assert _count() == before + 1
    assert db.session.scalar(select(Notification.kind).where(
        Notification.user_id == world["engineer"].id)) == "task_assigned"


@pytest.mark.parametrize("data, message", [
    ({"title": "x", "due_date": "2000-01-03"}, "in the past"),
    ({"title": ""}, "required"),
    ({"title": "x", "assignee_id": "outsider"}, "cannot see this project"),
])
def test_bad_input_shows_a_message_and_creates_nothing(world, login_as, data, message):
    if data.get("assignee_id") == "outsider":
        data = {**data, "assignee_id": world["outsider"].id}
        world["project"]  # the outsider is not offered; a forged id is refused by the service
    client = login_as(world["pm"])
    before = _count()
    response = client.post(f"/forum/tasks/new?project_id={world['project'].id}",
                           data={"priority": "normal", **data})
    assert response.status_code == 200
    assert _count() == before
    if message == "cannot see this project":
        assert "Not a valid choice" in response.text or message in response.text
    else:
        assert message in response.text


def test_a_standalone_task_and_my_tasks(world, login_as):
    client = login_as(world["outsider"])
    response = client.post("/forum/tasks/new", data={
        "title": "整理名片", "assignee_id": world["outsider"].id, "priority": "low"})
    assert response.status_code == 302
    task = db.session.scalar(select(Task).where(Task.title == "整理名片"))
    assert task.project_id is None and task.created_by_id == world["outsider"].id
    page = client.get("/forum/tasks/")
    assert "整理名片" in page.text
    assert login_as(world["pm"]).get(f"/forum/tasks/{task.id}").status_code == 403


def test_my_tasks_filters_and_pages(world, login_as, app):
    late = services.create_task(world["pm"], title="逾期的任务", assignee=world["engineer"],
                                due_date=TODAY - timedelta(days=2), project=world["project"],
                                today=TODAY - timedelta(days=5))
    _task(world, "下周的任务", due=TODAY + timedelta(days=9))
    db.session.commit()
    client = login_as(world["engineer"])
    overdue = client.get("/forum/tasks/?status=overdue").text
    assert "逾期的任务" in overdue and "下周的任务" not in overdue
    done = client.get("/forum/tasks/?status=done").text
    assert "逾期的任务" not in done
    app.config["SICRM_PAGE_SIZE"], size = 1, app.config["SICRM_PAGE_SIZE"]
    try:
        first = client.get("/forum/tasks/?status=open").text
        assert "逾期的任务" in first and "下周的任务" not in first and "page=2" in first
    finally:
        app.config["SICRM_PAGE_SIZE"] = size
    assert late.id


def test_team_tasks_for_the_manager_only(world, login_as):
    _task(world, "工程师的任务")
    services.create_task(world["outsider"], title="外部门的事", today=TODAY)
    db.session.commit()
    page = login_as(world["manager"]).get("/forum/tasks/team").text
    assert "工程师的任务" in page and "外部门的事" not in page
    assert login_as(world["engineer"]).get("/forum/tasks/team").status_code == 403


def test_the_project_tab_and_page(world, login_as):
    _task(world, "项目里的任务")
    client = login_as(world["observer"])
    fragment = client.get(f"/forum/projects/{world['project'].id}/tasks?partial=1").text
    assert "项目里的任务" in fragment and "<html" not in fragment
    assert "project-new-task" not in fragment            # observers do not add tasks
    assert "project-new-task" in login_as(world["pm"]).get(
        f"/forum/projects/{world['project'].id}/tasks").text
    assert login_as(world["outsider"]).get(
        f"/forum/projects/{world['project'].id}/tasks").status_code == 403
    view = login_as(world["pm"]).get(f"/projects/{world['project'].id}").text
    assert f"/forum/projects/{world['project'].id}/tasks" in view


def test_status_changes_through_the_task_page(world, login_as):
    task = _task(world, assignee="observer")
    observer = login_as(world["observer"])
    page = observer.get(f"/forum/tasks/{task.id}").text
    assert "task-done" in page and "task-cancel-form" not in page
    assert observer.post(f"/forum/tasks/{task.id}/status",
                         data={"status": "cancelled", "reason": "不做了"}).status_code == 403
    assert observer.post(f"/forum/tasks/{task.id}/status",
                         data={"status": "done"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Task, task.id).status == "done"
    history = login_as(world["pm"]).get(f"/forum/tasks/{task.id}").text
    assert "Marked the task done" in history or "标记" in history or "完成" in history
    refused = login_as(world["pm"]).post(f"/forum/tasks/{task.id}/status",
                                         data={"status": "cancelled", "reason": ""})
    assert refused.status_code == 302
    db.session.expire_all()
    assert db.session.get(Task, task.id).status == "done"


def test_reassigning_from_the_task_page(world, login_as):
    task = _task(world)
    response = login_as(world["pm"]).post(f"/forum/tasks/{task.id}/assign",
                                          data={"assignee_id": world["observer"].id})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Task, task.id).assignee_id == world["observer"].id


def test_home_page_widget_shows_overdue_and_soon_tasks_only_of_visible_projects(world,
                                                                                login_as):
    _task(world, "明天到期", due=TODAY + timedelta(days=1))
    _task(world, "一个月后", due=TODAY + timedelta(days=30))
    services.create_task(world["pm"], title="已逾期", assignee=world["engineer"],
                         due_date=TODAY - timedelta(days=1), project=world["project"],
                         today=TODAY - timedelta(days=3))
    db.session.commit()
    home = login_as(world["engineer"]).get("/").text
    widget = home[home.index('id="widget-my-tasks"'):]
    assert "明天到期" in widget and "已逾期" in widget and "一个月后" not in widget
    world["project"].members = [m for m in world["project"].members
                                if m.user_id != world["engineer"].id]
    db.session.commit()
    home = login_as(world["engineer"]).get("/").text
    assert "明天到期" not in home


def _queries(client, url):
    client.get(url)
    with count_queries(db.engine) as counter:
        assert client.get(url).status_code == 200
    return counter.count


def test_task_lists_do_not_grow_in_queries(world, login_as):
    _task(world, "一")
    small = {
        "mine": _queries(login_as(world["engineer"]), "/forum/tasks/?status=all"),
        "team": _queries(login_as(world["manager"]), "/forum/tasks/team?status=all"),
        "project": _queries(login_as(world["pm"]),
                            f"/forum/projects/{world['project'].id}/tasks"),
        "home": _queries(login_as(world["engineer"]), "/"),
    }
    other = make_project(world["pm"], pm=world["pm"], department=world["delivery"],
                         team=[(world["engineer"], "engineer")])
    for number in range(12):
        helper = make_user(f"helper{number}", department=world["delivery"])
        services.create_task(world["pm"], title=f"任务{number}", assignee=world["engineer"],
                             due_date=TODAY + timedelta(days=number % 5),
                             project=other if number % 2 else world["project"],
                             milestone=None)
        services.create_task(helper, title=f"个人{number}", assignee=helper, today=TODAY)
    db.session.commit()
    big = {
        "mine": _queries(login_as(world["engineer"]), "/forum/tasks/?status=all"),
        "team": _queries(login_as(world["manager"]), "/forum/tasks/team?status=all"),
        "project": _queries(login_as(world["pm"]),
                            f"/forum/projects/{world['project'].id}/tasks"),
        "home": _queries(login_as(world["engineer"]), "/"),
    }
    assert big == small
