"""A project's events (ProjectEvent rows) told as sentences in the reader's language.

Packages add their kinds to MESSAGES. An event that names something with its own
permissions (a knowledge article, another project…) is told through the owning
package's check: `register_references(kinds, hidden)` where `hidden(reader, events)`
returns the ids of the events whose reference `reader` may not see (one query for
the whole list); those are told with MESSAGES[f"{kind}_restricted"], which names no
title, or with RESTRICTED when the package has none. This package never imports the
ones that register (knowledge registers its articles)."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l

from sqlalchemy import or_, select

from sicrm.core import i18n
from sicrm.core.choices import INDUSTRIES
from sicrm.extensions import db
from sicrm.projects.models import Project
from sicrm.projects.permissions import visible_filter
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
    "edited": _l("Edited the project: %(changes)s."),
    "won_restricted": _l("Marked the project won at %(amount)s; an implementation project "
                         "was created."),
    "calendar_replanned": _l("Re-planned on the official calendar of %(year)s (%(moved)s "
                             "dates moved)."),
    "leftovers_closed": _l("Cancelled with the finished stage “%(stage)s” what was still "
                           "open: %(milestones)s milestone(s) and %(tasks)s task(s)."),
    "leftovers_closed_project": _l("Cancelled with the project what was still open: "
                                   "%(milestones)s milestone(s) and %(tasks)s task(s)."),
}
#: an event whose reference the reader may not see, when its kind has no neutral text
RESTRICTED = _l("A change concerning something you may not see.")
#: (kinds, hidden(reader, events) -> set of event ids) from each owning package
REFERENCES: list[tuple[frozenset, object]] = []


def register_references(kinds, hidden) -> None:
    """`hidden(reader, events)`: the ids of those of `events` (all of a kind in
    `kinds`) whose reference `reader` may not see."""
    REFERENCES.append((frozenset(kinds), hidden))

#: the fields of an "edited" event (sicrm.projects.services.editing.FIELDS)
FIELD_LABELS = {
    "name": _l("Project name"),
    "customer": _l("Customer"),
    "amount": _l("Estimated amount (CNY)"),
    "win_probability": _l("Win probability (%)"),
    "expected_sign_date": _l("Expected signing date"),
    "industry": _l("Industry"),
    "category": _l("Business category"),
    "department": _l("Owning department"),
    "pm": _l("Project manager"),
}
CHANGE = _l("%(field)s from “%(before)s” to “%(after)s”")


def _date(value) -> str:
    try:
        return i18n.date(date.fromisoformat(value))
    except (TypeError, ValueError):
        return value or "—"


def _value(field: str, value) -> str:
    if value in (None, ""):
        return "—"
    if field == "amount":
        return i18n.money(value)
    if field == "win_probability":
        return f"{value}%"
    if field == "expected_sign_date":
        return _date(value)
    if field == "industry":
        return str(INDUSTRIES.get(value, value))
    return str(value)


def _changes(changes) -> str:
    return "; ".join(str(CHANGE) % {
        "field": FIELD_LABELS.get(change.get("field"), change.get("field")),
        "before": _value(change.get("field"), change.get("from")),
        "after": _value(change.get("field"), change.get("to"))}
        for change in changes or ())


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
    if kind == "edited":
        params["changes"] = _changes(params.get("changes"))
    if "amount" in params:
        params["amount"] = i18n.money(params["amount"]) if params["amount"] else "—"
    for key in ("start_from", "start_to", "end_from", "end_to", "date", "date_from", "date_to"):
        if key in params:
            params[key] = _date(params[key])
    return kind, params


def hidden_events(events, reader) -> set:
    """The ids of `events` whose reference `reader` may not see (one check per
    registered reference kind, whatever the number of events)."""
    hidden: set = set()
    for kinds, check in REFERENCES:
        mine = [event for event in events if event.kind in kinds]
        if mine:
            hidden |= set(check(reader, mine))
    return hidden


def describe_all(events, locale: str, reader) -> list[tuple[object, str]]:
    """(event, sentence) for each event, as `reader` may read it."""
    hidden = hidden_events(events, reader)
    return [(event, describe(event, locale, restricted=event.id in hidden))
            for event in events]


def describe(event, locale: str, restricted: bool = False) -> str:
    """One event as a sentence; `restricted` tells it without the reference the
    reader may not see (describe_all decides)."""
    kind, params = _params(event, locale)
    if restricted:
        message = MESSAGES.get(f"{event.kind}_restricted") or RESTRICTED
        try:
            return str(message) % params
        except (KeyError, TypeError, ValueError):
            return str(RESTRICTED)
    message = MESSAGES.get(kind)
    if message is None:
        return event.kind
    try:
        return str(message) % params
    except (KeyError, TypeError, ValueError):
        return str(message)


def _hidden_projects(reader, events) -> set:
    """"won" names the implementation project: told only to who may see it."""
    ids = {e.params.get("implementation_id") for e in events} - {None}
    codes = {e.params.get("implementation") for e in events} - {None}
    seen = db.session.execute(select(Project.id, Project.code).where(
        or_(Project.id.in_(ids), Project.code.in_(codes)), visible_filter(reader))).all()
    seen_ids, seen_codes = {row.id for row in seen}, {row.code for row in seen}
    return {e.id for e in events
            if (e.params.get("implementation_id") not in seen_ids
                if e.params.get("implementation_id") is not None
                else e.params.get("implementation") not in seen_codes)}


register_references(("won",), _hidden_projects)
