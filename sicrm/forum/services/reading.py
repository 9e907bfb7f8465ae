"""Unread markers (per user and thread) and watching boards and threads."""
from __future__ import annotations

from sqlalchemy import exists, or_, select

from sicrm.core.models import utcnow
from sicrm.extensions import db
from sicrm.forum import permissions as P
from sicrm.forum.models import Board, ReadMark, Thread, Watch


def mark_read(user, thread: Thread, number: int | None = None) -> ReadMark:
    """`user` has read `thread` up to post `number` (default: all of it); a mark never
    moves back."""
    number = thread.last_number if number is None else number
    mark = db.session.get(ReadMark, (user.id, thread.id))
    if mark is None:
        mark = ReadMark(user_id=user.id, thread_id=thread.id, last_read_number=0)
        db.session.add(mark)
    if number > mark.last_read_number:
        mark.last_read_number = number
    mark.read_dt = utcnow()
    db.session.flush()
    return mark


def mark_board_read(user, board: Board) -> int:
    """Every thread of the board read up to its latest post; returns how many moved."""
    threads = db.session.execute(
        select(Thread.id, Thread.last_number, ReadMark)
        .outerjoin(ReadMark, (ReadMark.thread_id == Thread.id) & (ReadMark.user_id == user.id))
        .where(Thread.board_id == board.id, Thread.deleted_dt.is_(None),
               or_(ReadMark.user_id.is_(None),
                   ReadMark.last_read_number < Thread.last_number))).all()
    now = utcnow()
    for thread_id, last_number, mark in threads:
        if mark is None:
            db.session.add(ReadMark(user_id=user.id, thread_id=thread_id,
                                    last_read_number=last_number, read_dt=now))
        else:
            mark.last_read_number, mark.read_dt = last_number, now
    db.session.flush()
    return len(threads)


def watching(user, thread: Thread) -> bool:
    """Watching the thread itself (not through its board)."""
    return bool(db.session.scalar(select(exists().where(
        Watch.user_id == user.id, Watch.thread_id == thread.id))))


def watching_board(user, board: Board) -> bool:
    return bool(db.session.scalar(select(exists().where(
        Watch.user_id == user.id, Watch.board_id == board.id))))


def watch(user, *, board: Board | None = None, thread: Thread | None = None,
          on: bool = True) -> bool:
    """Watch (or stop watching) a board or a thread; True when something changed.
    Only what the user may see can be watched."""
    if board is not None:
        allowed, column, target = P.can_view_board(user, board), Watch.board_id, board
    else:
        allowed, column, target = P.can_view_thread(user, thread), Watch.thread_id, thread
    existing = db.session.scalar(select(Watch).where(Watch.user_id == user.id,
                                                     column == target.id))
    if on and existing is None and allowed:
        db.session.add(Watch(user_id=user.id, board_id=board.id if board else None,
                             thread_id=thread.id if thread else None, created_dt=utcnow()))
    elif not on and existing is not None:
        db.session.delete(existing)
    else:
        return False
    db.session.flush()
    return True
