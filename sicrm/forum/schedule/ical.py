"""One event as an iCalendar file (.ics) to send to external attendees or import by
hand: the same UID as in the calendar feeds (`event-<id>@<host>`), times in UTC,
all-day events as dates, the organiser and attendees with their e-mail addresses."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event, vCalAddress

from sicrm.forum.schedule import times
from sicrm.forum.schedule.models import ScheduleEvent
from sicrm.forum.schedule.services import event_path

PRODID = "-//sicrm//Schedule//ZH"


def _address(name: str, email: str | None, role: str | None = None) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}" if email else "mailto:noreply@invalid")
    address.params["cn"] = name
    if role:
        address.params["role"] = role
    return address


def build(event: ScheduleEvent, host: str, base_url: str, now: datetime | None = None,
          contact_orgs: set[int] | None = None) -> bytes:
    """The event as iCalendar. External contacts' e-mail addresses are included only
    for organisations in `contact_orgs` (those whose contacts the reader may reach;
    None: all)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    entry = Event()
    entry.add("uid", f"event-{event.id}@{host}")
    entry.add("dtstamp", now or datetime.now(UTC))
    if event.all_day:
        first, last = times.local_days(event.start_dt, event.end_dt)
        entry.add("dtstart", first)
        entry.add("dtend", last + timedelta(days=1))
    else:
        entry.add("dtstart", event.start_dt.replace(tzinfo=UTC))
        entry.add("dtend", event.end_dt.replace(tzinfo=UTC))
    entry.add("summary", event.title)
    url = base_url.rstrip("/") + event_path(event.id)
    entry.add("url", url)
    entry.add("description", "\n".join(filter(None, [event.description, url])))
    if event.place:
        entry.add("location", event.place)
    entry.add("sequence", event.sequence)
    entry.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    if event.organizer is not None:
        entry.add("organizer", _address(event.organizer.full_name, event.organizer.email))
    for attendee in event.attendees:
        person = attendee.user or attendee.contact
        email = person.email
        if attendee.user is None and contact_orgs is not None and (
                person.organization_id not in contact_orgs):
            email = None
        entry.add("attendee", _address(person.full_name if attendee.user else person.name,
                                       email, "REQ-PARTICIPANT"), encode=0)
    calendar.add_component(entry)
    return calendar.to_ical()
