"""Finance pages and actions: load (404) → permission (403) → validate → one
service → commit → redirect or render."""
from __future__ import annotations

from datetime import date

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from sicrm.core import concurrency
from sicrm.core import permissions as CP
from sicrm.core.choices import pairs
from sicrm.core.forms import ConfirmForm
from sicrm.core.models import User
from sicrm.core.services.files import send_stored_file
from sicrm.core.views.helpers import commit_service, get_or_404, paginate
from sicrm.core.views.uploads import KeptUploads
from sicrm.extensions import db
from sicrm.projects import permissions as PP
from sicrm.projects.finance import permissions as FP
from sicrm.projects.finance import queries, settings
from sicrm.projects.finance.forms import (
    BudgetForm,
    DecisionForm,
    EffortForm,
    ExpenseForm,
    InstalmentForm,
    InvoiceForm,
    ReceiptForm,
)
from sicrm.projects.finance.labels import CATEGORY_LABELS
from sicrm.projects.finance.models import (
    CATEGORIES,
    BudgetLine,
    EffortEntry,
    Expense,
    Instalment,
    Invoice,
    Receipt,
)
from sicrm.projects.finance.panel import finance_panel, team_choices
from sicrm.projects.finance.services import costs, revenue
from sicrm.projects.finance.services.common import plain
from sicrm.projects.models import Milestone, Project
from sicrm.projects.views.common import load_part, locale, run_action


def _load(project_id: int, check) -> Project:
    project = get_or_404(Project, project_id)
    CP.ensure(check(current_user, project))
    return project


def _back(project: Project):
    """To the finance tab of the project page, or to the finance page for readers
    who see the project's money but not the project page (finance)."""
    if PP.can_view(current_user, project):
        return redirect(url_for("projects.project_view", project_id=project.id,
                                _anchor="tab-finance"))
    return redirect(url_for("finance.project_finance", project_id=project.id))


@login_required
def project_finance(project_id: int):
    project = _load(project_id, FP.can_view_costs)
    return render_template("finance/project.html", project=project,
                           fin=finance_panel(project), locale=locale())


@login_required
def budget_edit(project_id: int):
    project = _load(project_id, FP.can_set_budget)
    lines = {line.category: line for line in db.session.scalars(
        db.select(BudgetLine).where(BudgetLine.project_id == project.id))}
    form = BudgetForm(data={**{c: str(line.planned) for c, line in lines.items()},
                            **{f"note_{c}": line.note for c, line in lines.items()},
                            "row_version": concurrency.fingerprint(lines.values())})

    def save():
        concurrency.expect_fingerprint(form.row_version.data, lines.values())
        costs.set_budget(current_user, project, {c: form[c].data for c in CATEGORIES},
                         {c: form[f"note_{c}"].data for c in CATEGORIES})

    if form.validate_on_submit() and commit_service(save, form, _("Budget saved.")):
        return _back(project)
    return render_template("finance/budget_form.html", project=project, form=form,
                           categories=CATEGORIES, burn=queries.budget_burn(project.id))


def _expense_form(project, expense=None) -> ExpenseForm:
    form = ExpenseForm(obj=expense)
    form.spent_by_id.choices = team_choices(project, current_user)
    if expense is not None and expense.spent_by is not None and expense.spent_by_id not in {
            c.value for c in form.spent_by_id.choices}:
        form.spent_by_id.choices += pairs([(expense.spent_by_id, expense.spent_by.full_name)],
                                          None)
    if not form.is_submitted() and expense is None:
        form.spent_by_id.data = current_user.id
        form.spent_on.data = date.today()
    return form


def _expense_fields(form, uploads: KeptUploads) -> dict:
    return {"category": form.category.data, "spent_on": form.spent_on.data,
            "amount": form.amount.data, "description": form.description.data,
            "spent_by": db.session.get(User, form.spent_by_id.data or 0),
            "receipt": uploads.first(), "confirm_over_budget": form.confirm_over_budget.data}


@login_required
def expense_add(project_id: int):
    project = _load(project_id, FP.can_record)
    form = _expense_form(project)
    uploads = KeptUploads(form.receipt)  # the receipt survives the budget question
    if form.validate_on_submit() and uploads.check(form) and commit_service(
            lambda: costs.submit_expense(current_user, project,
                                         **_expense_fields(form, uploads)),
            form, _("Expense submitted for approval.")):
        return _back(project)
    uploads.keep()
    return render_template("finance/expense_form.html", project=project, form=form,
                           expense=None, burn=queries.budget_burn(project.id))


@login_required
def expense_edit(project_id: int, expense_id: int):
    project = get_or_404(Project, project_id)
    expense = load_part(Expense, expense_id, project)
    CP.ensure(FP.can_change_expense(current_user, expense))
    form = _expense_form(project, expense)
    if not form.is_submitted():
        form.amount.data = str(expense.amount)
    uploads = KeptUploads(form.receipt)
    if form.validate_on_submit() and uploads.check(form) and commit_service(
            lambda: costs.update_expense(current_user, expense,
                                         **_expense_fields(form, uploads)),
            form, _("Expense saved.")):
        return _back(project)
    uploads.keep()
    return render_template("finance/expense_form.html", project=project, form=form,
                           expense=expense, burn=queries.budget_burn(project.id))


@login_required
def expense_delete(project_id: int, expense_id: int):
    project = get_or_404(Project, project_id)
    expense = load_part(Expense, expense_id, project)
    CP.ensure(FP.can_change_expense(current_user, expense))
    run_action(ConfirmForm(),
               lambda: costs.delete_expense(current_user, expense), _("Expense withdrawn."))
    return _back(project)


@login_required
def expense_decide(project_id: int, expense_id: int):
    project = get_or_404(Project, project_id)
    expense = load_part(Expense, expense_id, project)
    CP.ensure(FP.can_decide(current_user, expense))
    form = DecisionForm()
    run_action(form, lambda: costs.decide_expense(current_user, expense, form.decision.data,
                                                  form.note.data),
               _("Expense approved.") if form.decision.data == "approved"
               else _("Expense rejected."))
    if request.args.get("next") == "approvals":
        return redirect(url_for("finance.approvals"))
    return _back(project)


@login_required
def expense_receipt(project_id: int, expense_id: int):
    project = _load(project_id, FP.can_view_costs)
    expense = load_part(Expense, expense_id, project)
    if expense.receipt_file is None:
        abort(404)
    return send_stored_file(expense.receipt_file)


@login_required
def effort_add(project_id: int):
    project = _load(project_id, FP.can_record)
    form = EffortForm()
    form.user_id.choices = team_choices(project, current_user)
    run_action(form, lambda: costs.log_effort(
        current_user, project, person=db.session.get(User, form.user_id.data or 0),
        work_date=form.work_date.data, hours=form.hours.data, note=form.note.data),
        _("Effort logged."))
    return _back(project)


@login_required
def effort_delete(project_id: int, entry_id: int):
    project = get_or_404(Project, project_id)
    entry = load_part(EffortEntry, entry_id, project)
    CP.ensure(FP.can_delete_effort(current_user, entry, project))
    run_action(ConfirmForm(),
               lambda: costs.delete_effort(current_user, project, entry), _("Entry removed."))
    return _back(project)


# -- payment plan -------------------------------------------------------------------


def _can_plan(user, project) -> bool:
    return FP.can_view_revenue(user, project) and FP.can_plan_payments(user, project)


def _instalment_form(project, instalment=None) -> InstalmentForm:
    form = InstalmentForm(obj=instalment)
    milestones = db.session.scalars(db.select(Milestone).where(
        Milestone.project_id == project.id, Milestone.status != "cancelled")
        .order_by(Milestone.planned_date, Milestone.id)).all()
    form.milestone_id.choices = pairs(
        [(m.id, f"{m.name} · {m.planned_date.isoformat()}") for m in milestones], "—")
    if instalment is not None and not form.is_submitted():
        form.percent.data = plain(instalment.percent) if instalment.percent else ""
        form.amount.data = str(instalment.amount) if instalment.amount else ""
    return form


def _instalment_fields(form) -> dict:
    milestone = db.session.get(Milestone, form.milestone_id.data) if form.milestone_id.data \
        else None
    return {"name": form.name.data, "percent": form.percent.data, "amount": form.amount.data,
            "milestone": milestone, "due_date": form.due_date.data}


@login_required
def instalment_add(project_id: int):
    project = _load(project_id, _can_plan)
    form = _instalment_form(project)
    if form.validate_on_submit() and commit_service(
            lambda: revenue.add_instalment(current_user, project, **_instalment_fields(form)),
            form, _("Instalment added.")):
        return _back(project)
    return render_template("finance/instalment_form.html", project=project, form=form,
                           instalment=None, contract=revenue.contract_amount(project))


@login_required
def instalment_edit(project_id: int, instalment_id: int):
    project = _load(project_id, _can_plan)
    instalment = load_part(Instalment, instalment_id, project)
    form = _instalment_form(project, instalment)
    if form.validate_on_submit() and commit_service(
            lambda: revenue.update_instalment(current_user, instalment,
                                              **_instalment_fields(form)),
            form, _("Instalment saved.")):
        return _back(project)
    return render_template("finance/instalment_form.html", project=project, form=form,
                           instalment=instalment, contract=revenue.contract_amount(project))


@login_required
def instalment_delete(project_id: int, instalment_id: int):
    project = _load(project_id, _can_plan)
    instalment = load_part(Instalment, instalment_id, project)
    run_action(ConfirmForm(),
               lambda: revenue.delete_instalment(current_user, instalment),
               _("Instalment removed."))
    return _back(project)


@login_required
def invoice_add(project_id: int, instalment_id: int):
    project = _load(project_id, FP.can_record_payments)
    instalment = load_part(Instalment, instalment_id, project)
    form = InvoiceForm()
    run_action(form, lambda: revenue.issue_invoice(
        current_user, instalment, number=form.number.data, issued_on=form.issued_on.data,
        amount=form.amount.data), _("Invoice recorded."))
    return _back(project)


@login_required
def receipt_add(project_id: int, instalment_id: int):
    project = _load(project_id, FP.can_record_payments)
    instalment = load_part(Instalment, instalment_id, project)
    form = ReceiptForm()
    run_action(form, lambda: revenue.record_receipt(
        current_user, instalment, received_on=form.received_on.data, amount=form.amount.data,
        note=form.note.data), _("Receipt recorded."))
    return _back(project)


@login_required
def invoice_delete(project_id: int, invoice_id: int):
    project = _load(project_id, FP.can_record_payments)
    invoice = load_part(Invoice, invoice_id, project)
    run_action(ConfirmForm(),
               lambda: revenue.delete_invoice(current_user, invoice), _("Invoice removed."))
    return _back(project)


@login_required
def receipt_delete(project_id: int, receipt_id: int):
    project = _load(project_id, FP.can_record_payments)
    receipt = load_part(Receipt, receipt_id, project)
    run_action(ConfirmForm(),
               lambda: revenue.delete_receipt(current_user, receipt), _("Receipt removed."))
    return _back(project)


# -- across projects ----------------------------------------------------------------


@login_required
def approvals():
    """Expenses waiting for me (PM, manager or finance)."""
    page = paginate(queries.waiting_for(current_user))
    return render_template("finance/approvals.html", page=page, form=DecisionForm(),
                           categories=CATEGORY_LABELS,
                           threshold=settings.finance_threshold())


@login_required
def receivables():
    """Overdue instalments across projects: finance and executives."""
    CP.ensure(FP.can_see_receivables(current_user))
    return render_template("finance/receivables.html",
                           overdue=queries.overdue_instalments(date.today()),
                           today=date.today())
