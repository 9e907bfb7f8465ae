"""A project's events (ProjectEvent rows) told as sentences in the reader's language."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l

from sicrm.core import i18n
from sicrm.projects.choices import OUTCOME_REASON_LABELS
from sicrm.templates_lib.roles import TEAM_ROLES

#: kind → lazy message; some kinds have variants chosen by their parameters
MESSAGES = {
    "created": _l("Created the project from template “%(template)s”, version %(version)s."),
    "stage_finished": _l("Finished the stage “%(stage)s”."),
    "replanned_start": _l("Moved the start from %(start_from)s to %(start_to)s."),
    "replanned_end": _l("Corrected the end of “%(stage)s” from %(end_from)s to %(end_to)s."),
    "won": _l("Marked the project won at %(amount)s; implementation project %(implementation)s "
              "was created."),
    "lost": _l("Marked the project lost (reason: %(reason)s)."),
    "lost_winner": _l("Marked the project lost to %(winner)s (reason: %(reason)s)."),
    "abandoned": _l("Abandoned the project (reason: %(reason)s)."),
    "member_set": _l("Put %(user)s on the team as %(role)s."),
    "member_removed": _l("Removed %(user)s from the team."),
    "document_submitted": _l("Handed in “%(document)s” (%(file)s)."),
    "milestone_done": _l("Reached the milestone “%(milestone)s” on %(date)s."),
    "milestone_added": _l("Added the milestone “%(milestone)s” to “%(stage)s”, planned for "
                          "%(date)s."),
    "milestone_edited": _l("Changed the milestone “%(milestone)s”."),
    "milestone_replanned": _l("Moved the milestone “%(milestone)s” from %(date_from)s to "
                              "%(date_to)s."),
    "milestone_cancelled": _l("Cancelled the milestone “%(milestone)s”: %(reason)s"),
    "milestone_reopened": _l("Reopened the milestone “%(milestone)s”."),
    "gate_submitted": _l("Submitted the gate of “%(stage)s” for review (round %(round)s)."),
    "gate_approved": _l("The gate of “%(stage)s” was approved."),
    "gate_rejected": _l("The gate of “%(stage)s” was rejected: %(reasons)s"),
    "routing_applied": _l("Applied the routing rule “%(rule)s”."),
    "leftovers_closed": _l("Cancelled with the finished stage “%(stage)s” what was still "
                           "open: %(milestones)s milestone(s) and %(tasks)s task(s)."),
    "leftovers_closed_project": _l("Cancelled with the project what was still open: "
                                   "%(milestones)s milestone(s) and %(tasks)s task(s)."),
}


def _date(value) -> str:
    try:
        return i18n.date(date.fromisoformat(value))
    except (TypeError, ValueError):
        return value or "—"


def _params(event, locale: str) -> tuple[str, dict]:
    params = dict(event.params or {})
    kind = event.kind
    if locale == "en":
        for key in ("stage", "template"):
            if params.get(f"{key}_en"):
                params[key] = params[f"{key}_en"]
    if kind == "replanned":
        kind = "replanned_end" if "end_to" in params else "replanned_start"
    if kind == "milestone_edited" and "date_to" in params:
        kind = "milestone_replanned"
    if kind == "leftovers_closed" and "outcome" in params:
        kind = "leftovers_closed_project"
    if kind == "lost" and params.get("winner"):
        kind = "lost_winner"
    if "reason" in params:
        params["reason"] = OUTCOME_REASON_LABELS.get(params["reason"], params["reason"])
    if "role" in params:
        params["role"] = TEAM_ROLES.get(params["role"], params["role"])
    if "amount" in params:
        params["amount"] = i18n.money(params["amount"]) if params["amount"] else "—"
    for key in ("start_from", "start_to", "end_from", "end_to", "date", "date_from", "date_to"):
        if key in params:
            params[key] = _date(params[key])
    return kind, params


def describe(event, locale: str) -> str:
    kind, params = _params(event, locale)
    message = MESSAGES.get(kind)
    if message is None:
        return event.kind
    try:
        return str(message) % params
    except (KeyError, TypeError, ValueError):
        return str(message)
