"""Labels of task statuses, priorities, list filters and history events."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l

from sicrm.core import i18n
from sicrm.projects.choices import TASK_STATUS_LABELS

STATUS_LABELS = TASK_STATUS_LABELS
PRIORITY_LABELS = {"low": _l("Low"), "normal": _l("Normal"), "high": _l("High"),
                   "urgent": _l("Urgent")}
PRIORITY_CLASSES = {"low": "text-bg-light", "normal": "text-bg-secondary",
                    "high": "text-bg-warning", "urgent": "text-bg-danger"}
FILTER_LABELS = {"open": _l("Open"), "overdue": _l("Overdue"), "week": _l("Due this week"),
                 "done": _l("Done"), "cancelled": _l("Cancelled"), "all": _l("All")}
SOURCE_LABELS = {"manual": _l("Made by hand"), "template": _l("Key task of the template"),
                 "routing": _l("From a routing rule"), "thread": _l("From a discussion")}

EVENT_MESSAGES = {
    "created": _l("Created the task."),
    "edited": _l("Edited the task (%(fields)s)."),
    "redated": _l("Moved the due date from %(date_from)s to %(date_to)s."),
    "reassigned": _l("Reassigned the task from %(assignee_from)s to %(assignee_to)s."),
    "started": _l("Started the task."),
    "paused": _l("Put the task back to open."),
    "done": _l("Marked the task done."),
    "cancelled": _l("Cancelled the task: %(reason)s"),
    "reopened": _l("Reopened the task."),
    "linked": _l("Made from the discussion “%(thread)s”."),
    "closed_with_stage": _l("Cancelled with the stage “%(stage)s”, which was finished."),
    "closed_with_project": _l("Cancelled with the project, which was decided or closed."),
}
FIELD_LABELS = {"title": _l("title"), "description": _l("description"),
                "priority": _l("priority"), "milestone": _l("stage or milestone")}


def describe(event) -> str:
    params = dict(event.params or {})
    for key in ("date_from", "date_to"):
        if key in params:
            params[key] = i18n.date(date.fromisoformat(params[key])) if params[key] else "—"
    for key in ("assignee_from", "assignee_to"):
        if key in params:
            params[key] = params[key] or "—"
    if "fields" in params:
        params["fields"] = ", ".join(str(FIELD_LABELS.get(f, f)) for f in params["fields"])
    message = EVENT_MESSAGES.get(event.kind)
    if message is None:
        return event.kind
    try:
        return str(message) % params
    except (KeyError, TypeError, ValueError):
        return str(message)
