"""Forum threads as search sees them (see sicrm.core.searchable): one entry per
thread (kind "post"), its title and the text of its posts that are not deleted, with
the scope `board:<id>`; a deleted thread is left out (removed from the index)."""
from __future__ import annotations

from collections.abc import Sequence

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from sicrm.core import permissions as CP
from sicrm.core.markdown import plain_text
from sicrm.core.searchable import ALL, Searchable, SearchDoc, register
from sicrm.extensions import db
from sicrm.forum import permissions as P
from sicrm.forum.models import Board, Post, Thread

KIND = "post"
#: a thread's text beyond this is left out of the index
BODY_MAX = 200_000


def load(ids: Sequence[int]) -> list[SearchDoc]:
    rows = db.session.execute(
        select(Thread, Board.name).join(Board, Board.id == Thread.board_id)
        .where(Thread.id.in_(list(ids)), Thread.deleted_dt.is_(None))
        .order_by(Thread.id)).all()
    if not rows:
        return []
    texts: dict[int, list[str]] = {}
    for thread_id, body in db.session.execute(
            select(Post.thread_id, Post.body)
            .where(Post.thread_id.in_([t.id for t, _ in rows]), Post.deleted_dt.is_(None))
            .order_by(Post.thread_id, Post.number)):
        texts.setdefault(thread_id, []).append(plain_text(body))
    return [SearchDoc(kind=KIND, id=thread.id, title=thread.title,
                      scope=f"board:{thread.board_id}",
                      body="\n".join(texts.get(thread.id, ()))[:BODY_MAX],
                      author_id=thread.author_id, date=thread.last_activity_dt,
                      subtitle=board_name)
            for thread, board_name in rows]


def all_ids():
    return db.session.scalars(select(Thread.id).where(Thread.deleted_dt.is_(None))
                              .order_by(Thread.id)).all()


def readable(user):
    if CP.has_permission(user, "forum.view_all"):
        return ALL
    ids = db.session.scalars(select(Board.id).where(P.visible_boards_filter(user)))
    return {f"board:{board_id}" for board_id in ids}


def url(thread_id: int) -> str:
    return url_for("forum.thread_view", thread_id=thread_id)


def _thread(thread):
    return [(KIND, thread.id)]


def _post(post):
    return [(KIND, post.thread_id)]


register(Searchable(kind=KIND, label=_l("Forum thread"), load=load, all_ids=all_ids,
                    readable=readable, url=url, order=40,
                    watch={Thread: _thread, Post: _post}))
