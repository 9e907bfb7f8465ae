"""Demo tasks (called by `sicrm demo` after the demo projects and the forum's demo):
project tasks of the video surveillance presales project (one already overdue, so the
home-page widget shows both kinds), one of the implementation project, a standalone
one, and a task made from the project board's first thread when the forum's demo
made one. Idempotent: tasks are matched by title."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from sicrm.core.calendar import WorkCalendar
from sicrm.core.models import User
from sicrm.extensions import db
from sicrm.forum import permissions as FP
from sicrm.forum.models import Board, Post, Thread
from sicrm.forum.tasks import links, services
from sicrm.projects.models import Project, Task

VIDEO = "视频监控联网共享平台建设项目"
CLOUD = "云资源池扩容项目"

#: (title, project name or None, creator, assignee, working days from today (negative:
#:  overdue), priority, description)
TASKS = [
    ("整理联网共享平台演示脚本", VIDEO, "sales", "presales", 3, "high",
     "按客户关心的三个场景（案件回溯、跨区调阅、权限审计）准备演示脚本和数据。"),
    ("朝阳分局前端点位现场勘察", VIDEO, "sales", "engineer", 5, "normal",
     "核对 120 个点位的供电、光纤与立杆条件，拍照记录。"),
    ("核对摄像机点位清单", VIDEO, "sales", "engineer", -2, "urgent",
     "客户提供的点位表与现场有出入，需逐一核对后回复。"),
    ("服务器上架与加电测试", CLOUD, "pm", "pm", 4, "normal", None),
    ("整理本月客户拜访纪要", None, "sales", "sales", 2, "low", None),
]


def load_demo_tasks(today: date | None = None) -> int:
    users = {u.username: u for u in db.session.scalars(select(User))}
    calendar = WorkCalendar()
    today = today or date.today()
    added = 0
    for title, project_name, creator, assignee, ahead, priority, description in TASKS:
        if db.session.scalar(select(Task.id).where(Task.title == title)):
            continue
        project = None
        if project_name is not None:
            project = db.session.scalar(select(Project).where(
                Project.name == project_name, Project.status.in_(("active", "accepted")))
                .order_by(Project.id.desc()))
            if project is None:
                continue
        if creator not in users or assignee not in users:
            continue
        due = calendar.add_workdays(today, ahead)
        services.create_task(users[creator], title=title, description=description,
                             assignee=users[assignee], due_date=due, priority=priority,
                             project=project, today=min(today, due))
        added += 1
    added += _from_a_thread(users, calendar, today)
    db.session.flush()
    return added


def _from_a_thread(users, calendar, today) -> int:
    """A task from the last post of the first thread on the video project's board."""
    project = db.session.scalar(select(Project).where(Project.name == VIDEO))
    if project is None or "sales" not in users or "engineer" not in users:
        return 0
    thread = db.session.scalar(
        select(Thread).join(Board, Board.id == Thread.board_id)
        .where(Board.project_id == project.id, Thread.deleted_dt.is_(None))
        .order_by(Thread.id))
    if thread is None or not FP.can_view_thread(users["sales"], thread):
        return 0
    post = db.session.scalar(select(Post).where(Post.thread_id == thread.id,
                                                Post.deleted_dt.is_(None))
                             .order_by(Post.number.desc()))
    source = links.source_from(users["sales"], thread.id, post.id if post else None)
    title = f"跟进：{source.title}"[:services.TITLE_MAX]
    if db.session.scalar(select(Task.id).where(Task.title == title)):
        return 0
    task = services.create_task(
        users["sales"], title=title, description=source.description,
        assignee=users["engineer"], due_date=calendar.add_workdays(today, 4),
        priority="high", project=project, source="thread", today=today)
    links.link_task(users["sales"], task, source)
    return 1
