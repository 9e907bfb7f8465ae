"""Role words templates use; projects resolve them to people.

TEAM_ROLES: a member's role on a project team; also who owns a key task or milestone.
REVIEWER_ROLES: who reviews a gate or approves a required document, resolved when
needed: pm/sales/presales → the project's team members with that role;
dept_manager → the head of the project's owning department and the department
managers in it; executive/finance → users holding that global role."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

TEAM_ROLES = {
    "pm": _l("Project manager"),
    "sales": _l("Sales / bid"),
    "presales": _l("Presales engineer"),
    "engineer": _l("Engineer"),
    "observer": _l("Observer"),
}

REVIEWER_ROLES = {
    "pm": _l("Project manager"),
    "sales": _l("Sales / bid"),
    "presales": _l("Presales engineer"),
    "dept_manager": _l("Manager of the owning department"),
    "executive": _l("Executive"),
    "finance": _l("Finance"),
}

GATE_RULES = {
    "all": _l("All reviewers must approve"),
    "any": _l("Any one reviewer's approval is enough"),
    "majority": _l("A majority of reviewers must approve"),
}
