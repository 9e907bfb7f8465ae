"""Who sees and does what on the discussion board.

- A company board is seen by every active user.
- A department board is seen by that department and every department below it, by the
  managers of it or of a department above it, by executives and administrators.
- A project board is seen exactly by those who see the project
  (`sicrm.projects.permissions`).

Moderators (a board's moderators; for a project board its PM and the project's
managers; for a department board that department's managers; administrators) pin,
lock, delete and archive. Authors edit and delete their own posts. Nobody posts to a
locked thread or an archived board.

`visible_boards_filter(user)` says the same in SQL: every list, count, search and
notification goes through it."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, exists, false, or_, select, true

from sicrm.core import permissions as CP
from sicrm.core import roles as R
from sicrm.core.models import User
from sicrm.extensions import db
from sicrm.forum.models import Board, BoardModerator, Post, Thread
from sicrm.projects import permissions as PP
from sicrm.projects.models import Project

CP.define("forum.view_all", {R.ADMIN})
CP.define("forum.department_boards", {R.ADMIN, R.EXECUTIVE})
CP.define("forum.moderate_all", {R.ADMIN})
CP.define("forum.manage_boards", {R.ADMIN})


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.active)


def _department_ids(user: User) -> set[int]:
    """The departments whose boards `user` sees: their own and those above it, and
    every department they manage (with those below)."""
    ids = set(CP.department_ancestors(user.department_id))
    return ids | CP.managed_department_ids(user)


def visible_boards_filter(user: User):
    """A WHERE clause for select(Board) keeping the boards `user` may see."""
    if not _active(user):
        return false()
    if CP.has_permission(user, "forum.view_all"):
        return true()
    conditions = [Board.kind == "company"]
    if CP.has_permission(user, "forum.department_boards"):
        conditions.append(Board.kind == "department")
    else:
        departments = _department_ids(user)
        if departments:
            conditions.append(and_(Board.kind == "department",
                                   Board.department_id.in_(departments)))
    conditions.append(and_(Board.kind == "project", Board.project_id.in_(
        select(Project.id).where(PP.visible_filter(user)))))
    return or_(*conditions)


def visible_threads_filter(user: User):
    """A WHERE clause for select(Thread) (joined to nothing): threads of boards `user`
    sees, not deleted."""
    return and_(Thread.deleted_dt.is_(None), Thread.board_id.in_(
        select(Board.id).where(visible_boards_filter(user))))


def can_view_board(user, board: Board) -> bool:
    if not _active(user):
        return False
    if CP.has_permission(user, "forum.view_all") or board.kind == "company":
        return True
    if board.kind == "department":
        return (CP.has_permission(user, "forum.department_boards")
                or board.department_id in _department_ids(user))
    if board.kind == "project":
        return board.project is not None and PP.can_view(user, board.project)
    return False


def is_moderator(user, board: Board) -> bool:
    """Pin, lock, delete any post, archive: see the module's docstring."""
    if not can_view_board(user, board):
        return False
    if CP.has_permission(user, "forum.moderate_all"):
        return True
    if board.kind == "project" and board.project is not None and (
            PP.team_role(user, board.project) == "pm" or PP.manages(user, board.project)):
        return True
    if board.kind == "department" and board.department_id in CP.managed_department_ids(user):
        return True
    return db.session.scalar(select(exists().where(
        BoardModerator.board_id == board.id, BoardModerator.user_id == user.id)))


def can_manage_boards(user) -> bool:
    """Create company and department boards, name their moderators."""
    return CP.has_permission(user, "forum.manage_boards")


def can_edit_board(user, board: Board) -> bool:
    """Rename, describe, archive or re-open a board; name its moderators."""
    return can_manage_boards(user) or is_moderator(user, board)


def can_post(user, board: Board) -> bool:
    """Start a thread."""
    return not board.archived and can_view_board(user, board)


def can_view_thread(user, thread: Thread) -> bool:
    if not can_view_board(user, thread.board):
        return False
    return thread.deleted_dt is None or is_moderator(user, thread.board)


def can_reply(user, thread: Thread) -> bool:
    return (not thread.locked and thread.deleted_dt is None
            and can_post(user, thread.board))


def can_edit_post(user, post: Post) -> bool:
    """Authors edit their own posts while the thread is open to replies."""
    return (_active(user) and post.author_id == user.id and not post.is_deleted
            and can_reply(user, post.thread))


def can_delete_post(user, post: Post) -> bool:
    if post.is_deleted or not can_view_thread(user, post.thread):
        return False
    if post.author_id == user.id and not post.thread.board.archived:
        return True
    return is_moderator(user, post.thread.board)


def can_moderate_thread(user, thread: Thread) -> bool:
    """Pin, unpin, lock, unlock."""
    return thread.deleted_dt is None and is_moderator(user, thread.board)


def can_mark_solution(user, thread: Thread) -> bool:
    """The thread's author or a moderator marks a reply as the solution."""
    if not can_view_thread(user, thread) or thread.deleted_dt is not None:
        return False
    return thread.author_id == user.id or is_moderator(user, thread.board)


def can_view_revisions(user, post: Post) -> bool:
    """Edit history: whoever sees the post; a deleted post's only to moderators."""
    if not can_view_thread(user, post.thread):
        return False
    return not post.is_deleted or is_moderator(user, post.thread.board)


@dataclass(frozen=True)
class ThreadRights:
    """What one user may do in one thread, decided once per page (the per-post
    questions then need no query)."""

    user_id: int
    moderator: bool
    reply: bool
    board_archived: bool

    def edit(self, post: Post) -> bool:
        return self.reply and post.author_id == self.user_id and not post.is_deleted

    def delete(self, post: Post) -> bool:
        if post.is_deleted:
            return False
        return self.moderator or (post.author_id == self.user_id and not self.board_archived)


def thread_rights(user, thread: Thread) -> ThreadRights:
    return ThreadRights(user_id=user.id, moderator=is_moderator(user, thread.board),
                        reply=can_reply(user, thread), board_archived=thread.board.archived)
