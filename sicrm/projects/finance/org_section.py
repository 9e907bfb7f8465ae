"""The organisation page's "Receivables" section: what its projects as customer were
invoiced and paid, and what is outstanding or overdue, over the projects whose
revenue the reader may see (permissions.revenue_visible_filter). One query."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask import render_template
from markupsafe import Markup
from sqlalchemy import func, select

from sicrm.extensions import db
from sicrm.projects.finance.models import Instalment, Invoice, Receipt
from sicrm.projects.finance.permissions import revenue_visible_filter
from sicrm.projects.finance.services.revenue import instalment_amount
from sicrm.projects.models import Milestone, Project

ZERO = Decimal("0.00")


@dataclass
class Receivables:
    projects: int = 0
    planned: Decimal = ZERO
    invoiced: Decimal = ZERO
    received: Decimal = ZERO
    overdue: Decimal = ZERO

    @property
    def outstanding(self) -> Decimal:
        return max(self.planned - self.received, ZERO)


def _sum_by_instalment(model):
    return (select(model.instalment_id, func.sum(model.amount).label("total"))
            .group_by(model.instalment_id).subquery())


def receivables(user, organization, today: date | None = None) -> Receivables:
    today = today or date.today()
    invoiced = _sum_by_instalment(Invoice)
    received = _sum_by_instalment(Receipt)
    due = func.coalesce(Instalment.due_date, Milestone.planned_date)
    rows = db.session.execute(
        select(Instalment.project_id, Instalment.percent, Instalment.amount, due.label("due"),
               Project.signed_amount, Project.amount.label("project_amount"),
               func.coalesce(invoiced.c.total, 0).label("invoiced"),
               func.coalesce(received.c.total, 0).label("received"))
        .join(Project, Project.id == Instalment.project_id)
        .outerjoin(Milestone, Milestone.id == Instalment.milestone_id)
        .outerjoin(invoiced, invoiced.c.instalment_id == Instalment.id)
        .outerjoin(received, received.c.instalment_id == Instalment.id)
        .where(Project.customer_id == organization.id,
               Project.status.not_in(("lost", "abandoned")),
               revenue_visible_filter(user))).all()
    found = Receivables()
    projects = set()
    for row in rows:
        projects.add(row.project_id)
        contract = row.signed_amount if row.signed_amount is not None else row.project_amount
        asked = instalment_amount(Instalment(percent=row.percent, amount=row.amount), contract)
        got = Decimal(str(row.received))
        found.invoiced += Decimal(str(row.invoiced))
        found.received += got
        if asked is None:
            continue
        found.planned += asked
        due_date = date.fromisoformat(row.due) if isinstance(row.due, str) else row.due
        if due_date is not None and due_date < today and asked > got:
            found.overdue += asked - got
    found.projects = len(projects)
    return found


def organization_section(user, organization):
    found = receivables(user, organization)
    if not found.projects:
        return None
    return Markup(render_template("finance/_org_receivables.html", org=organization,
                                  receivables=found))
