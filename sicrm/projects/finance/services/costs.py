"""Budget lines, expenses with their approval, and the effort log."""
from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from sicrm.core import i18n
from sicrm.core.audit import set_actor
from sicrm.core.errors import ServiceError
from sicrm.core.models import User, utcnow
from sicrm.core.services.files import store_file
from sicrm.extensions import db
from sicrm.projects.finance import permissions as FP
from sicrm.projects.finance import settings
from sicrm.projects.finance.labels import CATEGORY_LABELS
from sicrm.projects.finance.models import (
    CATEGORIES,
    DECISIONS,
    BudgetLine,
    EffortEntry,
    Expense,
    ExpenseDecision,
)
from sicrm.projects.finance.services.common import (
    check_not_future,
    ensure_open,
    parse_amount,
    text,
)
from sicrm.projects.models import Project
from sicrm.projects.services import events


class BudgetWarning(ServiceError):
    """The expense passes its budget line; the submitter may confirm and resubmit."""

    def __init__(self, message):
        super().__init__(message, "confirm_over_budget")


# -- budget -------------------------------------------------------------------------


def set_budget(actor, project: Project, planned: dict, notes: dict | None = None
               ) -> list[BudgetLine]:
    """Set the planned amount per category; an empty amount removes the line."""
    set_actor(actor)
    ensure_open(project)
    notes = notes or {}
    unknown = set(planned) - set(CATEGORIES)
    if unknown:
        raise ServiceError(_l("Unknown expense category: %(category)s",
                              category=", ".join(sorted(unknown))))
    lines = {line.category: line for line in db.session.scalars(
        select(BudgetLine).where(BudgetLine.project_id == project.id))}
    values = {category: parse_amount(planned.get(category), category, allow_zero=True,
                                     required=False) for category in CATEGORIES}
    for category, value in values.items():
        line = lines.get(category)
        if value is None:
            if line is not None:
                db.session.delete(line)
            continue
        if line is None:
            line = BudgetLine(project_id=project.id, category=category, planned=value)
            db.session.add(line)
        line.planned = value
        line.note = text(notes.get(category), f"note_{category}", 200, required=False)
    db.session.flush()
    return [line for line in lines.values() if line in db.session]


def committed(project_id: int, category: str, exclude_id: int | None = None) -> Decimal:
    """What the category has spent or is about to: every expense not rejected."""
    query = select(func.coalesce(func.sum(Expense.amount), 0)).where(
        Expense.project_id == project_id, Expense.category == category,
        Expense.status != "rejected")
    if exclude_id is not None:
        query = query.where(Expense.id != exclude_id)
    return Decimal(str(db.session.scalar(query))).quantize(Decimal("0.01"))


def budget_check(project: Project, category: str, amount: Decimal,
                 exclude_id: int | None = None) -> tuple[Decimal, Decimal] | None:
    """(planned, total with this expense) when it would pass its budget line; None
    when it fits, or when the project has no budget at all."""
    lines = dict(db.session.execute(select(BudgetLine.category, BudgetLine.planned).where(
        BudgetLine.project_id == project.id)).all())
    if not lines:
        return None
    planned = lines.get(category, Decimal("0"))
    total = committed(project.id, category, exclude_id) + amount
    return (planned, total) if total > planned else None


# -- expenses -----------------------------------------------------------------------


def _expense_fields(project, *, category, spent_on, amount, description, spent_by):
    if category not in CATEGORIES:
        raise ServiceError(_l("Please choose a category."), "category")
    amount = parse_amount(amount)
    check_not_future(spent_on, "spent_on")
    if spent_on < project.start_date.replace(year=project.start_date.year - 1):
        raise ServiceError(_l("The date is more than a year before the project started."),
                           "spent_on")
    description = text(description, "description", 300)
    if spent_by is None or not spent_by.active:
        raise ServiceError(_l("Please choose an active user."), "spent_by_id")
    return category, amount, description


def _warn(project, category, amount, confirm, exclude_id=None) -> bool:
    over = budget_check(project, category, amount, exclude_id)
    if over is None:
        return False
    if not confirm:
        planned, total = over
        raise BudgetWarning(_l(
            "With this expense “%(category)s” reaches %(total)s, over its budget of "
            "%(planned)s. Tick the box to submit it anyway.",
            category=CATEGORY_LABELS[category], total=i18n.money(total),
            planned=i18n.money(planned)))
    return True


def _attach(actor, expense: Expense, receipt) -> None:
    if receipt is not None:
        stream, filename = receipt
        expense.receipt_file_id = store_file(actor, stream, filename).id


def submit_expense(actor, project: Project, *, category: str, spent_on: date, amount,
                   description: str, spent_by: User | None = None, receipt=None,
                   confirm_over_budget: bool = False) -> Expense:
    """Record an expense for approval. `receipt` is (stream, filename) or None.
    Passing its budget line raises BudgetWarning unless confirmed."""
    set_actor(actor)
    ensure_open(project)
    spent_by = spent_by or actor
    category, amount, description = _expense_fields(
        project, category=category, spent_on=spent_on, amount=amount,
        description=description, spent_by=spent_by)
    over = _warn(project, category, amount, confirm_over_budget)
    expense = Expense(project_id=project.id, category=category, spent_on=spent_on,
                      amount=amount, description=description, spent_by_id=spent_by.id,
                      submitted_by_id=actor.id, status="submitted", over_budget=over)
    db.session.add(expense)
    _attach(actor, expense, receipt)
    db.session.flush()
    events.record(project, "expense_submitted", actor, expense=description,
                  user=spent_by.full_name)
    db.session.flush()
    return expense


def _ensure_changeable(expense: Expense) -> None:
    if expense.status not in ("submitted", "rejected"):
        raise ServiceError(_l("An approved expense can no longer be changed."))


def update_expense(actor, expense: Expense, *, category: str, spent_on: date, amount,
                   description: str, spent_by: User | None, receipt=None,
                   confirm_over_budget: bool = False) -> Expense:
    """Correct an expense not approved yet; a rejected one is submitted again."""
    set_actor(actor)
    project = expense.project
    ensure_open(project)
    _ensure_changeable(expense)
    category, amount, description = _expense_fields(
        project, category=category, spent_on=spent_on, amount=amount,
        description=description, spent_by=spent_by)
    over = _warn(project, category, amount, confirm_over_budget, exclude_id=expense.id)
    resubmitted = expense.status == "rejected"
    expense.category, expense.spent_on, expense.amount = category, spent_on, amount
    expense.description, expense.spent_by_id = description, spent_by.id
    expense.over_budget = over
    expense.status = "submitted"
    _attach(actor, expense, receipt)
    events.record(project, "expense_resubmitted" if resubmitted else "expense_changed", actor,
                  expense=description)
    db.session.flush()
    return expense


def delete_expense(actor, expense: Expense) -> None:
    """Withdraw an expense not approved yet (its decisions go with it)."""
    set_actor(actor)
    ensure_open(expense.project)
    _ensure_changeable(expense)
    events.record(expense.project, "expense_withdrawn", actor, expense=expense.description)
    db.session.delete(expense)
    db.session.flush()


def decide_expense(actor, expense: Expense, decision: str, note: str | None = None
                   ) -> ExpenseDecision:
    """Approve or reject at the level the expense waits for: the PM's, then —
    above the finance threshold — finance's. Nobody decides on their own expense."""
    set_actor(actor)
    db.session.refresh(expense, with_for_update=True)  # two approvers at once: one wins
    if decision not in DECISIONS:
        raise ServiceError(_l("Please approve or reject."), "decision")
    if expense.is_own(actor):
        raise ServiceError(_l("You cannot approve or reject an expense you spent or entered "
                              "yourself."))
    note = text(note, "note", 2000, required=False)
    if decision == "rejected" and not note:
        raise ServiceError(_l("Please give a reason for the rejection."), "note")
    if expense.status == "submitted":
        level = "pm"
        if not FP.can_approve_as_pm(actor, expense.project):
            raise ServiceError(_l("Only the project manager or a manager of the project's "
                                  "department approves this expense."))
        needs_finance = expense.amount > settings.finance_threshold()
        approved_status = "pm_approved" if needs_finance else "approved"
    elif expense.status == "pm_approved":
        level = "finance"
        if not FP.can_approve_as_finance(actor):
            raise ServiceError(_l("This expense is waiting for finance's approval."))
        approved_status = "approved"
    else:
        raise ServiceError(_l("This expense has already been decided."))
    expense.status = approved_status if decision == "approved" else "rejected"
    row = ExpenseDecision(expense=expense, level=level, decision=decision,
                          actor_id=actor.id, note=note, created_dt=utcnow())
    db.session.add(row)
    events.record(expense.project, f"expense_{decision}", actor, expense=expense.description,
                  level=level, note=note)
    db.session.flush()
    return row


# -- effort -------------------------------------------------------------------------


def log_effort(actor, project: Project, *, person: User | None, work_date: date, hours,
               note: str | None = None) -> EffortEntry:
    set_actor(actor)
    ensure_open(project)
    person = person or actor
    if not person.active:
        raise ServiceError(_l("Please choose an active user."), "user_id")
    check_not_future(work_date, "work_date")
    try:
        hours = Decimal(str(hours).strip())
    except (InvalidOperation, ValueError) as error:
        raise ServiceError(_l("Hours must be a number between 0 and 24."), "hours") from error
    if not hours.is_finite() or not Decimal("0") < hours <= Decimal("24") or (
            hours != hours.quantize(Decimal("0.01"))):
        raise ServiceError(_l("Hours must be a number between 0 and 24."), "hours")
    that_day = db.session.scalar(select(func.coalesce(func.sum(EffortEntry.hours), 0)).where(
        EffortEntry.user_id == person.id, EffortEntry.work_date == work_date))
    if Decimal(str(that_day)) + hours > 24:
        raise ServiceError(_l("%(name)s would log more than 24 hours on that day.",
                              name=person.full_name), "hours")
    entry = EffortEntry(project_id=project.id, user_id=person.id, work_date=work_date,
                        hours=hours, hourly_cost=settings.hourly_cost(),
                        note=text(note, "note", 300, required=False), created_by_id=actor.id)
    db.session.add(entry)
    db.session.flush()
    return entry


def delete_effort(actor, project: Project, entry: EffortEntry) -> None:
    set_actor(actor)
    ensure_open(project)
    db.session.delete(entry)
    db.session.flush()
