"""Replies posted at the same moment to one thread (and threads started at once on one
board) all land, numbered 1, 2, 3 … without a gap or a collision on
uq_forum_posts_thread_id_number, and the counters add up. Each writer has its own
connection and transaction, as concurrent requests do; runs on SQLite and, with
--db=postgresql, on PostgreSQL (where the unlocked `last_number + 1` collided)."""
from __future__ import annotations

import threading

from sqlalchemy import select

from sicrm.core.models import User
from sicrm.extensions import db as thread_db
from sicrm.forum.models import Board, Post, Thread
from sicrm.forum.services import posts
from tests.forum.board_world import bw  # noqa: F401  (fixture)

WRITERS = 6


def _race(app, work, count=WRITERS):
    barrier = threading.Barrier(count, timeout=30)
    results = [None] * count

    def run(index):
        with app.app_context():
            try:
                barrier.wait()
                results[index] = work(index)
                thread_db.session.commit()
            except Exception as error:  # noqa: BLE001 - reported in the assertion
                thread_db.session.rollback()
                results[index] = f"{type(error).__name__}: {error}"
            finally:
                thread_db.session.remove()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(90)
    return results


def test_concurrent_replies_all_land_with_distinct_numbers(app, db, bw):
    thread = posts.create_thread(bw.admin, bw.company_board, title="并发回复", body="首帖")
    thread_id, user_ids = thread.id, [bw.admin.id, bw.executive.id, bw.top.id]
    db.session.commit()  # after reading the ids: no transaction of ours holds a lock

    def answer(index):
        user = thread_db.session.get(User, user_ids[index % len(user_ids)])
        target = thread_db.session.get(Thread, thread_id)
        return posts.reply(user, target, body=f"回复 {index}").number

    results = _race(app, answer)

    assert all(isinstance(number, int) for number in results), results
    assert sorted(results) == list(range(2, WRITERS + 2))
    db.session.expire_all()
    numbers = db.session.scalars(select(Post.number).where(Post.thread_id == thread_id)
                                 .order_by(Post.number)).all()
    assert numbers == list(range(1, WRITERS + 2))
    stored = db.session.get(Thread, thread_id)
    assert stored.last_number == WRITERS + 1
    assert stored.post_count == WRITERS + 1
    assert db.session.get(Board, bw.company_board.id).post_count == WRITERS + 1


def test_concurrent_threads_on_one_board_count_right(app, db, bw):
    board_id, user_id = bw.company_board.id, bw.admin.id
    db.session.commit()

    def start(index):
        board = thread_db.session.get(Board, board_id)
        user = thread_db.session.get(User, user_id)
        return posts.create_thread(user, board, title=f"主题 {index}", body="正文").id

    results = _race(app, start)

    assert all(isinstance(thread_id, int) for thread_id in results), results
    db.session.expire_all()
    board = db.session.get(Board, board_id)
    assert board.thread_count == WRITERS
    assert board.post_count == WRITERS
