"""Demo schedule (called by `sicrm demo` after the demo projects and the forum exist):
a customer visit (made from its project's first thread when the forum demo wrote
one), an internal review meeting and a bid opening in the coming days, on working
days. Idempotent: events are matched by title."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from sicrm.core.calendar import WorkCalendar
from sicrm.core.models import Contact, User
from sicrm.extensions import db
from sicrm.forum.models import Board, Post, Thread
from sicrm.forum.schedule import services
from sicrm.forum.schedule.models import ScheduleEvent
from sicrm.projects.models import Project

#: (title, kind, project, organiser, attendees, contacts, working days ahead, start,
#:  hours, place, notes)
EVENTS = [
    ("方案内部评审会", "meeting", "数据中心网络改造项目", "presales", ["sales", "sales_mgr"],
     [], 1, time(14, 0), 1.5, "公司3楼第一会议室",
     "评审双活网络方案与报价，确认合同评审材料。"),
    ("拜访北京市公安局科技信息化处", "visit", "视频监控联网共享平台建设项目", "sales",
     ["presales", "engineer"], ["马向东"], 2, time(10, 0), 1.5, "北京市公安局科技信息化处",
     "演示联网共享平台原型，了解二期需求。"),
    ("政务云安全能力提升项目开标", "bid_opening", "政务云安全能力提升项目", "sales",
     ["presales"], [], 8, time(9, 30), 2, "上海市公共资源交易中心 2号开标室",
     "携带投标保证金回执与授权委托书原件。"),
]


def load_demo_events(today: date | None = None) -> int:
    users = {u.username: u for u in db.session.scalars(select(User))}
    calendar = WorkCalendar()
    day = calendar.next_workday(today or date.today())
    added = 0
    for (title, kind, project_name, organiser, attendees, contacts, ahead, start, hours,
         place, notes) in EVENTS:
        if db.session.scalar(select(ScheduleEvent.id).where(ScheduleEvent.title == title)):
            continue
        project = db.session.scalar(select(Project).where(Project.name == project_name)
                                    .order_by(Project.id))
        if project is None or organiser not in users or any(a not in users for a in attendees):
            continue
        begin = datetime.combine(calendar.add_workdays(day, ahead), start)
        contact_ids = db.session.scalars(select(Contact.id).where(Contact.name.in_(contacts))
                                         ).all() if contacts else []
        post = db.session.scalar(
            select(Post).join(Thread, Thread.id == Post.thread_id)
            .join(Board, Board.id == Thread.board_id)
            .where(Board.project_id == project.id, Post.number == 1,
                   Thread.deleted_dt.is_(None)).order_by(Thread.id)) if kind == "visit" else None
        services.create_event(users[organiser], services.EventData(
            title=title, kind=kind, start=begin, end=begin + timedelta(hours=hours),
            place=place, description=notes, user_ids=[users[a].id for a in attendees],
            contact_ids=contact_ids), project, post)
        added += 1
    return added
