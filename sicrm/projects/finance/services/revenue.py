"""The payment plan (收款计划): instalments tied to milestones or dates, invoices
issued and money received against them."""
from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from sicrm.core import i18n
from sicrm.core.audit import set_actor
from sicrm.core.errors import ServiceError
from sicrm.extensions import db
from sicrm.projects.finance.models import Instalment, Invoice, Receipt
from sicrm.projects.finance.services.common import (
    CENT,
    check_not_future,
    parse_amount,
    plain,
    text,
)
from sicrm.projects.models import Milestone, Project

HUNDRED = Decimal("100")


def contract_amount(project: Project) -> Decimal | None:
    """The signed amount of a won project, else the project's amount (an
    implementation project carries its contract's signed amount as its amount)."""
    return project.signed_amount if project.signed_amount is not None else project.amount


def instalment_amount(instalment: Instalment, contract: Decimal | None) -> Decimal | None:
    """What the instalment asks for; None when it is a percentage of an unknown amount."""
    if instalment.amount is not None:
        return instalment.amount
    if contract is None or instalment.percent is None:
        return None
    return (contract * instalment.percent / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def _percent(value) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        percent = Decimal(str(value).strip().rstrip("%"))
    except (InvalidOperation, ValueError) as error:
        raise ServiceError(_l("The percentage is a number above 0 and at most 100."),
                           "percent") from error
    if not percent.is_finite() or not 0 < percent <= HUNDRED or percent != percent.quantize(CENT):
        raise ServiceError(_l("The percentage is a number above 0 and at most 100."), "percent")
    return percent


def _sums(instalment_id: int) -> tuple[Decimal, Decimal]:
    """(invoiced, received) so far for one instalment."""
    invoiced = db.session.scalar(select(func.coalesce(func.sum(Invoice.amount), 0)).where(
        Invoice.instalment_id == instalment_id))
    received = db.session.scalar(select(func.coalesce(func.sum(Receipt.amount), 0)).where(
        Receipt.instalment_id == instalment_id))
    return Decimal(str(invoiced)).quantize(CENT), Decimal(str(received)).quantize(CENT)


def _check_plan(project: Project, percent, amount, exclude_id: int | None) -> None:
    """The plan may not ask for more than the whole contract (100 %). The project's
    row is locked first, so two people adding instalments at once cannot both pass."""
    db.session.refresh(project, with_for_update=True)
    others = db.session.execute(select(Instalment.percent, Instalment.amount).where(
        Instalment.project_id == project.id, Instalment.id != (exclude_id or 0))).all()
    percents = sum((p for p, _ in others if p is not None), Decimal("0")) + (percent or 0)
    fixed = sum((a for _, a in others if a is not None), Decimal("0")) + (amount or 0)
    contract = contract_amount(project)
    if percents > HUNDRED:
        raise ServiceError(_l("The payment plan would ask for %(percent)s %% of the contract; "
                              "it may not pass 100 %%.", percent=plain(percents)),
                           "percent" if percent is not None else "amount")
    if contract is not None and fixed + contract * percents / HUNDRED > contract:
        raise ServiceError(_l("The payment plan would ask for more than the contract amount "
                              "(%(amount)s).", amount=i18n.money(contract)),
                           "percent" if percent is not None else "amount")


def _fields(project: Project, *, name, percent, amount, milestone, due_date):
    if project.kind != "implementation":
        raise ServiceError(_l("The payment plan belongs to the implementation project."))
    name = text(name, "name", 200)
    percent = _percent(percent)
    amount = parse_amount(amount, required=False)
    if (percent is None) == (amount is None):
        raise ServiceError(_l("Give either a percentage of the contract or an amount."),
                           "percent")
    if milestone is not None and milestone.project_id != project.id:
        raise ServiceError(_l("Please choose a milestone of this project."), "milestone_id")
    if milestone is None and due_date is None:
        raise ServiceError(_l("Tie the instalment to a milestone or give its due date."),
                           "due_date")
    return name, percent, amount


def add_instalment(actor, project: Project, *, name: str, percent=None, amount=None,
                   milestone: Milestone | None = None, due_date: date | None = None
                   ) -> Instalment:
    set_actor(actor)
    name, percent, amount = _fields(project, name=name, percent=percent, amount=amount,
                                    milestone=milestone, due_date=due_date)
    _check_plan(project, percent, amount, None)
    instalment = Instalment(project_id=project.id, name=name, percent=percent, amount=amount,
                            milestone_id=milestone.id if milestone else None, due_date=due_date)
    db.session.add(instalment)
    db.session.flush()
    return instalment


def update_instalment(actor, instalment: Instalment, *, name: str, percent=None, amount=None,
                      milestone: Milestone | None = None, due_date: date | None = None
                      ) -> Instalment:
    set_actor(actor)
    project = instalment.project
    name, percent, amount = _fields(project, name=name, percent=percent, amount=amount,
                                    milestone=milestone, due_date=due_date)
    _check_plan(project, percent, amount, instalment.id)
    invoiced, received = _sums(instalment.id)
    probe = Instalment(percent=percent, amount=amount)
    new_amount = instalment_amount(probe, contract_amount(project))
    if new_amount is not None and new_amount < max(invoiced, received):
        raise ServiceError(_l("This instalment has %(amount)s invoiced or received already; "
                              "it cannot ask for less.", amount=i18n.money(max(invoiced,
                                                                                  received))),
                           "amount" if amount is not None else "percent")
    instalment.name, instalment.percent, instalment.amount = name, percent, amount
    instalment.milestone_id = milestone.id if milestone else None
    instalment.due_date = due_date
    db.session.flush()
    return instalment


def delete_instalment(actor, instalment: Instalment) -> None:
    set_actor(actor)
    invoiced, received = _sums(instalment.id)
    if invoiced or received:
        raise ServiceError(_l("This instalment has invoices or receipts; it cannot be "
                              "removed."))
    db.session.delete(instalment)
    db.session.flush()


def _due_amount(instalment: Instalment, field: str) -> Decimal:
    due = instalment_amount(instalment, contract_amount(instalment.project))
    if due is None:
        raise ServiceError(_l("The project has no contract amount, so this instalment's "
                              "amount is unknown."), field)
    return due


def issue_invoice(actor, instalment: Instalment, *, number: str, issued_on: date, amount
                  ) -> Invoice:
    """An invoice against an instalment; together they may not pass its amount."""
    set_actor(actor)
    db.session.refresh(instalment, with_for_update=True)  # two clerks at once: one waits
    number = text(number, "number", 64)
    check_not_future(issued_on, "issued_on")
    amount = parse_amount(amount)
    if db.session.scalar(select(Invoice.id).where(Invoice.number == number)) is not None:
        raise ServiceError(_l("Invoice %(number)s is already recorded.", number=number),
                           "number")
    due = _due_amount(instalment, "amount")
    invoiced, _ = _sums(instalment.id)
    if invoiced + amount > due:
        raise ServiceError(_l("Invoices would total %(total)s, more than the instalment's "
                              "%(due)s.", total=i18n.money(invoiced + amount),
                              due=i18n.money(due)), "amount")
    invoice = Invoice(project_id=instalment.project_id, instalment_id=instalment.id,
                      number=number, issued_on=issued_on, amount=amount,
                      created_by_id=actor.id)
    db.session.add(invoice)
    db.session.flush()
    return invoice


def record_receipt(actor, instalment: Instalment, *, received_on: date, amount,
                   note: str | None = None) -> Receipt:
    """Money received against an instalment; together it may not pass its amount.
    Money may arrive before its invoice (advance payments happen); the page shows
    what is received but not invoiced."""
    set_actor(actor)
    db.session.refresh(instalment, with_for_update=True)
    check_not_future(received_on, "received_on")
    amount = parse_amount(amount)
    due = _due_amount(instalment, "amount")
    _, received = _sums(instalment.id)
    if received + amount > due:
        raise ServiceError(_l("Receipts would total %(total)s, more than the instalment's "
                              "%(due)s.", total=i18n.money(received + amount),
                              due=i18n.money(due)), "amount")
    receipt = Receipt(project_id=instalment.project_id, instalment_id=instalment.id,
                      received_on=received_on, amount=amount,
                      note=text(note, "note", 300, required=False), created_by_id=actor.id)
    db.session.add(receipt)
    db.session.flush()
    return receipt


def delete_invoice(actor, invoice: Invoice) -> None:
    """Take back an invoice entered by mistake (红冲 is recorded as its removal)."""
    set_actor(actor)
    db.session.delete(invoice)
    db.session.flush()


def delete_receipt(actor, receipt: Receipt) -> None:
    set_actor(actor)
    db.session.delete(receipt)
    db.session.flush()
