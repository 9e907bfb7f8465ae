"""Labels for template codes shown on pages."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

KIND_LABELS = {
    "presales": _l("Presales project"),
    "implementation": _l("Implementation project"),
}

STATUS_LABELS = {"draft": _l("Draft"), "published": _l("Published")}

ITEM_KIND_LABELS = {"tasks": _l("Key tasks"), "milestones": _l("Milestones"),
                    "documents": _l("Required documents")}

EXPORT_FORMATS = {"json": "JSON", "yaml": "YAML"}
