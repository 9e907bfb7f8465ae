"""Tasks made from a thread or a reply: one step, prefilled, linked back both ways,
and nothing shown to who may not see the board."""
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from sicrm.core import roles as R
from sicrm.extensions import db
from sicrm.forum.models import Board
from sicrm.forum.services import posts
from sicrm.forum.tasks.models import TaskLink
from sicrm.projects.models import Milestone, Task
from tests.fixtures.factories import make_user
from tests.forum.task_world import build

DUE = (date.today() + timedelta(days=4)).isoformat()


@pytest.fixture
def world(db):
    world = build()
    board = db.session.scalar(select(Board).where(Board.project_id == world["project"].id))
    milestone = db.session.scalar(select(Milestone).where(
        Milestone.project_id == world["project"].id))
    thread = posts.create_thread(world["pm"], board, title="机柜到货时间确认",
                                 body="**请确认**机柜的到货时间。\n\n第二行", milestone=milestone)
    reply = posts.reply(world["engineer"], thread, body="我去问一下厂家，周三前答复。")
    db.session.commit()
    world.update(board=board, thread=thread, reply=reply, milestone=milestone)
    return world


def test_the_post_action_shows_to_project_editors_only(world, login_as):
    url = f"/forum/threads/{world['thread'].id}"
    page = login_as(world["pm"]).get(url).text
    assert page.count('data-post-action="task"') == 2       # under the thread and the reply
    assert f"post_id={world['reply'].id}" in page
    observer = login_as(world["observer"]).get(url).text    # sees the board, edits nothing
    assert 'data-post-action="task"' not in observer


def test_a_reply_becomes_a_task_in_one_step_with_the_link_kept(world, login_as):
    client = login_as(world["pm"])
    project, reply = world["project"], world["reply"]
    form = client.get(f"/forum/tasks/new?project_id={project.id}&post_id={reply.id}").text
    assert "机柜到货时间确认" in form and "我去问一下厂家" in form
    assert f'<option selected value="milestone:{world["milestone"].id}">' in form
    response = client.post(f"/forum/tasks/new?project_id={project.id}", data={
        "title": "确认机柜到货时间", "description": "> 我去问一下厂家",
        "assignee_id": world["engineer"].id, "priority": "high", "due_date": DUE,
        "link": f"milestone:{world['milestone'].id}", "post_id": reply.id})
    assert response.status_code == 302
    task = db.session.scalar(select(Task).where(Task.title == "确认机柜到货时间"))
    link = db.session.get(TaskLink, task.id)
    assert (link.thread_id, link.post_id, task.source, task.milestone_id) == (
        world["thread"].id, reply.id, "thread", world["milestone"].id)
    page = client.get(f"/forum/tasks/{task.id}").text
    assert 'id="task-thread"' in page and f"#post-{reply.number}" in page
    thread_page = client.get(f"/forum/threads/{world['thread'].id}").text
    assert 'id="thread-tasks"' in thread_page and "确认机柜到货时间" in thread_page


def test_the_thread_link_and_thread_tasks_hide_from_who_cannot_see_them(world, login_as):
    login_as(world["pm"]).post(f"/forum/tasks/new?project_id={world['project'].id}", data={
        "title": "任务甲", "assignee_id": world["engineer"].id, "priority": "normal",
        "due_date": DUE, "link": "", "thread_id": world["thread"].id})
    task = db.session.scalar(select(Task).where(Task.title == "任务甲"))
    assert db.session.get(TaskLink, task.id).post_id is not None   # the opening post
    executive = make_user("ceo", roles=[R.EXECUTIVE])
    db.session.commit()
    assert 'id="task-thread"' in login_as(executive).get(f"/forum/tasks/{task.id}").text
    outsider = login_as(world["outsider"])
    assert outsider.get(f"/forum/tasks/{task.id}").status_code == 403
    assert outsider.get(f"/forum/tasks/new?post_id={world['reply'].id}").status_code == 403


def test_a_thread_of_one_project_makes_no_task_of_another(world, login_as):
    response = login_as(world["pm"]).post("/forum/tasks/new", data={
        "title": "错放的任务", "priority": "normal", "post_id": world["reply"].id,
        "assignee_id": world["pm"].id})
    assert response.status_code == 400
    assert db.session.scalar(select(Task).where(Task.title == "错放的任务")) is None
