"""The demo schedule loads once, on working days, after the demo projects."""
from datetime import date

from sqlalchemy import select

from sicrm.core.demo import load_demo
from sicrm.core.models import User
from sicrm.extensions import db as _db
from sicrm.forum.schedule import permissions as SP
from sicrm.forum.schedule.demo import EVENTS, load_demo_events
from sicrm.forum.schedule.models import ScheduleEvent
from sicrm.forum.schedule.times import local_days
from sicrm.templates_lib.builtin import seed_builtin_templates
from sicrm.workflow.demo import load_demo_projects


def test_demo_events_are_idempotent_and_visible_to_their_team(db):
    assert load_demo_events() == 0  # no demo company yet
    load_demo()
    seed_builtin_templates()
    load_demo_projects()
    assert load_demo_events(date(2026, 3, 12)) == len(EVENTS)
    assert load_demo_events(date(2026, 3, 12)) == 0
    events = _db.session.scalars(select(ScheduleEvent).order_by(ScheduleEvent.start_dt)).all()
    assert {e.kind for e in events} == {"meeting", "visit", "bid_opening"}
    assert all(local_days(e.start_dt, e.end_dt)[0] > date(2026, 3, 12) for e in events)
    assert local_days(events[0].start_dt, events[0].end_dt)[0] == date(2026, 3, 13)  # Fri
    users = {u.username: u for u in _db.session.scalars(select(User))}
    visit = next(e for e in events if e.kind == "visit")
    assert [a.contact.name for a in visit.attendees if a.contact] == ["马向东"]
    assert SP.can_view(users["engineer"], visit) and not SP.can_view(users["finance"], visit)
