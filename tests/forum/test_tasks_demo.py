"""The demo tasks load once, after the demo projects, each visible to its assignee."""
from datetime import date

from sqlalchemy import select

from sicrm.core.demo import load_demo
from sicrm.core.models import User
from sicrm.extensions import db as _db
from sicrm.forum.models import Board
from sicrm.forum.services import posts
from sicrm.forum.tasks import permissions as TP
from sicrm.forum.tasks.demo import TASKS, VIDEO, load_demo_tasks
from sicrm.forum.tasks.models import TaskLink
from sicrm.projects.models import Project, Task
from sicrm.templates_lib.builtin import seed_builtin_templates
from sicrm.workflow.demo import load_demo_projects


def test_demo_tasks_are_idempotent_visible_to_their_assignee_and_one_comes_from_a_thread(db):
    assert load_demo_tasks() == 0  # no demo company yet
    load_demo()
    seed_builtin_templates()
    load_demo_projects()
    users = {u.username: u for u in _db.session.scalars(select(User))}
    video = _db.session.scalar(select(Project).where(Project.name == VIDEO))
    board = _db.session.scalar(select(Board).where(Board.project_id == video.id))
    posts.create_thread(users["sales"], board, title="前端点位供电方案", body="请 @engineer 看一下")
    today = date(2026, 3, 12)
    assert load_demo_tasks(today) == len(TASKS) + 1
    assert load_demo_tasks(today) == 0
    made = _db.session.scalars(select(Task).where(Task.source.in_(("manual", "thread")))).all()
    assert all(TP.can_view(t.assignee, t) for t in made)
    assert any(t.due_date < today for t in made)            # the widget shows an overdue one
    linked = _db.session.scalar(select(TaskLink))
    assert linked.task.title == "跟进：前端点位供电方案"
    assert linked.task.assignee.username == "engineer"
