"""Forum and tasks under two clicks and two editors: a reply or a thread sent twice
from one rendered form is posted once (two rendered forms post two); a task saved
from a form opened before someone else's save is refused and writes nothing."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from sicrm.extensions import db
from sicrm.forum.models import Post, Thread
from sicrm.forum.services import posts
from sicrm.forum.tasks import services as task_services
from sicrm.projects.models import Task
from tests.fixtures.forms import rendered
from tests.forum.board_world import bw  # noqa: F401  (fixture)
from tests.forum.task_world import build

STALE = "Someone else changed this record after you opened the form"


def _count(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_a_reply_sent_twice_is_posted_once(bw, login_as):
    thread = posts.create_thread(bw.pm, bw.project_board, title="割接方案", body="请评审")
    db.session.commit()
    member = login_as(bw.member)
    form = rendered(member, f"/forum/threads/{thread.id}")
    url = f"/forum/threads/{thread.id}/reply"
    first = member.post(url, data={"body": "同意", **form})
    second = member.post(url, data={"body": "同意", **form})
    assert first.status_code == second.status_code == 302
    assert second.location == first.location
    assert _count(Post, Post.thread_id == thread.id) == 2  # the first post and one reply
    again = member.post(url, data={"body": "同意", **rendered(member,
                                                                 f"/forum/threads/{thread.id}")})
    assert again.status_code == 302
    assert _count(Post, Post.thread_id == thread.id) == 3


def test_a_thread_sent_twice_is_started_once(bw, login_as):
    client = login_as(bw.pm)
    url = f"/forum/boards/{bw.project_board.id}/threads/new"
    form = rendered(client, url)
    for _ in range(2):
        assert client.post(url, data={"title": "周报", "body": "本周进展", **form}) \
            .status_code == 302
    assert _count(Thread, Thread.title == "周报") == 1


@pytest.fixture
def world(db):
    return build()


def test_a_stale_task_save_is_refused_and_writes_nothing(world, login_as):
    task = task_services.create_task(world["pm"], title="现场勘察", assignee=world["engineer"],
                                     due_date=date.today() + timedelta(days=3),
                                     priority="normal", project=world["project"])
    db.session.commit()
    url = f"/forum/tasks/{task.id}/edit"
    pm, manager = login_as(world["pm"]), login_as(world["manager"])
    pm_form, manager_form = rendered(pm, url), rendered(manager, url)
    data = {"assignee_id": world["engineer"].id, "priority": "normal", "link": "",
            "due_date": (date.today() + timedelta(days=4)).isoformat()}
    assert pm.post(url, data={**data, "title": "现场勘察（PM）", **pm_form}).status_code == 302
    response = manager.post(url, data={**data, "title": "现场勘察（经理）", "priority": "urgent",
                                       **manager_form})
    assert response.status_code == 200 and STALE in response.text
    db.session.refresh(task)
    assert (task.title, task.priority) == ("现场勘察（PM）", "normal")


def test_the_same_task_form_sent_twice_creates_one_task(world, login_as):
    client = login_as(world["pm"])
    url = f"/forum/tasks/new?project_id={world['project'].id}"
    form = rendered(client, url)
    data = {"title": "核对设备清单", "assignee_id": world["engineer"].id, "priority": "urgent",
            "due_date": (date.today() + timedelta(days=5)).isoformat(), "link": "", **form}
    first, second = client.post(url, data=data), client.post(url, data=data)
    assert second.location == first.location
    assert _count(Task, Task.title == "核对设备清单") == 1
