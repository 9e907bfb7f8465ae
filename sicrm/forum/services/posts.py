"""Threads and posts: start, reply (quoting), edit with history, soft delete, pin,
lock, solution, attachments. Every refusal is a ServiceError and writes nothing."""
from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from sicrm.core.errors import ServiceError
from sicrm.core.locking import lock_row
from sicrm.core.models import Organization, utcnow
from sicrm.core.services.files import store_file
from sicrm.extensions import db
from sicrm.forum import permissions as P
from sicrm.forum.models import (
    BODY_MAX,
    TITLE_MAX,
    Board,
    Post,
    PostAttachment,
    PostRevision,
    Thread,
)
from sicrm.forum.services import mentions, reading
from sicrm.projects.documents.models import ProjectDocument
from sicrm.projects.models import Milestone, ProjectStage

#: files per post
ATTACHMENTS_MAX = 10

Files = Iterable[tuple[str, BinaryIO]]


def _title(title: str | None) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ServiceError(_l("A title is required."), "title")
    if len(title) > TITLE_MAX:
        raise ServiceError(_l("The title is longer than %(max)d characters.", max=TITLE_MAX),
                           "title")
    return title


def _body(body: str | None) -> str:
    body = (body or "").strip()
    if not body:
        raise ServiceError(_l("The post is empty: write something first."), "body")
    if len(body) > BODY_MAX:
        raise ServiceError(_l("The post is %(length)d characters long; at most %(max)d are "
                              "accepted.", length=len(body), max=BODY_MAX), "body")
    return body


def _check_links(board: Board, stage, milestone, document, organization) -> None:
    """Stages, milestones and documents must belong to the board's project."""
    for obj in (stage, milestone, document):
        if obj is not None and (board.project_id is None or obj.project_id != board.project_id):
            raise ServiceError(_l("A thread can only be linked to a stage, milestone or "
                                  "document of the board's project."), "links")


def _attach(actor, post: Post, files: Files) -> list[PostAttachment]:
    files = list(files or ())
    if len(post.attachments) + len(files) > ATTACHMENTS_MAX:
        raise ServiceError(_l("At most %(max)d files can be attached to a post.",
                              max=ATTACHMENTS_MAX), "files")
    added = []
    for filename, stream in files:
        stored = store_file(actor, stream, filename)
        attachment = PostAttachment(file_id=stored.id, filename=stored.filename,
                                    content_type=stored.content_type, size=stored.size,
                                    sha256=stored.sha256, uploaded_by_id=actor.id,
                                    uploaded_dt=utcnow())
        post.attachments.append(attachment)
        added.append(attachment)
    return added


def _count_on_board(board: Board, *, posts: int = 0, threads: int = 0, active=None) -> None:
    """Board counters move in SQL (posts in other threads and threads started at once
    race) and without the board's row_version: a new post does not make someone's open
    edit of the board's name stale."""
    values = {}
    if posts:
        values["post_count"] = Board.post_count + posts
    if threads:
        values["thread_count"] = Board.thread_count + threads
    if active is not None:
        values["last_activity_dt"] = active
    if values:
        db.session.execute(update(Board).where(Board.id == board.id).values(**values)
                           .execution_options(synchronize_session="fetch"))


def _add_post(actor, thread: Thread, body: str, quoted: Post | None, files: Files) -> Post:
    now = utcnow()
    targets = mentions.resolve(body, thread.board)
    if thread.id is not None:  # replies at the same moment queue here (core.locking)
        lock_row(Thread, thread)
    post = Post(thread=thread, number=thread.last_number + 1, author_id=actor.id, body=body,
                quoted_post_id=quoted.id if quoted is not None else None, created_dt=now)
    db.session.add(post)
    _attach(actor, post, files)
    thread.last_number = post.number
    thread.post_count += 1
    thread.last_activity_dt = now
    thread.last_author_id = actor.id
    _count_on_board(thread.board, posts=1, active=now)
    db.session.flush()
    mentioned = mentions.record(post, targets)
    mentions.notify_new_post(actor, post, already=mentioned)
    reading.mark_read(actor, thread, post.number)
    return post


def create_thread(actor, board: Board, *, title: str, body: str, files: Files = (),
                  stage: ProjectStage | None = None, milestone: Milestone | None = None,
                  document: ProjectDocument | None = None,
                  organization: Organization | None = None) -> Thread:
    if not P.can_view_board(actor, board):
        raise ServiceError(_l("You may not post to this board."))
    if board.archived:
        raise ServiceError(_l("This board is archived: no new threads can be started."))
    title, body = _title(title), _body(body)
    _check_links(board, stage, milestone, document, organization)
    mentions.resolve(body, board)  # refuse bad mentions before anything is written
    now = utcnow()
    thread = Thread(board=board, title=title, author_id=actor.id, created_dt=now,
                    last_activity_dt=now, last_author_id=actor.id, post_count=0,
                    last_number=0, pinned=False, locked=False,
                    stage_id=stage.id if stage else None,
                    milestone_id=milestone.id if milestone else None,
                    document_id=document.id if document else None,
                    organization_id=organization.id if organization else None)
    db.session.add(thread)
    _count_on_board(board, threads=1)
    db.session.flush()
    _add_post(actor, thread, body, None, files)
    _watch_thread(actor, thread)
    return thread


def reply(actor, thread: Thread, *, body: str, quoted: Post | None = None,
          files: Files = ()) -> Post:
    if not P.can_view_thread(actor, thread):
        raise ServiceError(_l("You may not post to this board."))
    if thread.locked:
        raise ServiceError(_l("This thread is locked: no more replies."))
    if thread.board.archived:
        raise ServiceError(_l("This board is archived: no more replies."))
    if thread.deleted_dt is not None:
        raise ServiceError(_l("This thread was deleted."))
    body = _body(body)
    if quoted is not None and (quoted.thread_id != thread.id or quoted.is_deleted):
        raise ServiceError(_l("Only a post of this thread can be quoted."), "quoted")
    post = _add_post(actor, thread, body, quoted, files)
    _watch_thread(actor, thread)
    return post


def _watch_thread(actor, thread: Thread) -> None:
    """Whoever writes in a thread watches it (they can stop)."""
    if not reading.watching(actor, thread):
        reading.watch(actor, thread=thread)


def edit_post(actor, post: Post, *, body: str, title: str | None = None,
              files: Files = ()) -> Post:
    """Keep the text it replaces as a revision; notify users newly mentioned."""
    if not P.can_edit_post(actor, post):
        raise ServiceError(_l("You may not edit this post."))
    body = _body(body)
    thread = post.thread
    new_title = _title(title) if post.number == 1 and title is not None else None
    changed = body != post.body or (new_title is not None and new_title != thread.title)
    targets = mentions.resolve(body, thread.board)
    if changed:
        lock_row(Post, post)
        number = len(post.revisions) + 1
        post.revisions.append(PostRevision(
            number=number, body=post.body, title=thread.title if post.number == 1 else None,
            written_by_id=post.edited_by_id or post.author_id,
            written_dt=post.edited_dt or post.created_dt, edited_by_id=actor.id,
            edited_dt=utcnow()))
        post.body = body
        if new_title is not None:
            thread.title = new_title
        post.edited_dt = utcnow()
        post.edited_by_id = actor.id
    _attach(actor, post, files)
    db.session.flush()
    mentions.record(post, targets, notify_new=True, actor=actor)
    return post


def delete_post(actor, post: Post) -> Post:
    """Soft delete, recorded (who, when); the opening post takes its thread along."""
    if not P.can_delete_post(actor, post):
        raise ServiceError(_l("You may not delete this post."))
    now = utcnow()
    post.deleted_dt, post.deleted_by_id = now, actor.id
    thread, board = post.thread, post.thread.board
    thread.post_count -= 1
    _count_on_board(board, posts=-1)
    if thread.solution_post_id == post.id:
        thread.solution_post_id = None
    if post.number == 1:
        thread.deleted_dt, thread.deleted_by_id = now, actor.id
        _count_on_board(board, threads=-1, posts=-thread.post_count)
    db.session.flush()
    return post


def set_pinned(actor, thread: Thread, pinned: bool) -> Thread:
    if not P.can_moderate_thread(actor, thread):
        raise ServiceError(_l("Only the board's moderators can pin or lock threads."))
    thread.pinned = pinned
    db.session.flush()
    return thread


def set_locked(actor, thread: Thread, locked: bool) -> Thread:
    if not P.can_moderate_thread(actor, thread):
        raise ServiceError(_l("Only the board's moderators can pin or lock threads."))
    thread.locked = locked
    db.session.flush()
    return thread


def set_solution(actor, thread: Thread, post: Post | None) -> Thread:
    """Mark a reply as the solution (None: unmark)."""
    if not P.can_mark_solution(actor, thread):
        raise ServiceError(_l("Only the thread's author or a moderator can mark the "
                              "solution."))
    if post is not None and (post.thread_id != thread.id or post.is_deleted
                             or post.number == 1):
        raise ServiceError(_l("Only a reply of this thread can be the solution."))
    thread.solution_post_id = post.id if post is not None else None
    db.session.flush()
    return thread


def get_post(thread: Thread, number: int) -> Post | None:
    return db.session.scalar(select(Post).where(Post.thread_id == thread.id,
                                                Post.number == number))
