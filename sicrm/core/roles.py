"""Global roles. A user may hold several; project team roles come with projects."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

ADMIN = "admin"
EXECUTIVE = "executive"
DEPT_MANAGER = "dept_manager"
SALES = "sales"
PROJECT_MANAGER = "pm"
PRESALES = "presales"
ENGINEER = "engineer"
FINANCE = "finance"

ROLE_LABELS = {
    ADMIN: _l("Administrator"),
    EXECUTIVE: _l("Executive"),
    DEPT_MANAGER: _l("Department manager"),
    SALES: _l("Sales / bid"),
    PROJECT_MANAGER: _l("Project manager"),
    PRESALES: _l("Presales engineer"),
    ENGINEER: _l("Engineer"),
    FINANCE: _l("Finance"),
}

ALL_ROLES = tuple(ROLE_LABELS)
