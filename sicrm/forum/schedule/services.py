"""Schedule events: create, change, cancel. Rules live here; they take the acting
user, flush and never commit.

Times come in as the local wall clock (naive datetimes in the configured zone, as a
datetime-local input gives them, or aware ones) and are stored as naive UTC. Users
who attend are notified through the notification centre (and so by e-mail, robots
or digest as each prefers) when invited, when the time or place changes, when they
are removed and when the event is cancelled; the actor is not told of their own
change (an organiser hears when someone else moves or cancels their event).
External contacts get nothing automatic: the event page offers an .ics file
to send them."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from sicrm.core import notifications
from sicrm.core.audit import set_actor
from sicrm.core.errors import ServiceError
from sicrm.core.models import Contact, Organization, User, utcnow
from sicrm.extensions import db
from sicrm.forum.schedule import permissions as SP
from sicrm.forum.schedule import times
from sicrm.forum.schedule.models import (
    DESCRIPTION_MAX,
    EVENT_KINDS,
    PLACE_MAX,
    RESPONSES,
    TITLE_MAX,
    ScheduleAttendee,
    ScheduleEvent,
)
from sicrm.projects.models import Project

#: the longest event accepted
MAX_DAYS = 31

notifications.register_kind(
    "schedule_invited",
    _l("%(organizer)s invited you to “%(title)s” on %(when)s%(place)s."),
    _l("Invitation to an event"))
notifications.register_kind(
    "schedule_changed",
    _l("“%(title)s” was moved to %(when)s%(place)s."),
    _l("An event I attend was moved"))
notifications.register_kind(
    "schedule_cancelled",
    _l("“%(title)s” on %(when)s was cancelled.%(reason)s"),
    _l("An event I attend was cancelled"))
notifications.register_kind(
    "schedule_declined",
    _l("%(name)s will not attend “%(title)s” on %(when)s.%(reason)s"),
    _l("An attendee declined my event"))
notifications.register_kind(
    "schedule_removed",
    _l("You were taken off the attendees of “%(title)s” on %(when)s."),
    _l("Taken off an event's attendees"))


@dataclass
class EventData:
    """What a form (or the CLI, or a test) gives for an event. `start`/`end` are the
    local wall clock; for an all-day event only their dates count (end included)."""

    title: str
    start: datetime | None
    end: datetime | None
    kind: str = "meeting"
    all_day: bool = False
    place: str | None = None
    description: str | None = None
    user_ids: Iterable[int] = field(default_factory=list)
    contact_ids: Iterable[int] = field(default_factory=list)
    organization_id: int | None = None


def event_path(event_id: int) -> str:
    """The event page's path, without a request (see blueprint: /schedule/<id>)."""
    return f"/schedule/{event_id}"


def _clean(text: str | None) -> str | None:
    text = (text or "").strip()
    return text or None


def _span(data: EventData) -> tuple[datetime, datetime]:
    if data.start is None or data.end is None:
        raise ServiceError(_l("Please give the start and the end."), "start")
    if data.all_day:
        first, last = data.start.date(), data.end.date()
        if last < first:
            raise ServiceError(_l("The end must be after the start."), "end")
        start_dt, end_dt = times.all_day_span(first, last)
    else:
        start_dt, end_dt = times.to_utc(data.start), times.to_utc(data.end)
        if end_dt <= start_dt:
            raise ServiceError(_l("The end must be after the start."), "end")
    if end_dt - start_dt > timedelta(days=MAX_DAYS):
        raise ServiceError(_l("An event may last at most %(days)d days.", days=MAX_DAYS),
                           "end")
    return start_dt, end_dt


def _check(data: EventData) -> tuple[str, str | None, str | None]:
    title = _clean(data.title)
    if not title:
        raise ServiceError(_l("Please give the event a title."), "title")
    if len(title) > TITLE_MAX:
        raise ServiceError(_l("Please use at most %(max)d characters.", max=TITLE_MAX), "title")
    if data.kind not in EVENT_KINDS:
        raise ServiceError(_l("Please choose what kind of event this is."), "kind")
    place, description = _clean(data.place), _clean(data.description)
    if place and len(place) > PLACE_MAX:
        raise ServiceError(_l("Please use at most %(max)d characters.", max=PLACE_MAX), "place")
    if description and len(description) > DESCRIPTION_MAX:
        raise ServiceError(_l("Please use at most %(max)d characters.", max=DESCRIPTION_MAX),
                           "description")
    return title, place, description


def _attending_users(ids: Iterable[int], project: Project | None) -> list[User]:
    wanted = sorted({int(i) for i in ids if i})
    if not wanted:
        return []
    users = db.session.scalars(select(User).where(User.id.in_(wanted))
                               .order_by(User.full_name, User.id)).all()
    if len(users) != len(wanted):
        raise ServiceError(_l("An attendee is not a user of sicrm."), "user_ids")
    inactive = [u.full_name for u in users if not u.active]
    if inactive:
        raise ServiceError(_l("These users are disabled and cannot attend: %(names)s.",
                              names="、".join(inactive)), "user_ids")
    outsiders = [u.full_name for u in users if not SP.may_attend(u, project)]
    if outsiders:
        raise ServiceError(_l("These users may not see the project and cannot attend: "
                              "%(names)s.", names="、".join(outsiders)), "user_ids")
    return users


def _attending_contacts(ids: Iterable[int]) -> list[Contact]:
    wanted = sorted({int(i) for i in ids if i})
    if not wanted:
        return []
    contacts = db.session.scalars(select(Contact).where(Contact.id.in_(wanted))
                                  .order_by(Contact.id)).all()
    if len(contacts) != len(wanted):
        raise ServiceError(_l("An external attendee is not a known contact."), "contact_ids")
    return contacts


def _organization(organization_id: int | None, project: Project | None) -> Organization | None:
    if organization_id:
        org = db.session.get(Organization, organization_id)
        if org is None:
            raise ServiceError(_l("Unknown organisation."), "organization_id")
        return org
    return project.customer if project is not None else None


def message_params(event: ScheduleEvent) -> dict:
    """The parameters of every schedule notification: title, when (local), place."""
    return {"title": event.title,
            "when": times.describe(event.start_dt, event.end_dt, event.all_day),
            "place": f" @ {event.place}" if event.place else ""}


def _notify(users: Iterable[User], event: ScheduleEvent, kind: str, actor, **extra) -> int:
    """Tell `users` (not the actor; only who may still see the event)."""
    recipients = [u for u in users if u.id != getattr(actor, "id", None)
                  and SP.may_attend(u, event.project)]
    return notifications.notify(recipients, kind, url=event_path(event.id),
                                **message_params(event), **extra)


def create_event(actor, data: EventData, project: Project | None = None,
                 post=None) -> ScheduleEvent:
    """A new event organised by `actor` (of `project` when given; made from the forum
    `post` when given); its user attendees are invited."""
    if not SP.can_create(actor, project):
        raise ServiceError(_l("You may not schedule events for this project.")
                           if project is not None else
                           _l("Only an active user may schedule events."))
    title, place, description = _check(data)
    start_dt, end_dt = _span(data)
    set_actor(actor)
    users = _attending_users(data.user_ids, project)
    contacts = _attending_contacts(data.contact_ids)
    event = ScheduleEvent(
        kind=data.kind, title=title, description=description, place=place,
        start_dt=start_dt, end_dt=end_dt, all_day=data.all_day, organizer=actor,
        project=project, organization=_organization(data.organization_id, project),
        post_id=getattr(post, "id", None))
    event.attendees = ([ScheduleAttendee(user=u) for u in users]
                       + [ScheduleAttendee(contact=c) for c in contacts])
    db.session.add(event)
    db.session.flush()
    _notify(users, event, "schedule_invited", actor, organizer=actor.full_name)
    return event


def update_event(actor, event: ScheduleEvent, data: EventData) -> ScheduleEvent:
    """Change the event; attendees hear of a new time or place, new attendees are
    invited and those taken off are told. The project stays as made."""
    if not SP.can_edit(actor, event):
        raise ServiceError(_l("You may not change this event."))
    if event.cancelled:
        raise ServiceError(_l("A cancelled event cannot be changed."))
    title, place, description = _check(data)
    start_dt, end_dt = _span(data)
    set_actor(actor)
    users = _attending_users(data.user_ids, event.project)
    contacts = _attending_contacts(data.contact_ids)
    moved = (start_dt, end_dt, data.all_day, place) != (
        event.start_dt, event.end_dt, event.all_day, event.place)
    before = {a.user_id: a for a in event.attendees if a.user_id is not None}
    before_contacts = {a.contact_id: a for a in event.attendees if a.contact_id is not None}
    wanted = {u.id for u in users}
    removed = [a.user for a in before.values() if a.user_id not in wanted]
    added = [u for u in users if u.id not in before]
    kept = [u for u in users if u.id in before]
    event.kind, event.title, event.description, event.place = (
        data.kind, title, description, place)
    event.start_dt, event.end_dt, event.all_day = start_dt, end_dt, data.all_day
    if data.organization_id != event.organization_id:
        event.organization = _organization(data.organization_id, None)
    wanted_contacts = {c.id for c in contacts}
    event.attendees = (
        [before.get(u.id) or ScheduleAttendee(user=u) for u in users]
        + [before_contacts.get(c.id) or ScheduleAttendee(contact=c) for c in contacts])
    if moved or set(before_contacts) != wanted_contacts:
        event.sequence += 1
    if moved:  # a new time asks everyone again, and is reminded of again
        event.reminded_dt = None
        for attendee in event.attendees:
            attendee.response, attendee.responded_dt = "pending", None
    db.session.flush()
    if moved:  # the organiser too, when someone else (the PM) moved it
        _notify([*kept, event.organizer] if event.organizer else kept, event,
                "schedule_changed", actor)
    _notify(added, event, "schedule_invited", actor, organizer=actor.full_name)
    _notify(removed, event, "schedule_removed", actor)
    return event


def cancel_event(actor, event: ScheduleEvent, reason: str | None = None) -> ScheduleEvent:
    """The event stays, marked cancelled; its user attendees are told."""
    if not SP.can_edit(actor, event):
        raise ServiceError(_l("You may not cancel this event."))
    if event.cancelled:
        raise ServiceError(_l("This event is already cancelled."))
    reason = _clean(reason)
    if reason and len(reason) > DESCRIPTION_MAX:
        raise ServiceError(_l("Please use at most %(max)d characters.", max=DESCRIPTION_MAX),
                           "reason")
    set_actor(actor)
    event.status, event.cancel_reason = "cancelled", reason
    event.sequence += 1
    db.session.flush()
    users = [a.user for a in event.attendees if a.user is not None]
    if event.organizer is not None:
        users.append(event.organizer)
    _notify(users, event, "schedule_cancelled", actor, reason=f" {reason}" if reason else "")
    return event


def respond(actor, event: ScheduleEvent, response: str, note: str | None = None
            ) -> ScheduleAttendee:
    """`actor`, an attendee, answers whether they come; the organiser hears of a
    refusal (with its note)."""
    attendee = next((a for a in event.attendees if a.user_id == getattr(actor, "id", None)),
                    None)
    if attendee is None or not SP.can_view(actor, event):
        raise ServiceError(_l("Only an attendee answers an invitation."))
    if event.cancelled:
        raise ServiceError(_l("This event is cancelled."))
    if response not in RESPONSES or response == "pending":
        raise ServiceError(_l("Please answer: attending, maybe or not attending."),
                           "response")
    note = _clean(note)
    if note and len(note) > PLACE_MAX:
        raise ServiceError(_l("Please use at most %(max)d characters.", max=PLACE_MAX), "note")
    changed = attendee.response != response
    attendee.response, attendee.responded_dt = response, utcnow()
    db.session.flush()
    if changed and response == "declined" and event.organizer is not None:
        _notify([event.organizer], event, "schedule_declined", actor, name=actor.full_name,
                reason=f" {note}" if note else "")
    return attendee
