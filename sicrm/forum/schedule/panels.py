"""The schedule's section of an organisation's page (sicrm.core.org_sections)."""
from __future__ import annotations

from flask import render_template
from markupsafe import Markup

from sicrm.forum.schedule import queries, times


def organization_section(user, org) -> Markup | None:
    """The organisation's latest and coming events the user may see, and a button to
    schedule one; two queries at most."""
    events = queries.organization_events(user, org)
    return Markup(render_template("schedule/_org_section.html", org=org, events=events,
                                  kinds=queries.KIND_LABELS, times=times))
