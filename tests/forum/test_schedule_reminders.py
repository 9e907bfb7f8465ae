"""The reminder job: an hour before a timed event, 08:00 the day before an all-day
one; once; not to who declined; again after a move; never for a cancelled event or
one that already started."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from sicrm.core import jobs
from sicrm.core.models import Notification
from sicrm.extensions import db as _db
from sicrm.forum.schedule import services
from sicrm.forum.schedule.tasks import send_reminders
from tests.forum.schedule_world import customer, meeting, people, project  # noqa: F401


def _reminded():
    return sorted(_db.session.scalars(select(Notification.user_id).where(
        Notification.kind == "schedule_reminder")).all())


def test_reminders_are_sent_once_to_who_comes(app, db, people, project):
    seller, engineer, manager = people["seller"], people["engineer"], people["manager"]
    event = services.create_event(seller, meeting(user_ids=[engineer.id, manager.id]),
                                  project)  # 14:00 Shanghai = 06:00Z
    services.respond(manager, event, "declined")
    whole_day = services.create_event(seller, meeting(
        title="开标", all_day=True, start=datetime(2026, 3, 13), end=datetime(2026, 3, 13)),
        project)
    dropped = services.create_event(seller, meeting(title="取消的会", user_ids=[engineer.id]),
                                    project)
    services.cancel_event(seller, dropped)
    _db.session.commit()
    assert send_reminders(datetime(2026, 3, 11, 23, 0)) == 0
    # the all-day event on the 13th: 08:00 on the 12th in Shanghai is 00:00Z (organiser)
    assert send_reminders(datetime(2026, 3, 12, 4, 59)) == 1
    assert send_reminders(datetime(2026, 3, 12, 5, 0)) == 2
    assert _reminded() == sorted([seller.id, seller.id, engineer.id])
    note = _db.session.scalar(select(Notification).where(
        Notification.kind == "schedule_reminder", Notification.user_id == engineer.id))
    assert note.params["when"] == "2026-03-12 14:00–15:30" and note.url.endswith(
        f"/{event.id}")
    assert send_reminders(datetime(2026, 3, 12, 5, 30)) == 0  # once
    assert whole_day.reminded_dt is not None and len(_reminded()) == 3
    # moved to the afternoon: reminded again at the new time
    event = _db.session.get(type(event), event.id)
    services.update_event(seller, event, meeting(start=datetime(2026, 3, 12, 17),
                                                 end=datetime(2026, 3, 12, 18),
                                                 user_ids=[engineer.id, manager.id]))
    _db.session.commit()
    assert send_reminders(datetime(2026, 3, 12, 8, 0)) == 3  # the manager is asked again
    # after downtime, an event that already started is not reminded late
    late = services.create_event(seller, meeting(title="早会", start=datetime(2026, 3, 16, 9),
                                                 end=datetime(2026, 3, 16, 10)), project)
    _db.session.commit()
    assert send_reminders(datetime(2026, 3, 16, 2, 0)) == 0 and late.reminded_dt is None
    assert "sicrm.schedule_reminders" in jobs.REGISTRY


def test_all_day_events_are_reminded_the_morning_before(app, db, people, project):
    seller = people["seller"]
    services.create_event(seller, meeting(title="开标", all_day=True,
                                          start=datetime(2026, 3, 13), end=datetime(2026, 3, 13)),
                          project)
    _db.session.commit()
    assert send_reminders(datetime(2026, 3, 11, 23, 59)) == 0
    assert send_reminders(datetime(2026, 3, 12, 0, 0)) == 1  # 08:00 Shanghai, the day before
