"""The schedule and the discussion board: "Schedule an event" under a post (prefilled
from the post and its thread's project), and the event's link back to the thread,
shown only to who may see the thread's board."""
from __future__ import annotations

from datetime import datetime, timedelta

from flask import abort, g, render_template
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import select

from sicrm.core.markdown import plain_text
from sicrm.extensions import db
from sicrm.forum import permissions as FP
from sicrm.forum.models import Mention, Post
from sicrm.forum.schedule import permissions as SP
from sicrm.forum.schedule import queries, times
from sicrm.forum.schedule.models import TITLE_MAX, ScheduleEvent
from sicrm.forum.urls import post_path

#: how much of the post's text goes into the event's notes
EXCERPT = 1000


def load_post(post_id: int) -> Post:
    post = db.session.get(Post, post_id)
    if post is None or post.is_deleted:
        abort(404)
    return post


def can_use_post(user, post: Post) -> bool:
    return FP.can_view_thread(user, post.thread)


def post_project(post: Post):
    return post.thread.board.project


def prefill(form, post: Post | None, user=None) -> None:
    """Title from the thread, notes from the post, tomorrow 10:00 for an hour; the
    post's author and the users it mentions as attendees (not the one scheduling)."""
    if post is None:
        return
    people = {post.author_id, *db.session.scalars(
        select(Mention.user_id).where(Mention.post_id == post.id))}
    people.discard(None)
    people.discard(getattr(user, "id", None))
    form.user_ids.data = sorted(people)
    thread = post.thread
    form.title.data = thread.title[:TITLE_MAX]
    text = plain_text(post.body or "")
    form.description.data = text[:EXCERPT]
    start = (datetime.now() + timedelta(days=1)).replace(hour=10, minute=0, second=0,
                                                          microsecond=0)
    form.start.data, form.end.data = start, start + timedelta(hours=1)


def source_link(user, event: ScheduleEvent) -> dict | None:
    """The thread the event was made from, when `user` may see it."""
    if event.post_id is None:
        return None
    post = db.session.get(Post, event.post_id)
    if post is None or not FP.can_view_thread(user, post.thread):
        return None
    return {"title": post.thread.title, "number": post.number,
            "url": post_path(post.thread_id, post.number)}


def post_action(user, post: Post) -> Markup | None:
    """The "Schedule an event" button under a post."""
    if post.is_deleted or not getattr(user, "is_authenticated", False):
        return None
    project = post.thread.board.project
    # asked once per thread page, not once per post
    allowed = g.setdefault("_schedule_can_create", {})
    key = (user.id, getattr(project, "id", None))
    if key not in allowed:
        allowed[key] = SP.can_create(user, project)
    if not allowed[key]:
        return None
    return Markup(render_template("schedule/_post_action.html", post=post))


def thread_events_panel(thread) -> Markup:
    """The events made from the thread (the `forum_thread_events` template global)."""
    events = queries.thread_events(current_user, thread.id)
    if not events:
        return Markup("")
    return Markup(render_template("schedule/_thread_events.html", events=events,
                                  kinds=queries.KIND_LABELS, times=times))
