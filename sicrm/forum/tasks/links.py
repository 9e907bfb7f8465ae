"""Tasks made from a discussion: the prefill from a thread or one of its replies, the
link kept back (TaskLink), the thread shown on the task page (only to who may see its
board) and the tasks made from a thread (shown on the thread page)."""
from __future__ import annotations

from dataclasses import dataclass

from flask import abort, g, render_template
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from sicrm.core.markdown import plain_text
from sicrm.extensions import db
from sicrm.forum import permissions as FP
from sicrm.forum.models import Post, Thread
from sicrm.forum.tasks import choices
from sicrm.forum.tasks import permissions as TP
from sicrm.forum.tasks.models import TaskLink
from sicrm.forum.tasks.services import TITLE_MAX, record_event
from sicrm.forum.urls import post_path, thread_path
from sicrm.projects.models import Task

#: how much of the post's text goes into the task's description
EXCERPT = 1000


@dataclass
class Source:
    thread: Thread
    post: Post | None
    title: str
    description: str

    @property
    def project(self):
        return self.thread.board.project

    @property
    def link_value(self) -> str:
        """The task form's stage-or-milestone choice from the thread's own link."""
        if self.thread.milestone_id:
            return f"milestone:{self.thread.milestone_id}"
        if self.thread.stage_id:
            return f"stage:{self.thread.stage_id}"
        return ""


def source_from(user, thread_id: int | None, post_id: int | None) -> Source | None:
    """The thread (and post) a task is being made from: 404 when missing or deleted,
    403 when `user` may not see the thread."""
    if not thread_id and not post_id:
        return None
    post = db.session.get(Post, post_id) if post_id else None
    if post_id and (post is None or post.is_deleted):
        abort(404)
    thread = post.thread if post is not None else db.session.get(Thread, thread_id)
    if thread is None or thread.deleted_dt is not None or (
            thread_id and thread.id != thread_id):
        abort(404)
    if not FP.can_view_thread(user, thread):
        abort(403)
    if post is None:
        post = db.session.scalar(select(Post).where(Post.thread_id == thread.id,
                                                    Post.number == 1))
    text = plain_text(post.body or "") if post is not None else ""
    if len(text) > EXCERPT:
        text = text[:EXCERPT].rstrip() + "…"
    author = post.author.full_name if post is not None and post.author else "—"
    where = f"#{post.number}" if post is not None else ""
    quote = "\n".join(f"> {line}" for line in text.splitlines()) if text else ""
    description = f"{quote}\n\n— {author} {where}".strip()
    return Source(thread=thread, post=post, title=thread.title[:TITLE_MAX],
                  description=description)


def link_task(actor, task: Task, source: Source) -> TaskLink:
    """Keep the link from `task` back to the thread and post it was made from."""
    link = TaskLink(task_id=task.id, thread_id=source.thread.id,
                    post_id=source.post.id if source.post is not None else None)
    db.session.add(link)
    record_event(task, "linked", actor, thread=source.thread.title,
            post=source.post.number if source.post is not None else None)
    db.session.flush()
    return link


def thread_for(user, task: Task) -> dict | None:
    """The discussion `task` was made from, when `user` may see it."""
    link = db.session.get(TaskLink, task.id)
    if link is None or not FP.can_view_thread(user, link.thread):
        return None
    post = link.post
    number = post.number if post is not None and not post.is_deleted else None
    return {"title": link.thread.title, "post_number": number,
            "url": post_path(link.thread_id, number) if number
            else thread_path(link.thread_id)}


def can_make_task(user, post: Post) -> bool:
    """Under a post: whoever sees the thread and may add a task there (to the board's
    project; on a company or department board, a standalone task). Asked once per
    thread page and project."""
    if post.is_deleted or not getattr(user, "is_authenticated", False):
        return False
    board = post.thread.board
    allowed = g.setdefault("_tasks_can_create", {})
    key = (user.id, board.id)
    if key not in allowed:
        allowed[key] = (FP.can_view_board(user, board)
                        and TP.can_create_in(user, board.project))
    return allowed[key]


def thread_tasks(user, thread: Thread) -> list[Task]:
    """Tasks made from `thread` that `user` may see (one query)."""
    return list(db.session.scalars(
        select(Task).join(TaskLink, TaskLink.task_id == Task.id)
        .where(TaskLink.thread_id == thread.id, TP.visible_filter(user))
        .options(joinedload(Task.assignee)).order_by(Task.id)).unique())


def thread_tasks_panel(thread: Thread) -> Markup:
    tasks = thread_tasks(current_user, thread)
    if not tasks:
        return Markup("")
    return Markup(render_template("tasks/_thread_tasks.html", tasks=tasks,
                                  statuses=choices.STATUS_LABELS))
