"""Labels for finance codes, in the reader's language."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

CATEGORY_LABELS = {
    "equipment": _l("Equipment"),
    "software": _l("Software"),
    "subcontracting": _l("Subcontracting"),
    "labour": _l("Labour"),
    "travel": _l("Travel"),
    "entertainment": _l("Entertainment"),
    "other": _l("Other"),
}

EXPENSE_STATUS_LABELS = {
    "submitted": _l("Waiting for the PM"),
    "pm_approved": _l("Waiting for finance"),
    "approved": _l("Approved"),
    "rejected": _l("Rejected"),
}

LEVEL_LABELS = {"pm": _l("Project manager"), "finance": _l("Finance")}

DECISION_LABELS = {"approved": _l("Approved"), "rejected": _l("Rejected")}
