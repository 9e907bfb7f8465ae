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

#: categories of a required document (and of every project document): its number
#: carries the category's code (PS-2026-0042-CTR-001)
DOCUMENT_CATEGORY_LABELS = {
    "management": _l("Management"),
    "technical": _l("Technical"),
    "commercial": _l("Commercial"),
    "contract": _l("Contract"),
    "acceptance": _l("Acceptance and quality"),
    "other": _l("Other"),
}
DOCUMENT_CATEGORIES = tuple(DOCUMENT_CATEGORY_LABELS)

#: words of a document's key or name that tell its category, first match wins; for
#: definitions written before required documents had one (imports, old versions)
CATEGORY_HINTS = (
    ("contract", ("contract", "合同", "协议")),
    ("acceptance", ("acceptance", "trial", "验收", "试运行", "质保", "service_plan")),
    ("commercial", ("quotation", "bid", "tender", "price", "purchase", "报价", "投标", "标书",
                    "商务", "采购")),
    ("technical", ("solution", "design", "survey", "deployment", "technical", "方案", "设计",
                   "调研", "部署", "技术")),
    ("management", ("approval", "kickoff", "minutes", "plan", "立项", "纪要",
                    "计划", "清单", "启动")),
)


def guess_document_category(key: str, name: str) -> str:
    """The category a required document without one most likely has (else other)."""
    words = f"{key or ''} {name or ''}".lower()
    for category, hints in CATEGORY_HINTS:
        if any(hint in words for hint in hints):
            return category
    return "other"
