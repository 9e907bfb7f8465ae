"""Read helpers of the schedule: selects filtered by permission in SQL, and the
calendar entries (sicrm.core.calendar_sources) of a user or a project."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, exists, or_, select, union
from sqlalchemy.orm import selectinload

from sicrm.core.calendar_sources import Item
from sicrm.core.models import Contact, Organization
from sicrm.core.models import utcnow as _utcnow
from sicrm.extensions import db
from sicrm.forum.models import Post
from sicrm.forum.schedule import permissions as SP
from sicrm.forum.schedule import times
from sicrm.forum.schedule.models import ScheduleAttendee, ScheduleEvent
from sicrm.forum.schedule.permissions import visible_filter
from sicrm.projects.models import Project

KIND_LABELS = {
    "meeting": _l("Meeting"),
    "visit": _l("Customer visit"),
    "demo": _l("Demo"),
    "bid_opening": _l("Bid opening"),
    "other": _l("Event"),
}
STATUS_LABELS = {"scheduled": _l("Scheduled"), "cancelled": _l("Cancelled")}
RESPONSE_LABELS = {"accepted": _l("Attending"), "tentative": _l("Maybe"),
                   "declined": _l("Not attending"), "pending": _l("No answer yet")}


def _involves(user):
    attends = exists(select(ScheduleAttendee.id).where(
        ScheduleAttendee.event_id == ScheduleEvent.id, ScheduleAttendee.user_id == user.id))
    return or_(ScheduleEvent.organizer_id == user.id, attends)


def _loaded(query, attendees: bool = True):
    query = query.options(selectinload(ScheduleEvent.project),
                          selectinload(ScheduleEvent.organizer),
                          selectinload(ScheduleEvent.organization))
    if attendees:
        query = query.options(selectinload(ScheduleEvent.attendees)
                              .selectinload(ScheduleAttendee.user),
                              selectinload(ScheduleEvent.attendees)
                              .selectinload(ScheduleAttendee.contact))
    return query


def event_page(event_id: int) -> ScheduleEvent | None:
    """One event with its attendees (users, contacts and their organisations) loaded."""
    return db.session.scalar(_loaded(select(ScheduleEvent).where(
        ScheduleEvent.id == event_id), attendees=False).options(
        selectinload(ScheduleEvent.attendees).selectinload(ScheduleAttendee.user),
        selectinload(ScheduleEvent.attendees).selectinload(ScheduleAttendee.contact)
        .selectinload(Contact.organization)))


def my_events(user, past: bool = False, now: datetime | None = None,
              attendees: bool = True):
    """Events `user` organises or attends and may see: upcoming (not yet ended,
    soonest first) or past (latest first)."""
    now = now or _utcnow()
    query = select(ScheduleEvent).where(visible_filter(user), _involves(user))
    if past:
        query = query.where(ScheduleEvent.end_dt <= now).order_by(
            ScheduleEvent.start_dt.desc(), ScheduleEvent.id.desc())
    else:
        query = query.where(ScheduleEvent.end_dt > now).order_by(
            ScheduleEvent.start_dt, ScheduleEvent.id)
    return _loaded(query, attendees)


def project_events(user, project: Project, past: bool = False,
                   now: datetime | None = None):
    now = now or _utcnow()
    query = select(ScheduleEvent).where(ScheduleEvent.project_id == project.id,
                                        visible_filter(user))
    if past:
        query = query.where(ScheduleEvent.end_dt <= now).order_by(
            ScheduleEvent.start_dt.desc(), ScheduleEvent.id.desc())
    else:
        query = query.where(ScheduleEvent.end_dt > now).order_by(
            ScheduleEvent.start_dt, ScheduleEvent.id)
    return _loaded(query)


def organization_events(user, org: Organization, limit: int = 10) -> list[ScheduleEvent]:
    """The organisation's latest and coming events `user` may see (latest first)."""
    return db.session.scalars(
        select(ScheduleEvent).where(ScheduleEvent.organization_id == org.id,
                                    visible_filter(user))
        .options(selectinload(ScheduleEvent.project), selectinload(ScheduleEvent.organizer))
        .order_by(ScheduleEvent.start_dt.desc(), ScheduleEvent.id.desc()).limit(limit)).all()


# -- calendar entries ------------------------------------------------------------


def _bounds(query, start: date | None, end: date | None):
    if start is not None:
        query = query.where(ScheduleEvent.end_dt > times.day_start(start))
    if end is not None:
        query = query.where(ScheduleEvent.start_dt < times.day_start(end + timedelta(days=1)))
    return query


def _summary(event: ScheduleEvent) -> str:
    label = str(KIND_LABELS.get(event.kind, ""))
    if event.all_day:
        return f"{label}: {event.title}"
    return f"{times.to_local(event.start_dt):%H:%M} {label}: {event.title}"


def item(event: ScheduleEvent, project: Project | None = None) -> Item:
    first, last = times.local_days(event.start_dt, event.end_dt)
    project = project or event.project
    return Item(
        "event", event.id, event.title, first, last,
        "cancelled" if event.cancelled else "open",
        project.id if project else None, project.code if project else "",
        project.name if project else "", event.description or "",
        start_dt=None if event.all_day else event.start_dt,
        end_dt=None if event.all_day else event.end_dt,
        summary=_summary(event), url=f"/schedule/{event.id}", location=event.place or "",
        sequence=event.sequence)


def thread_events(user, thread_id: int) -> list[ScheduleEvent]:
    """Events made from the thread's posts that `user` may see, soonest first."""
    return db.session.scalars(
        select(ScheduleEvent).where(visible_filter(user), ScheduleEvent.post_id.in_(
            select(Post.id).where(Post.thread_id == thread_id)))
        .order_by(ScheduleEvent.start_dt, ScheduleEvent.id)).all()


def user_items(user, start: date | None, end: date | None) -> list[Item]:
    """Events `user` organises or attends (cancelled ones too, marked so)."""
    query = _bounds(select(ScheduleEvent).where(visible_filter(user), _involves(user)),
                    start, end)
    events = db.session.scalars(query.options(selectinload(ScheduleEvent.project))
                                .order_by(ScheduleEvent.start_dt, ScheduleEvent.id)).all()
    return [item(e) for e in events]


def project_items(user, project: Project, start: date | None, end: date | None) -> list[Item]:
    query = _bounds(select(ScheduleEvent).where(ScheduleEvent.project_id == project.id,
                                                visible_filter(user)), start, end)
    events = db.session.scalars(query.order_by(ScheduleEvent.start_dt, ScheduleEvent.id)).all()
    return [item(e, project) for e in events]


def calendar_action(user, project: Project | None) -> tuple[str, str] | None:
    """The calendar page's "New event" button (for the shown project when one is)."""
    if not SP.can_create(user, project):
        return None
    args = {"project_id": project.id} if project is not None else {}
    return str(_l("New event")), url_for("schedule.event_create", **args)


def busy_user_ids(event: ScheduleEvent) -> set[int]:
    """The event's users (organiser, attendees who did not decline) who organise or
    attend another scheduled event at an overlapping time (one query). Only who is
    busy is told, never with what: the other event may be hidden from the reader."""
    people = {a.user_id for a in event.attendees
              if a.user_id is not None and a.response != "declined"}
    if event.organizer_id is not None:
        people.add(event.organizer_id)
    if not people or event.cancelled:
        return set()
    other = and_(ScheduleEvent.id != event.id, ScheduleEvent.status == "scheduled",
                 ScheduleEvent.start_dt < event.end_dt, ScheduleEvent.end_dt > event.start_dt)
    attending = (select(ScheduleAttendee.user_id)
                 .join(ScheduleEvent, ScheduleEvent.id == ScheduleAttendee.event_id)
                 .where(other, ScheduleAttendee.user_id.in_(people),
                        ScheduleAttendee.response != "declined"))
    organising = select(ScheduleEvent.organizer_id).where(
        other, ScheduleEvent.organizer_id.in_(people))
    return set(db.session.scalars(union(attending, organising)))


def contact_events(user, contact: Contact, limit: int = 10) -> list[ScheduleEvent]:
    """The events `contact` attends that `user` may see (latest first)."""
    attends = exists(select(ScheduleAttendee.id).where(
        ScheduleAttendee.event_id == ScheduleEvent.id,
        ScheduleAttendee.contact_id == contact.id))
    return db.session.scalars(
        select(ScheduleEvent).where(attends, visible_filter(user))
        .options(selectinload(ScheduleEvent.project), selectinload(ScheduleEvent.organizer))
        .order_by(ScheduleEvent.start_dt.desc(), ScheduleEvent.id.desc()).limit(limit)).all()
