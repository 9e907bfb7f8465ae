"""What the project page's "Partners & competitors" tab shows, exposed to templates as
`partners_panel(project)`; and the section the organisation page shows."""
from __future__ import annotations

from flask import render_template
from flask_babel import get_locale
from flask_login import current_user
from markupsafe import Markup

from sicrm.core import permissions as CP
from sicrm.core.forms import ConfirmForm
from sicrm.projects.partners import permissions as P
from sicrm.projects.partners import queries, reasons
from sicrm.projects.partners.choices import (
    PARTNER_ROLE_LABELS,
    PARTNER_STATUS_LABELS,
    POSITION_BADGES,
    POSITION_LABELS,
)


def _locale() -> str:
    return "en" if get_locale().language == "en" else "zh_CN"


LABELS = {"roles": PARTNER_ROLE_LABELS, "statuses": PARTNER_STATUS_LABELS,
          "positions": POSITION_LABELS, "badges": POSITION_BADGES}


def partners_panel(project) -> dict:
    presales = project.kind == "presales"
    competitors = queries.competitors(project) if presales else []
    picture = queries.competitive_picture(
        competitors, queries.assessments(project) if competitors else [],
        queries.stages(project) if competitors else [])
    closed = project.status in P.CLOSED_PRESALES and presales
    analysis = queries.analysis(project) if closed else None
    lang = _locale()
    partners = queries.partners(project)
    return {
        "partners": partners,
        "contact_orgs": CP.contact_detail_orgs(current_user,
                                               {p.organization for p in partners}),
        "competitors": competitors,
        "picture": picture,
        "presales": presales,
        "closed": closed,
        "analysis": analysis,
        "reason_labels": reasons.reason_labels(lang) if closed else {},
        "can_change_partners": P.can_change_partners(current_user, project),
        "can_change_competitors": P.can_change_competitors(current_user, project),
        "can_edit_analysis": P.can_edit_analysis(current_user, project),
        "labels": LABELS,
        "locale": lang,
        "confirm": ConfirmForm(),
    }


def organization_section(user, organization):
    """Partner roles and the competitive record of `organization`, on its page."""
    roles = queries.organization_partner_roles(user, organization)
    record = queries.organization_competitor_record(user, organization)
    if not roles["totals"]["projects"] and not record["projects"]:
        return None
    return Markup(render_template("partners/_org_section.html", org=organization, roles=roles,
                                  record=record, labels=LABELS))


def contact_section(user, contact):
    """On a contact's page: the projects the contact plays a part in (as one of a
    partner's contacts) that `user` may see. One query."""
    rows = queries.contact_projects(user, contact)
    if not rows:
        return None
    return Markup(render_template("partners/_contact_section.html", rows=rows, labels=LABELS))
