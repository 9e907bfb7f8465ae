"""Labels of document control's codes."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from sicrm.templates_lib.choices import DOCUMENT_CATEGORY_LABELS

#: the categories are the templates' (a required document has one)
CATEGORY_LABELS = DOCUMENT_CATEGORY_LABELS

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
