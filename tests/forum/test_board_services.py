"""Board services and permissions: who sees which board (per kind, in Python and in
SQL), refusals (locked, archived, unseen boards, empty and over-long posts), soft
delete, revisions, the solution, mentions, watch notifications, unread markers."""
from __future__ import annotations

from io import BytesIO

import pytest
from flask import g
from sqlalchemy import func, select

from sicrm.core import notifications
from sicrm.core.errors import ServiceError
from sicrm.core.models import Notification
from sicrm.extensions import db
from sicrm.forum import permissions as P
from sicrm.forum import queries
from sicrm.forum.models import BODY_MAX, Board, Mention, Post, Thread
from sicrm.forum.services import boards, posts, reading
from sicrm.projects import permissions as PP
from sicrm.projects.services import lifecycle
from tests.fixtures.factories import make_user
from tests.forum.board_world import bw  # noqa: F401  (fixture)


def _visible(user) -> set[int]:
    return set(db.session.scalars(select(Board.id).where(P.visible_boards_filter(user))))


def _notes(user, kind=None) -> list[Notification]:
    query = select(Notification).where(Notification.user_id == user.id)
    if kind:
        query = query.where(Notification.kind == kind)
    return list(db.session.scalars(query.order_by(Notification.id)))


@pytest.mark.parametrize("who, company, department, project", [
    ("admin", True, True, True),
    ("executive", True, True, True),
    ("pm", True, True, True),            # 网络组 is below 交付中心
    ("member", True, True, True),
    ("colleague", True, True, False),    # in 交付中心, not on the project team
    ("head", True, True, True),          # heads 交付中心: manages the project's department
    ("outsider", True, False, False),    # 销售部, a sibling
    ("top", True, False, False),         # a plain member of the department above
])
def test_who_sees_which_board(bw, who, company, department, project):
    user = bw[who]
    expected = {bw.company_board.id} if company else set()
    if department:
        expected.add(bw.dept_board.id)
    if project:
        expected.add(bw.project_board.id)
    assert _visible(user) == expected
    for board in (bw.company_board, bw.dept_board, bw.project_board):
        assert P.can_view_board(user, board) == (board.id in expected)


def test_project_board_follows_project_visibility(bw):
    for name in ("admin", "executive", "pm", "member", "colleague", "head", "outsider", "top"):
        assert P.can_view_board(bw[name], bw.project_board) == PP.can_view(bw[name], bw.project)


def test_inactive_user_sees_nothing(bw):
    bw.member.active = False
    assert _visible(bw.member) == set()
    assert not P.can_view_board(bw.member, bw.company_board)


def test_project_board_is_created_with_the_project_and_backfilled(bw):
    assert bw.project_board is not None and bw.project_board.kind == "project"
    db.session.delete(bw.project_board)
    db.session.flush()
    assert boards.create_missing_project_boards() == 1
    assert boards.create_missing_project_boards() == 0


def test_moderators(bw):
    board = bw.project_board
    assert P.is_moderator(bw.pm, board) and P.is_moderator(bw.head, board)
    assert P.is_moderator(bw.admin, board)
    assert not P.is_moderator(bw.member, board) and not P.is_moderator(bw.outsider, board)
    assert not P.is_moderator(bw.colleague, bw.company_board)
    boards.update_board(bw.admin, bw.company_board, name="公告与交流", description=None,
                        moderators=[bw.colleague])
    assert P.is_moderator(bw.colleague, bw.company_board)


def test_thread_and_reply_keep_counts_and_activity(bw):
    thread = posts.create_thread(bw.member, bw.project_board, title="交换机选型",
                                 body="H3C 还是华为？")
    reply = posts.reply(bw.pm, thread, body="华为，客户有框架协议。")
    assert (thread.post_count, thread.last_number, reply.number) == (2, 2, 2)
    assert thread.last_author_id == bw.pm.id
    assert (bw.project_board.thread_count, bw.project_board.post_count) == (1, 2)


@pytest.mark.parametrize("body, message", [
    ("", "empty"), ("   \n ", "empty"), ("字" * (BODY_MAX + 1), "at most"),
])
def test_empty_and_oversized_posts_are_refused(bw, body, message):
    with pytest.raises(ServiceError, match=message):
        posts.create_thread(bw.member, bw.company_board, title="标题", body=body)
    db.session.rollback()
    assert db.session.scalar(select(func.count(Thread.id))) == 0


def test_longest_post_is_accepted(bw):
    thread = posts.create_thread(bw.member, bw.company_board, title="长文",
                                 body="字" * BODY_MAX)
    assert len(posts.get_post(thread, 1).body) == BODY_MAX


def test_locked_thread_refuses_replies_for_everyone(bw):
    thread = posts.create_thread(bw.member, bw.project_board, title="已定", body="结论如下")
    posts.set_locked(bw.pm, thread, True)
    for user in (bw.member, bw.pm, bw.admin):
        with pytest.raises(ServiceError, match="locked"):
            posts.reply(user, thread, body="再说一句")
    assert thread.post_count == 1


def test_only_moderators_pin_and_lock(bw):
    thread = posts.create_thread(bw.member, bw.project_board, title="置顶", body="内容")
    with pytest.raises(ServiceError):
        posts.set_pinned(bw.member, thread, True)
    posts.set_pinned(bw.pm, thread, True)
    assert thread.pinned


def test_archived_board_refuses_threads_and_replies(bw):
    thread = posts.create_thread(bw.member, bw.company_board, title="旧帖", body="内容")
    boards.set_archived(bw.admin, bw.company_board, True)
    with pytest.raises(ServiceError, match="archived"):
        posts.create_thread(bw.member, bw.company_board, title="新帖", body="内容")
    with pytest.raises(ServiceError, match="archived"):
        posts.reply(bw.member, thread, body="回复")
    assert not P.can_post(bw.member, bw.company_board)


def test_board_one_may_not_see_is_refused(bw):
    with pytest.raises(ServiceError, match="may not post"):
        posts.create_thread(bw.outsider, bw.project_board, title="偷看", body="内容")
    thread = posts.create_thread(bw.member, bw.project_board, title="内部", body="内容")
    with pytest.raises(ServiceError, match="may not post"):
        posts.reply(bw.outsider, thread, body="我也来")


def test_links_must_belong_to_the_boards_project(bw):
    stage = bw.project.stages[0]
    thread = posts.create_thread(bw.member, bw.project_board, title="阶段", body="内容",
                                 stage=stage)
    assert thread.stage_id == stage.id
    with pytest.raises(ServiceError, match="board's project"):
        posts.create_thread(bw.member, bw.company_board, title="阶段", body="内容",
                            stage=stage)


def test_soft_delete_by_author_and_moderator(bw):
    thread = posts.create_thread(bw.member, bw.project_board, title="讨论", body="开头")
    mine = posts.reply(bw.member, thread, body="我的回复")
    theirs = posts.reply(bw.pm, thread, body="经理的回复")
    assert not P.can_delete_post(bw.member, theirs)
    with pytest.raises(ServiceError):
        posts.delete_post(bw.member, theirs)
    posts.delete_post(bw.member, mine)
    posts.delete_post(bw.head, theirs)          # a moderator
    assert mine.deleted_by_id == bw.member.id and mine.deleted_dt is not None
    assert theirs.deleted_by_id == bw.head.id
    assert db.session.get(Post, mine.id) is not None          # kept, only marked
    assert thread.post_count == 1 and bw.project_board.post_count == 1
    with pytest.raises(ServiceError):
        posts.delete_post(bw.member, mine)      # already deleted


def test_deleting_the_opening_post_deletes_the_thread(bw):
    thread = posts.create_thread(bw.member, bw.project_board, title="误发", body="开头")
    posts.reply(bw.pm, thread, body="回复")
    posts.delete_post(bw.member, posts.get_post(thread, 1))
    assert thread.deleted_dt is not None and thread.deleted_by_id == bw.member.id
    assert bw.project_board.thread_count == 0 and bw.project_board.post_count == 0
    assert db.session.scalars(queries.threads(bw.project_board)).all() == []
    assert not P.can_view_thread(bw.member, thread)
    assert P.can_view_thread(bw.pm, thread)     # moderators still see it, marked deleted


def test_edit_keeps_revisions(bw):
    thread = posts.create_thread(bw.member, bw.project_board, title="初稿", body="第一版")
    first = posts.get_post(thread, 1)
    posts.edit_post(bw.member, first, body="第二版", title="二稿")
    posts.edit_post(bw.member, first, body="第三版")
    assert first.body == "第三版" and thread.title == "二稿"
    assert [(r.number, r.body, r.title) for r in first.revisions] == [
        (1, "第一版", "初稿"), (2, "第二版", "二稿")]
    assert first.revisions[1].written_by_id == bw.member.id
    assert first.edited_by_id == bw.member.id
    with pytest.raises(ServiceError):
        posts.edit_post(bw.pm, first, body="经理改的")  # not the author
    posts.edit_post(bw.member, first, body="第三版")  # unchanged: no revision
    assert len(first.revisions) == 2


def test_solution_by_thread_author_or_moderator(bw):
    thread = posts.create_thread(bw.member, bw.project_board, title="求助", body="端口不通")
    answer = posts.reply(bw.pm, thread, body="检查 VLAN")
    with pytest.raises(ServiceError, match="reply"):
        posts.set_solution(bw.member, thread, posts.get_post(thread, 1))
    posts.set_solution(bw.member, thread, answer)
    assert thread.solution_post_id == answer.id
    other = make_user("other", department=bw.team)
    db.session.flush()
    with pytest.raises(ServiceError):
        posts.set_solution(other, thread, None)
    posts.set_solution(bw.head, thread, None)
    assert thread.solution_post_id is None
    posts.set_solution(bw.member, thread, answer)
    posts.delete_post(bw.pm, answer)
    assert thread.solution_post_id is None


def test_mentions_notify_who_can_see(bw):
    thread = posts.create_thread(bw.pm, bw.project_board, title="割接计划",
                                 body="@member 请确认割接窗口，邮件发 a@pm.example")
    first = posts.get_post(thread, 1)
    assert db.session.scalars(select(Mention.user_id).where(
        Mention.post_id == first.id)).all() == [bw.member.id]
    [note] = _notes(bw.member, "forum_mention")
    assert note.url.startswith(f"/forum/threads/{thread.id}")
    assert note.params["thread"] == "割接计划"
    assert _notes(bw.pm) == []                   # the author is not told


def test_mention_of_unknown_user_is_refused_naming_it(bw):
    with pytest.raises(ServiceError, match="@nobody") as error:
        posts.create_thread(bw.pm, bw.project_board, title="t", body="@member 和 @nobody 看看")
    assert "@member" not in str(error.value.message)
    db.session.rollback()
    assert db.session.scalar(select(func.count(Notification.id))) == 0
    assert db.session.scalar(select(func.count(Thread.id))) == 0


def test_mention_of_user_who_cannot_see_the_board_is_refused(bw):
    thread = posts.create_thread(bw.pm, bw.project_board, title="内部", body="内容")
    with pytest.raises(ServiceError, match="cannot see this board") as error:
        posts.reply(bw.pm, thread, body="@outsider 你也看看")
    assert "outsider" in str(error.value.message)
    db.session.rollback()
    assert _notes(bw.outsider) == []


def test_mentions_in_code_are_not_mentions(bw):
    thread = posts.create_thread(bw.pm, bw.company_board, title="配置",
                                 body="`@nobody` 和\n```\n@root\n```")
    assert db.session.scalar(select(func.count(Mention.post_id))) == 0
    assert thread.post_count == 1


def test_edit_notifies_only_newly_mentioned(bw):
    thread = posts.create_thread(bw.pm, bw.project_board, title="t", body="@member 看下")
    first = posts.get_post(thread, 1)
    posts.edit_post(bw.pm, first, body="@member @head 看下")
    assert len(_notes(bw.member, "forum_mention")) == 1
    assert len(_notes(bw.head, "forum_mention")) == 1


def test_watchers_hear_of_replies_but_not_the_author(bw):
    thread = posts.create_thread(bw.member, bw.project_board, title="进度", body="本周进度")
    reading.watch(bw.head, board=bw.project_board)
    posts.reply(bw.pm, thread, body="收到")
    # the thread's author watches it by writing in it; the board's watcher too
    assert [n.kind for n in _notes(bw.member)] == ["forum_reply"]
    assert [n.kind for n in _notes(bw.head)] == ["forum_reply"]
    assert _notes(bw.pm) == []
    reading.watch(bw.member, thread=thread, on=False)
    posts.reply(bw.pm, thread, body="再补充")
    assert len(_notes(bw.member)) == 1


def test_watchers_who_lost_sight_are_not_told(bw):
    thread = posts.create_thread(bw.member, bw.project_board, title="进度", body="本周进度")
    reading.watch(bw.head, board=bw.project_board)
    bw.delivery.head = None                      # no longer manages the project
    db.session.flush()
    db.session.commit()
    g.pop("_sicrm_managed", None)
    posts.reply(bw.pm, thread, body="收到")
    assert _notes(bw.head) == []


def test_cannot_watch_what_one_cannot_see(bw):
    assert reading.watch(bw.outsider, board=bw.project_board) is False
    assert not reading.watching_board(bw.outsider, bw.project_board)


def test_unread_markers(bw):
    thread = posts.create_thread(bw.pm, bw.project_board, title="新帖", body="内容")
    unread, _ = queries.board_marks(bw.member, [bw.project_board.id])
    assert unread == {bw.project_board.id: 1}
    assert queries.read_marks(bw.pm, [thread.id]) == {thread.id: 1}   # the author read it
    reading.mark_read(bw.member, thread)
    assert queries.board_marks(bw.member, [bw.project_board.id])[0] == {}
    posts.reply(bw.pm, thread, body="更新")
    assert queries.board_marks(bw.member, [bw.project_board.id])[0] == {
        bw.project_board.id: 1}
    reading.mark_read(bw.member, thread, 1)      # never moves back
    assert queries.read_marks(bw.member, [thread.id]) == {thread.id: 1}
    reading.mark_board_read(bw.member, bw.project_board)
    assert queries.read_marks(bw.member, [thread.id]) == {thread.id: 2}


def test_attachments_use_the_core_file_checks(bw):
    thread = posts.create_thread(bw.member, bw.company_board, title="附件", body="见附件",
                                 files=[("清单.txt", BytesIO("设备清单".encode()))])
    first = posts.get_post(thread, 1)
    assert [a.filename for a in first.attachments] == ["清单.txt"]
    with pytest.raises(ServiceError, match="not accepted"):
        posts.reply(bw.member, thread, body="再来", files=[("evil.exe", BytesIO(b"MZ"))])


def test_a_notification_does_not_name_a_thread_its_reader_no_longer_sees(bw):
    """Taken off the project team, the member's forum notifications say what
    happened without the thread's title (old ones, without a thread id, too)."""
    thread = posts.create_thread(bw.member, bw.project_board, title="报价底线讨论",
                                 body="内部")
    posts.reply(bw.pm, thread, body="收到")
    (note,) = _notes(bw.member, "forum_reply")
    assert "报价底线讨论" in notifications.text(note)
    old = Notification(user_id=bw.member.id, kind="forum_reply", url=note.url,
                       params={k: v for k, v in note.params.items() if k != "thread_id"})
    db.session.add(old)
    lifecycle.remove_member(bw.pm, bw.project, bw.member.id)
    db.session.flush()
    g.pop("_sicrm_managed", None)
    for item in (note, old):
        text = notifications.text(item)
        assert "报价底线讨论" not in text and bw.project_board.name not in text
        assert text.endswith("replied in a thread you may no longer see.")
