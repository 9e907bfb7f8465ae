"""The demo forum loads once: company and department boards, project threads with a
mention notified to someone who can see the board, a solved question."""
from sqlalchemy import func, select

from sicrm.core.demo import load_demo
from sicrm.core.models import Notification, User
from sicrm.extensions import db as _db
from sicrm.forum import permissions as P
from sicrm.forum.demo import COMPANY_BOARD, load_demo_forum
from sicrm.forum.models import Board, Mention, Thread
from sicrm.templates_lib.builtin import seed_builtin_templates
from sicrm.workflow.demo import load_demo_projects


def test_demo_forum_is_idempotent_and_respects_permissions(db):
    assert load_demo_forum() == 0  # no demo company yet
    load_demo()
    seed_builtin_templates()
    load_demo_projects()
    assert load_demo_forum() > 10
    assert load_demo_forum() == 0
    company = _db.session.scalar(select(Board).where(Board.name == COMPANY_BOARD))
    assert company.kind == "company" and company.thread_count == 2
    assert _db.session.scalar(select(func.count(Board.id)).where(Board.kind == "department"))
    assert _db.session.scalar(select(func.count(Thread.id)).where(
        Thread.solution_post_id.is_not(None))) == 1
    mentions = _db.session.scalars(select(Mention)).all()
    assert mentions
    for mention in mentions:
        assert P.can_view_board(mention.user, mention.post.thread.board)
        assert _db.session.scalar(select(func.count(Notification.id)).where(
            Notification.user_id == mention.user_id, Notification.kind == "forum_mention"))
    users = {u.username: u for u in _db.session.scalars(select(User))}
    project_boards = _db.session.scalars(select(Board).where(Board.kind == "project")).all()
    assert project_boards and not all(P.can_view_board(users["finance"], b)
                                      for b in project_boards)
