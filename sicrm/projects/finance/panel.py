"""What a project's finance tab (and its finance page) shows, for templates as
`finance_panel(project)`; None when the reader may not see the project's costs."""
from __future__ import annotations

from datetime import date

from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from sicrm.core.choices import pairs
from sicrm.core.forms import ConfirmForm
from sicrm.extensions import db
from sicrm.projects import permissions as PP
from sicrm.projects.finance import labels, queries, settings
from sicrm.projects.finance import permissions as FP
from sicrm.projects.finance.forms import (
    DecisionForm,
    EffortForm,
    InvoiceForm,
    ReceiptForm,
)
from sicrm.projects.models import Project, ProjectMember


def team_choices(project: Project, user) -> list:
    """The reader first, then the project's active team, for who spent or worked.
    Only the PM and the managers may choose someone else."""
    people = {user.id: user}
    if PP.can_manage(user, project):
        if project.pm is not None:
            people.setdefault(project.pm_id, project.pm)
        for member in db.session.scalars(select(ProjectMember).where(
                ProjectMember.project_id == project.id).options(
                joinedload(ProjectMember.user))):
            people.setdefault(member.user_id, member.user)
    return pairs([(u.id, u.full_name) for u in people.values() if u.active], None)


def finance_panel(project: Project) -> dict | None:
    user = current_user
    if not FP.can_view_costs(user, project):
        return None
    today = date.today()
    burn = queries.budget_burn(project.id)
    costs = queries.project_costs(project.id)
    show_revenue = FP.can_view_revenue(user, project)
    expenses = db.session.scalars(queries.expenses(project.id)).all()
    data = {
        "project": project,
        "today": today,
        "burn": burn,
        "costs": costs,
        "expenses": expenses,
        "effort": db.session.scalars(queries.effort(project.id)).all(),
        "signal": queries.bid_signal(project, costs),
        "threshold": settings.finance_threshold(),
        "hourly_cost": settings.hourly_cost(),
        "show_revenue": show_revenue,
        "plan": queries.payment_plan(project) if show_revenue
        and project.kind == "implementation" else None,
        "margin": queries.margin(project, burn, costs) if show_revenue else None,
        "can_record": FP.can_record(user, project),
        "can_set_budget": FP.can_set_budget(user, project),
        "can_plan": FP.can_plan_payments(user, project) and project.kind == "implementation",
        "can_record_payments": FP.can_record_payments(user, project),
        "can_manage": PP.can_manage(user, project),
        "decide": {e.id: FP.can_decide(user, e) for e in expenses},
        "change": {e.id: FP.can_change_expense(user, e) for e in expenses},
        "labels": labels,
        "decision_form": DecisionForm(),
        "effort_form": EffortForm(),
        "invoice_form": InvoiceForm(),
        "receipt_form": ReceiptForm(),
        "confirm": ConfirmForm(),
    }
    data["effort_form"].user_id.choices = team_choices(project, user)
    data["effort_form"].user_id.data = user.id
    data["delete_effort"] = {e.id: FP.can_delete_effort(user, e, project)
                             for e in data["effort"]}
    return data
