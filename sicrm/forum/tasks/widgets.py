"""The home page's "My tasks" widget, the "create a task" action under a post and a
thread's tasks (the `forum_thread_tasks` template global)."""
from __future__ import annotations

from datetime import date

from flask import render_template
from markupsafe import Markup

from sicrm.extensions import db
from sicrm.forum.tasks import choices, links, queries

SHOWN = 8


def my_tasks(user) -> Markup | None:
    """My open tasks overdue or due within a week (one query)."""
    today = date.today()
    found = db.session.scalars(queries.widget_tasks(user, today)).unique().all()
    overdue = [t for t in found if t.due_date < today]
    soon = [t for t in found if t.due_date >= today]
    return Markup(render_template(
        "tasks/_widget.html", overdue=overdue[:SHOWN], soon=soon[:SHOWN],
        overdue_count=len(overdue), soon_count=len(soon), today=today,
        days=queries.SOON_DAYS, priorities=choices.PRIORITY_LABELS,
        priority_classes=choices.PRIORITY_CLASSES))


def post_action(user, post) -> Markup | None:
    """A "Create a task" link under a post, for whoever may create one there."""
    if not links.can_make_task(user, post):
        return None
    return Markup(render_template("tasks/_post_action.html", post=post))


def thread_tasks(thread) -> Markup:
    """The tasks made from `thread` that the current user may see."""
    return links.thread_tasks_panel(thread)
