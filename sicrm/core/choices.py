"""Fixed lists used on organisations and contacts, with translated labels.

Codes are stored; labels are shown. Province codes are the GB/T 2260 prefixes."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from wtforms.fields.choices import SelectChoice

ORG_KIND_LABELS = {
    "customer": _l("Customer"),
    "partner": _l("Partner"),
    "supplier": _l("Supplier"),
    "competitor": _l("Competitor"),
    "government": _l("Government body"),
}

INDUSTRIES = {
    "government": _l("Government"),
    "finance": _l("Banking and finance"),
    "telecom": _l("Telecom"),
    "energy": _l("Energy"),
    "education": _l("Education"),
    "healthcare": _l("Healthcare"),
    "manufacturing": _l("Manufacturing"),
    "transport": _l("Transport"),
    "internet": _l("Internet"),
    "retail": _l("Retail"),
    "public_security": _l("Public security"),
    "other": _l("Other"),
}

LEVELS = {
    "strategic": _l("Strategic account"),
    "key": _l("Key account"),
    "normal": lazy_pgettext("customer level", "Normal"),
    "potential": _l("Potential"),
}

DECISION_ROLES = {
    "decision_maker": _l("Decision maker"),
    "influencer": _l("Influencer"),
    "user": _l("End user"),
    "technical_evaluator": _l("Technical evaluator"),
}

RELATIONSHIP_STRENGTHS = {
    0: _l("Unknown"),
    1: _l("Cold"),
    2: _l("Acquainted"),
    3: _l("Friendly"),
    4: _l("Trusted"),
    5: _l("Supporter"),
}

PROVINCES = {
    "11": _l("Beijing"),
    "12": _l("Tianjin"),
    "13": _l("Hebei"),
    "14": _l("Shanxi"),
    "15": _l("Inner Mongolia"),
    "21": _l("Liaoning"),
    "22": _l("Jilin"),
    "23": _l("Heilongjiang"),
    "31": _l("Shanghai"),
    "32": _l("Jiangsu"),
    "33": _l("Zhejiang"),
    "34": _l("Anhui"),
    "35": _l("Fujian"),
    "36": _l("Jiangxi"),
    "37": _l("Shandong"),
    "41": _l("Henan"),
    "42": _l("Hubei"),
    "43": _l("Hunan"),
    "44": _l("Guangdong"),
    "45": _l("Guangxi"),
    "46": _l("Hainan"),
    "50": _l("Chongqing"),
    "51": _l("Sichuan"),
    "52": _l("Guizhou"),
    "53": _l("Yunnan"),
    "54": _l("Tibet"),
    "61": _l("Shaanxi"),
    "62": _l("Gansu"),
    "63": _l("Qinghai"),
    "64": _l("Ningxia"),
    "65": _l("Xinjiang"),
    "71": _l("Taiwan"),
    "81": _l("Hong Kong"),
    "82": _l("Macao"),
    "99": _l("Outside mainland China"),
}


#: record types in the audit log (model class name → label)
AUDIT_TYPES = {
    "Organization": _l("Organisation"),
    "Contact": _l("Contact"),
    "User": _l("User"),
    "Department": _l("Department"),
}


def options(mapping: dict, blank: str | None = None) -> list[SelectChoice]:
    """Choices for a SelectField, optionally led by a blank one."""
    pairs = [SelectChoice(str(code), label) for code, label in mapping.items()]
    return ([SelectChoice("", blank)] if blank is not None else []) + pairs


def pairs(rows, blank: str | None = "—") -> list[SelectChoice]:
    """Choices from (value, label) rows, led by an empty choice (value None)."""
    lead = [SelectChoice("", blank)] if blank is not None else []
    return lead + [SelectChoice(value, label) for value, label in rows]
