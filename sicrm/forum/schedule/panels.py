"""The schedule on other pages: a section of an organisation's page
(sicrm.core.org_sections) and a home-page widget (sicrm.core.dashboard)."""
from __future__ import annotations

from datetime import timedelta

from flask import render_template
from markupsafe import Markup

from sicrm.core.models import utcnow
from sicrm.extensions import db
from sicrm.forum.schedule import queries, times
from sicrm.forum.schedule.models import ScheduleEvent


def organization_section(user, org) -> Markup | None:
    """The organisation's latest and coming events the user may see, and a button to
    schedule one; two queries at most."""
    events = queries.organization_events(user, org)
    return Markup(render_template("schedule/_org_section.html", org=org, events=events,
                                  kinds=queries.KIND_LABELS, times=times))


#: how far ahead the home page looks, and how many events it lists
UPCOMING_DAYS, SHOWN = 7, 6


def my_upcoming(user) -> Markup | None:
    """The home page's widget: my events of the coming week (two queries); nothing
    when there are none."""
    now = utcnow()
    events = db.session.scalars(queries.my_events(user, now=now, attendees=False).where(
        ScheduleEvent.start_dt < now + timedelta(days=UPCOMING_DAYS),
        ScheduleEvent.status == "scheduled").limit(SHOWN + 1)).all()
    if not events:
        return None
    return Markup(render_template("schedule/_widget.html", events=events[:SHOWN],
                                  more=len(events) > SHOWN, kinds=queries.KIND_LABELS,
                                  times=times, days=UPCOMING_DAYS))


def contact_section(user, contact) -> Markup | None:
    """On a contact's page: the events the contact attends that the user may see."""
    events = queries.contact_events(user, contact)
    if not events:
        return None
    return Markup(render_template("schedule/_contact_section.html", events=events,
                                  kinds=queries.KIND_LABELS, times=times))
