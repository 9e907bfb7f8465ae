"""Labels of document control's codes."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

CATEGORY_LABELS = {
    "management": _l("Management"),
    "technical": _l("Technical"),
    "commercial": _l("Commercial"),
    "contract": _l("Contract"),
    "acceptance": _l("Acceptance and quality"),
    "other": _l("Other"),
}

VERSION_STATUS_LABELS = {
    "draft": _l("Draft"),
    "in_review": _l("In review"),
    "approved": _l("Approved"),
    "rejected": _l("Rejected"),
    "superseded": _l("Superseded"),
    "obsolete": _l("Obsolete"),
}

VERSION_STATUS_STYLES = {
    "draft": "secondary", "in_review": "info", "approved": "success", "rejected": "danger",
    "superseded": "light", "obsolete": "dark",
}

EXTRACTION_LABELS = {
    "ok": _l("Text extracted"),
    "empty": _l("No text found (a scan?)"),
    "failed": _l("The text could not be read"),
    "encrypted": _l("Password-protected: no text read"),
    "unsupported": _l("No text is read from this type"),
    "too_large": _l("Too large to read: text not extracted"),
}

DECISION_LABELS = {"approve": _l("Approve"), "reject": _l("Reject")}
