"""Labels for project codes shown on pages (codes are stored; labels are shown)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

KIND_LABELS = {
    "presales": _l("Presales"),
    "implementation": _l("Implementation"),
}

STATUS_LABELS = {
    "active": _l("In progress"),
    "won": _l("Won"),
    "lost": _l("Lost"),
    "abandoned": _l("Abandoned"),
    "accepted": _l("Accepted"),
    "closed": _l("Closed"),
}

STAGE_STATUS_LABELS = {
    "pending": _l("Not started"),
    "active": _l("In progress"),
    "done": _l("Finished"),
}

OUTCOME_LABELS = {"lost": _l("Lost to a competitor"), "abandoned": _l("Abandoned (we withdrew)")}

OUTCOME_REASON_LABELS = {
    "price": _l("Price"),
    "technology": _l("Technology or solution"),
    "relationship": _l("Customer relationship"),
    "qualification": _l("Qualification"),
    "timing": _l("Timing"),
    "budget_cut": _l("Budget cut"),
    "requirement_changed": _l("Requirement changed"),
    "other": _l("Other"),
}

TASK_STATUS_LABELS = {
    "open": _l("Open"),
    "in_progress": _l("In progress"),
    "done": _l("Done"),
    "cancelled": _l("Cancelled"),
}

MILESTONE_STATUS_LABELS = {"open": _l("Open"), "done": _l("Done"),
                           "cancelled": _l("Cancelled")}

#: scopes of "my milestones": owned by me, of projects I manage as PM, or both
MILESTONE_SCOPES = {"all": _l("Mine and my projects'"), "mine": _l("Owned by me"),
                    "managed": _l("Of projects I manage")}

SORTS = {
    "-created": _l("Newest"),
    "created": _l("Oldest"),
    "code": _l("Code"),
    "name": _l("Name A–Z"),
    "-amount": _l("Largest amount"),
    "amount": _l("Smallest amount"),
    "sign": _l("Expected signing date"),
    "stage_end": _l("Stage due soonest"),
}
