"""An event made from a forum post: the "Schedule an event" action under each post
(for who may schedule there), the form prefilled from the thread and its project,
and the event page's link back to the thread only for who may see its board."""
from __future__ import annotations

from datetime import datetime

import time_machine
from sqlalchemy import select

from sicrm.extensions import db as _db
from sicrm.forum.models import Board
from sicrm.forum.schedule import services
from sicrm.forum.schedule.models import ScheduleEvent
from sicrm.forum.services import boards, posts
from tests.fixtures.factories import make_user
from tests.forum.schedule_world import customer, meeting, people, project  # noqa: F401

NOW = datetime(2026, 3, 11, 2, 0)


def _project_board(project) -> Board:
    return _db.session.scalar(select(Board).where(Board.project_id == project.id))


@time_machine.travel(NOW, tick=False)
def test_schedule_an_event_from_a_project_thread(login_as, people, project):
    seller, engineer = people["seller"], people["engineer"]
    thread = posts.create_thread(seller, _project_board(project), title="下周和客户对方案",
                                 body="**议题**：视频云扩容方案\n\n请 @engineer 参加")
    reply = posts.reply(engineer, thread, body="我可以周四下午")
    _db.session.commit()
    html = login_as(engineer).get(f"/forum/threads/{thread.id}").get_data(as_text=True)
    assert f'href="/schedule/new?post_id={reply.id}"' in html
    assert html.count('data-action="schedule-event"') == 2
    page = login_as(engineer).get(f"/schedule/new?post_id={reply.id}").get_data(as_text=True)
    assert 'value="下周和客户对方案"' in page and "我可以周四下午" in page
    assert project.code in page and 'id="event-from-post"' in page
    # the reply's author schedules: the thread's opener is not preselected, only who the
    # post names; from the opening post (which mentions @engineer), the seller gets the engineer
    assert f'<option selected value="{seller.id}"' not in page
    opening = login_as(seller).get(f"/schedule/new?post_id={thread_first_post(thread).id}"
                                   ).get_data(as_text=True)
    assert f'<option selected value="{engineer.id}"' in opening
    response = login_as(engineer).post(f"/schedule/new?post_id={reply.id}", data={
        "kind": "meeting", "title": "方案沟通", "start": "2026-03-12T14:00",
        "end": "2026-03-12T15:00", "user_ids": [str(seller.id)]})
    assert response.status_code == 302
    event = _db.session.scalar(select(ScheduleEvent))
    assert event.project_id == project.id and event.post_id == reply.id
    html = login_as(seller).get(f"/schedule/{event.id}").get_data(as_text=True)
    assert f'href="/forum/threads/{thread.id}?page=1#post-2"' in html
    html = login_as(seller).get(f"/forum/threads/{thread.id}").get_data(as_text=True)
    assert 'id="thread-events"' in html and f'href="/schedule/{event.id}"' in html
    # who may not see the project sees neither the thread's action nor the form
    outsider = login_as(people["outsider"])
    assert outsider.get(f"/schedule/new?post_id={reply.id}").status_code == 403
    assert outsider.get("/schedule/new?post_id=999999").status_code == 404


@time_machine.travel(NOW, tick=False)
def test_the_link_back_needs_the_board(login_as, people):
    seller, stranger = people["seller"], people["stranger"]
    board = boards.create_board(people["admin"], kind="department", name="销售部讨论",
                                department=seller.department)
    thread = posts.create_thread(seller, board, title="拜访计划", body="内部讨论")
    event = services.create_event(seller, meeting(user_ids=[stranger.id]),
                                  post=thread_first_post(thread))
    _db.session.commit()
    # the stranger attends, so sees the event, but not the sales department's board
    html = login_as(stranger).get(f"/schedule/{event.id}").get_data(as_text=True)
    assert "方案评审会" in html and 'id="event-source"' not in html and "拜访计划" not in html
    html = login_as(seller).get(f"/schedule/{event.id}").get_data(as_text=True)
    assert 'id="event-source"' in html and "拜访计划" in html
    # a colleague who sees the board but not the event sees no trace of it on the thread
    colleague = make_user("colleague", roles=["sales"], department=seller.department)
    _db.session.commit()
    html = login_as(colleague).get(f"/forum/threads/{thread.id}").get_data(as_text=True)
    assert "拜访计划" in html and 'id="thread-events"' not in html
    assert login_as(stranger).get(
        f"/schedule/new?post_id={event.post_id}").status_code == 403


def thread_first_post(thread):
    return posts.get_post(thread, 1)
