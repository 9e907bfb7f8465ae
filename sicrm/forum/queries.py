"""Read helpers returning select() statements: each list filters by permission in SQL
and loads what its page shows in a fixed number of queries."""
from __future__ import annotations

from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from sicrm.core.models import User
from sicrm.extensions import db
from sicrm.forum import permissions as P
from sicrm.forum.models import Board, Post, ReadMark, Thread, Watch
from sicrm.forum.urls import POSTS_PER_PAGE


def boards(user: User, archived: bool = False) -> Select:
    """The boards `user` sees: company, departments, projects; most recent activity
    first within each kind."""
    kind_order = case((Board.kind == "company", 0), (Board.kind == "department", 1), else_=2)
    return (select(Board)
            .where(P.visible_boards_filter(user), Board.archived.is_(archived))
            .options(joinedload(Board.project), joinedload(Board.department))
            .order_by(kind_order, Board.last_activity_dt.desc().nulls_last(), Board.id))


def board_marks(user: User, board_ids: list[int]) -> tuple[dict[int, int], set[int]]:
    """For the boards listed: threads with unread posts per board, and those watched."""
    if not board_ids:
        return {}, set()
    unread = dict(db.session.execute(
        select(Thread.board_id, func.count(Thread.id))
        .outerjoin(ReadMark, and_(ReadMark.thread_id == Thread.id, ReadMark.user_id == user.id))
        .where(Thread.board_id.in_(board_ids), Thread.deleted_dt.is_(None),
               func.coalesce(ReadMark.last_read_number, 0) < Thread.last_number)
        .group_by(Thread.board_id)).all())
    watched = set(db.session.scalars(select(Watch.board_id).where(
        Watch.user_id == user.id, Watch.board_id.in_(board_ids))))
    return unread, watched


def threads(board: Board) -> Select:
    """A board's threads: pinned first, then by last activity."""
    return (select(Thread)
            .where(Thread.board_id == board.id, Thread.deleted_dt.is_(None))
            .options(joinedload(Thread.author), joinedload(Thread.last_author))
            .order_by(Thread.pinned.desc(), Thread.last_activity_dt.desc(), Thread.id.desc()))


def read_marks(user: User, thread_ids: list[int]) -> dict[int, int]:
    """thread id → the number of the last post `user` read (threads never opened are
    missing)."""
    if not thread_ids:
        return {}
    return dict(db.session.execute(
        select(ReadMark.thread_id, ReadMark.last_read_number)
        .where(ReadMark.user_id == user.id, ReadMark.thread_id.in_(thread_ids))).all())


def posts_page(thread: Thread, page: int) -> list[Post]:
    """The posts numbered on `page` (deleted ones included, shown as deleted)."""
    first = (page - 1) * POSTS_PER_PAGE + 1
    return list(db.session.scalars(select_posts().where(
        Post.thread_id == thread.id, Post.number.between(first, first + POSTS_PER_PAGE - 1))
        .order_by(Post.number)).unique())


def select_posts() -> Select:
    """Posts with their author, who deleted them, the quoted post and its author, and
    their attachments."""
    return select(Post).options(
        joinedload(Post.author), joinedload(Post.deleted_by),
        joinedload(Post.quoted_post).joinedload(Post.author),
        selectinload(Post.attachments))


def linked_threads(user: User, **link) -> Select:
    """Threads linked to an object (stage_id=…, milestone_id=…, document_id=…,
    organization_id=…) that `user` may see, latest activity first."""
    (column, value), = link.items()
    return (select(Thread).where(getattr(Thread, column) == value,
                                 P.visible_threads_filter(user))
            .options(joinedload(Thread.board), joinedload(Thread.last_author))
            .order_by(Thread.last_activity_dt.desc()))


def mention_candidates(board: Board, q: str, limit: int = 10) -> list[User]:
    """Active users whose username or name starts with / contains `q` and who can see
    `board` (checked one by one over a short list)."""
    like = f"%{q.strip().lower()}%"
    users = db.session.scalars(
        select(User).where(User.active.is_(True),
                           or_(func.lower(User.username).like(like),
                               func.lower(User.full_name).like(like)))
        .order_by(func.length(User.username), User.username).limit(limit * 3)).all()
    return [u for u in users if P.can_view_board(u, board)][:limit]


def project_board(project_id: int) -> Board | None:
    return db.session.scalar(select(Board).where(Board.project_id == project_id))
