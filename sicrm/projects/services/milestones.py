"""Milestones reached."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l

from sicrm.core.audit import set_actor
from sicrm.core.errors import ServiceError
from sicrm.extensions import db
from sicrm.projects.models import Milestone
from sicrm.projects.services import events


def complete_milestone(actor, milestone: Milestone, on: date | None = None) -> Milestone:
    """Mark an open milestone reached (today unless `on` is given)."""
    set_actor(actor)
    project = milestone.stage.project
    if not project.is_open:
        raise ServiceError(_l("This project is closed; it can no longer be changed."))
    if milestone.status != "open":
        raise ServiceError(_l("This milestone is already done."))
    milestone.status = "done"
    milestone.done_date = on or date.today()
    milestone.done_by_id = getattr(actor, "id", None)
    events.record(project, "milestone_done", actor, milestone=milestone.name,
                  date=milestone.done_date.isoformat())
    db.session.flush()
    return milestone
