"""How the project's history tells partner, competitor and analysis events (added to
sicrm.projects.history.MESSAGES when the blueprint is registered)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

MESSAGES = {
    "partner_added": _l("Added %(organization)s as a partner."),
    "partner_changed": _l("Changed the partner %(organization)s."),
    "partner_removed": _l("Removed the partner %(organization)s."),
    "competitor_added": _l("Added %(organization)s as a competitor."),
    "competitor_assessed": _l("Assessed the competitor %(organization)s at “%(stage)s”."),
    "competitor_removed": _l("Removed the competitor %(organization)s."),
    "analysis_saved": _l("Wrote the win/loss analysis (main reason: %(reason)s)."),
}
