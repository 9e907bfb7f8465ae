"""How finance events read in the project's history (added to the project's
message table when the blueprint registers)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from sicrm.projects import history

MESSAGES = {
    "budget_set": _l("Set the budget to %(amount)s in all."),
    "expense_submitted": _l("Submitted the expense “%(expense)s” of %(amount)s (spent by "
                            "%(user)s)."),
    "expense_changed": _l("Corrected the expense “%(expense)s” (%(amount)s)."),
    "expense_resubmitted": _l("Corrected and resubmitted the expense “%(expense)s” "
                              "(%(amount)s)."),
    "expense_withdrawn": _l("Withdrew the expense “%(expense)s” (%(amount)s)."),
    "expense_approved": _l("Approved the expense “%(expense)s” (%(amount)s)."),
    "expense_rejected": _l("Rejected the expense “%(expense)s” (%(amount)s): %(note)s"),
    "instalment_added": _l("Added the instalment “%(instalment)s” (%(amount)s) to the "
                           "payment plan."),
    "instalment_changed": _l("Changed the instalment “%(instalment)s”."),
    "instalment_removed": _l("Removed the instalment “%(instalment)s” from the payment plan."),
    "invoice_issued": _l("Recorded invoice %(number)s of %(amount)s for “%(instalment)s”."),
    "invoice_removed": _l("Removed invoice %(number)s (%(amount)s)."),
    "payment_received": _l("Recorded %(amount)s received for “%(instalment)s”."),
    "receipt_removed": _l("Removed a receipt of %(amount)s for “%(instalment)s”."),
}


def register() -> None:
    history.MESSAGES.update(MESSAGES)
