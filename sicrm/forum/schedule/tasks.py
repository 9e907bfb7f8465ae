"""The scheduler's reminder job: an hour before a timed event, and at 08:00 the day
before an all-day one, its organiser and the attendees who did not decline are
reminded, once (a conditional update claims each event, so two runs never both
send). Events that already started are not reminded late after downtime. Runs at
the alarm scan's interval (SICRM_SCAN_SECONDS); one transaction per event."""
from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, or_, select, update

from sicrm.core import jobs, notifications
from sicrm.core.models import utcnow
from sicrm.extensions import db
from sicrm.forum.schedule import permissions as SP
from sicrm.forum.schedule.models import ScheduleEvent
from sicrm.forum.schedule.services import event_path, message_params

#: how long before the start a timed event is reminded of
TIMED_AHEAD = timedelta(hours=1)
#: an all-day event starts at local midnight: 16 hours before is 08:00 the day before
ALL_DAY_AHEAD = timedelta(hours=16)

notifications.register_kind(
    "schedule_reminder",
    _l("Reminder: “%(title)s” on %(when)s%(place)s."),
    _l("Reminder before an event"))


def due(now: datetime):
    """Events to remind of now."""
    return select(ScheduleEvent.id).where(
        ScheduleEvent.status == "scheduled", ScheduleEvent.reminded_dt.is_(None),
        ScheduleEvent.start_dt > now,
        or_(and_(ScheduleEvent.all_day.is_(False), ScheduleEvent.start_dt <= now + TIMED_AHEAD),
            and_(ScheduleEvent.all_day.is_(True),
                 ScheduleEvent.start_dt <= now + ALL_DAY_AHEAD))
    ).order_by(ScheduleEvent.start_dt, ScheduleEvent.id)


def send_reminders(now: datetime | None = None) -> int:
    """One round: returns how many notifications were written."""
    now = now or utcnow()
    sent = 0
    for event_id in db.session.scalars(due(now)).all():
        claimed = db.session.execute(
            update(ScheduleEvent).where(ScheduleEvent.id == event_id,
                                        ScheduleEvent.reminded_dt.is_(None))
            .values(reminded_dt=now)).rowcount
        if claimed != 1:
            db.session.rollback()
            continue
        event = db.session.get(ScheduleEvent, event_id)
        users = [a.user for a in event.attendees
                 if a.user is not None and a.response != "declined"]
        if event.organizer is not None:
            users.append(event.organizer)
        users = [u for u in users if SP.may_attend(u, event.project)]
        sent += notifications.notify(users, "schedule_reminder", url=event_path(event.id),
                                     **message_params(event))
        db.session.commit()
    return sent


def register() -> None:
    jobs.register("sicrm.schedule_reminders", send_reminders, "SICRM_SCAN_SECONDS")
