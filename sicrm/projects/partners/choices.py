"""Labels for the codes partners, competitors and assessments store."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

PARTNER_ROLE_LABELS = {
    "vendor": _l("Vendor (OEM)"),
    "subcontractor": _l("Subcontractor"),
    "agent": _l("Agent / distributor"),
    "design_institute": _l("Design institute"),
    "government": _l("Government body"),
    "supervisor": _l("Supervisor"),
    "consultant": _l("Consultant"),
    "other": _l("Other"),
}

PARTNER_STATUS_LABELS = {
    "prospective": _l("Prospective"),
    "negotiating": _l("Negotiating"),
    "contracted": _l("Contracted"),
    "delivering": _l("Delivering"),
    "completed": _l("Completed"),
    "terminated": _l("Terminated"),
}

POSITION_LABELS = {
    "leading": _l("Leading"),
    "strong": _l("Strong"),
    "even": _l("Even with us"),
    "weak": _l("Weak"),
    "out": _l("Out"),
}

#: badge colours per position (threat to us)
POSITION_BADGES = {"leading": "danger", "strong": "warning", "even": "info",
                   "weak": "success", "out": "secondary"}
