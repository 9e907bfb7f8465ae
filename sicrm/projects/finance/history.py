"""How expense events read in the project's history (added to the project's message
table when the blueprint registers). The history is open to everyone who sees the
project, so these carry no amounts, and budget and revenue changes stay out of it
(they are in the audit log; expense decisions also in expense_decisions)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from sicrm.projects import history

MESSAGES = {
    "expense_submitted": _l("Submitted the expense “%(expense)s” (spent by %(user)s)."),
    "expense_changed": _l("Corrected the expense “%(expense)s”."),
    "expense_resubmitted": _l("Corrected and resubmitted the expense “%(expense)s”."),
    "expense_withdrawn": _l("Withdrew the expense “%(expense)s”."),
    "expense_approved": _l("Approved the expense “%(expense)s”."),
    "expense_rejected": _l("Rejected the expense “%(expense)s”: %(note)s"),
}


def register() -> None:
    history.MESSAGES.update(MESSAGES)
