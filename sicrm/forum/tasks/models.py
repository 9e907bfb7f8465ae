"""The link from a task to the discussion it was made from. Kept in the forum (the
projects package, which owns Task, never points at the forum)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sicrm.core.models import utcnow
from sicrm.extensions import db
from sicrm.forum.models import Post, Thread
from sicrm.projects.models import Task


class TaskLink(db.Model):
    """Task `task_id` was made from thread `thread_id` (from its post `post_id`, the
    opening post or a reply)."""

    __tablename__ = "forum_task_links"

    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"),
                                         primary_key=True)
    thread_id: Mapped[int] = mapped_column(
        ForeignKey("forum_threads.id", ondelete="CASCADE"), index=True)
    post_id: Mapped[int | None] = mapped_column(ForeignKey("forum_posts.id",
                                                           ondelete="SET NULL"))
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    task: Mapped[Task] = relationship()
    thread: Mapped[Thread] = relationship()
    post: Mapped[Post | None] = relationship()
