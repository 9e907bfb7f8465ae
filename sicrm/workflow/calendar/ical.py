"""iCalendar (RFC 5545) text for calendar items: all-day VEVENTs (timed ones in UTC
for entries with a time, such as the schedule's events) with stable UIDs, which
Outlook and Thunderbird subscribe to."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from flask_babel import gettext as _
from icalendar import Calendar, Event

from sicrm.projects.urls import project_path
from sicrm.workflow.calendar.items import Item

PRODID = "-//sicrm//Project calendar//ZH"
TIMEZONE = "Asia/Shanghai"


def title(item: Item) -> str:
    """The event's summary in the current (the feed owner's) language."""
    code = f" · {item.project_code}" if item.project_code else ""
    if item.summary:
        text = item.summary
    elif item.kind == "milestone":
        text = _("Milestone: %(name)s", name=item.title)
    elif item.kind == "review":
        text = _("Gate review: %(stage)s", stage=item.title)
    elif item.kind == "task":
        text = _("Task: %(title)s", title=item.title)
    else:
        text = _("Stage: %(stage)s", stage=item.title)
    if item.status == "done":
        text = _("%(title)s (done)", title=text)
    return text + code


def build(name: str, items: list[Item], host: str, base_url: str,
          now: datetime | None = None) -> bytes:
    """The calendar named `name`; UIDs are `<kind>-<id>@<host>`; each event links to
    its project under `base_url`."""
    now = now or datetime.now(timezone.utc)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TIMEZONE)
    calendar.add("x-published-ttl", "PT1H")
    for item in items:
        event = Event()
        event.add("uid", f"{item.uid_name}@{host}")
        event.add("dtstamp", now)
        if item.timed:
            event.add("dtstart", item.start_dt.replace(tzinfo=timezone.utc))
            event.add("dtend", item.end_dt.replace(tzinfo=timezone.utc))
        else:
            event.add("dtstart", item.start)
            event.add("dtend", item.end + timedelta(days=1))
        if item.sequence:
            event.add("sequence", item.sequence)
        if item.location:
            event.add("location", item.location)
        event.add("summary", title(item))
        lines = [item.project_name] if item.project_name else []
        if item.detail:
            lines.append(item.detail)
        if item.url or item.project_id:
            url = base_url.rstrip("/") + (item.url or project_path(item.project_id))
            event.add("url", url)
            lines.append(url)
        if lines:
            event.add("description", "\n".join(lines))
        event.add("status", "CANCELLED" if item.status == "cancelled" else "CONFIRMED")
        event.add("transp", "OPAQUE" if item.timed else "TRANSPARENT")
        event.add("categories", [item.kind])
        calendar.add_component(event)
    return calendar.to_ical()
