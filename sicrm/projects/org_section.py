"""The organisation page's "As a customer" section: the projects `user` may see in
which the organisation is the customer, the pipeline (open presales amounts) and what
was won. Two queries whatever the number of projects."""
from __future__ import annotations

from decimal import Decimal

from flask import render_template
from flask_babel import get_locale
from markupsafe import Markup
from sqlalchemy import case, func, select
from sqlalchemy.orm import joinedload

from sicrm.extensions import db
from sicrm.projects.choices import KIND_LABELS, STATUS_LABELS
from sicrm.projects.models import Project
from sicrm.projects.permissions import visible_filter

#: rows listed on the page; the project list filtered by customer shows them all
SHOWN = 50


def customer_summary(user, organization) -> dict:
    """Counts and amounts of the organisation's projects as customer that `user` may
    see. Pipeline: open presales projects' estimated amounts; won: presales projects
    won, at their signed amount (implementation projects carry the same contract and
    are not added again)."""
    presales = Project.kind == "presales"
    won_amount = func.coalesce(Project.signed_amount, Project.amount)
    row = db.session.execute(
        select(func.count(Project.id).label("projects"),
               func.sum(case((presales & (Project.status == "active"), 1), else_=0))
               .label("open"),
               func.sum(case((presales & (Project.status == "active"), Project.amount),
                             else_=None)).label("pipeline"),
               func.sum(case((presales & (Project.status == "won"), 1), else_=0))
               .label("won"),
               func.sum(case((presales & (Project.status == "won"), won_amount),
                             else_=None)).label("won_amount"))
        .where(Project.customer_id == organization.id, visible_filter(user))).one()
    return {"projects": row.projects or 0, "open": row.open or 0,
            "pipeline": _money(row.pipeline), "won": row.won or 0,
            "won_amount": _money(row.won_amount)}


def customer_projects(user, organization, limit: int = SHOWN) -> list[Project]:
    return list(db.session.scalars(
        select(Project).where(Project.customer_id == organization.id, visible_filter(user))
        .options(joinedload(Project.pm), joinedload(Project.current_stage))
        .order_by(Project.created_dt.desc(), Project.id.desc()).limit(limit)))


def _money(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def organization_section(user, organization):
    summary = customer_summary(user, organization)
    if not summary["projects"]:
        return None
    locale = "en" if get_locale().language == "en" else "zh_CN"
    return Markup(render_template(
        "projects/_org_customer.html", org=organization, summary=summary,
        projects=customer_projects(user, organization), shown=SHOWN, locale=locale,
        kinds=KIND_LABELS, statuses=STATUS_LABELS))
