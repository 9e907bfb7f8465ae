"""Read helpers: budget burn, cost totals, the payment plan's state, margin, the
bid/no-bid signal, overdue receivables and the expenses waiting for someone."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from sicrm.extensions import db
from sicrm.projects.finance import permissions as FP
from sicrm.projects.finance import settings
from sicrm.projects.finance.models import (
    CATEGORIES,
    BudgetLine,
    EffortEntry,
    Expense,
    ExpenseDecision,
    Instalment,
    Receipt,
)
from sicrm.projects.finance.services.common import CENT
from sicrm.projects.finance.services.revenue import contract_amount, instalment_amount
from sicrm.projects.models import Milestone, Project

ZERO = Decimal("0.00")


def _dec(value) -> Decimal:
    return Decimal(str(value or 0)).quantize(CENT)


# -- costs --------------------------------------------------------------------------


@dataclass
class BurnRow:
    category: str
    planned: Decimal | None
    approved: Decimal = ZERO
    pending: Decimal = ZERO

    @property
    def committed(self) -> Decimal:
        return self.approved + self.pending

    @property
    def remaining(self) -> Decimal | None:
        return None if self.planned is None else self.planned - self.committed

    @property
    def over(self) -> bool:
        return self.planned is not None and self.committed > self.planned

    def share(self, amount: Decimal) -> int:
        """Percent of the line (capped at 100 for drawing)."""
        if not self.planned:
            return 100 if amount else 0
        return min(100, int(amount * 100 / self.planned))

    @property
    def percent(self) -> int | None:
        if not self.planned:
            return None
        return int(self.committed * 100 / self.planned)


def budget_burn(project_id: int) -> list[BurnRow]:
    """Per category: planned, approved and pending (submitted or half-approved)."""
    planned = dict(db.session.execute(select(BudgetLine.category, BudgetLine.planned).where(
        BudgetLine.project_id == project_id)).all())
    rows = {c: BurnRow(c, planned.get(c)) for c in CATEGORIES}
    spent = db.session.execute(
        select(Expense.category, Expense.status, func.sum(Expense.amount))
        .where(Expense.project_id == project_id, Expense.status != "rejected")
        .group_by(Expense.category, Expense.status)).all()
    for category, status, total in spent:
        row = rows.setdefault(category, BurnRow(category, None))
        if status == "approved":
            row.approved += _dec(total)
        else:
            row.pending += _dec(total)
    return [r for r in rows.values() if r.planned is not None or r.committed]


@dataclass
class Costs:
    expenses: Decimal = ZERO  # approved
    pending: Decimal = ZERO
    hours: Decimal = ZERO
    effort: Decimal = ZERO

    @property
    def actual(self) -> Decimal:
        return self.expenses + self.effort


def costs_by_project(project_ids) -> dict[int, Costs]:
    """Approved and pending expenses and valued effort per project, in two queries."""
    ids = list(project_ids)
    result = {pid: Costs() for pid in ids}
    if not ids:
        return result
    for pid, status, total in db.session.execute(
            select(Expense.project_id, Expense.status, func.sum(Expense.amount))
            .where(Expense.project_id.in_(ids), Expense.status != "rejected")
            .group_by(Expense.project_id, Expense.status)):
        if status == "approved":
            result[pid].expenses += _dec(total)
        else:
            result[pid].pending += _dec(total)
    for pid, hours, value in db.session.execute(
            select(EffortEntry.project_id, func.sum(EffortEntry.hours),
                   func.sum(EffortEntry.hours * EffortEntry.hourly_cost))
            .where(EffortEntry.project_id.in_(ids)).group_by(EffortEntry.project_id)):
        result[pid].hours = _dec(hours)
        result[pid].effort = _dec(value)
    return result


def project_costs(project_id: int) -> Costs:
    return costs_by_project([project_id])[project_id]


# -- bid / no-bid -------------------------------------------------------------------


@dataclass
class BidSignal:
    cost: Decimal
    expected_value: Decimal | None
    share: Decimal  # the configured share of the expected value

    @property
    def limit(self) -> Decimal | None:
        if self.expected_value is None:
            return None
        return (self.expected_value * self.share).quantize(CENT)

    @property
    def ratio(self) -> Decimal | None:
        """Cost as a share of the expected value (None when it is unknown or zero)."""
        if not self.expected_value:
            return None
        return self.cost / self.expected_value

    @property
    def warn(self) -> bool:
        return self.limit is not None and self.cost > self.limit


def bid_signal(project: Project, costs: Costs) -> BidSignal | None:
    """Presales cost so far (approved expenses and effort) against the expected value
    (amount × win probability). None for implementation projects."""
    if project.kind != "presales":
        return None
    expected = None
    if project.amount is not None and project.win_probability is not None:
        expected = (project.amount * project.win_probability / 100).quantize(CENT)
    return BidSignal(cost=costs.actual, expected_value=expected, share=settings.bid_cost_share())


# -- revenue ------------------------------------------------------------------------


@dataclass
class InstalmentState:
    instalment: Instalment
    amount: Decimal | None
    due: date | None
    invoiced: Decimal
    received: Decimal

    @property
    def outstanding(self) -> Decimal | None:
        return None if self.amount is None else self.amount - self.received

    def overdue(self, today: date) -> bool:
        return (self.due is not None and self.due < today and self.outstanding is not None
                and self.outstanding > 0)


@dataclass
class Plan:
    contract: Decimal | None
    rows: list[InstalmentState] = field(default_factory=list)

    def total(self, attr: str) -> Decimal:
        return sum((getattr(r, attr) or ZERO for r in self.rows), ZERO)

    @property
    def planned_percent(self) -> Decimal | None:
        if not self.contract:
            return None
        return (self.total("amount") * 100 / self.contract).quantize(Decimal("0.1"))


def payment_plan(project: Project) -> Plan:
    instalments = db.session.scalars(
        select(Instalment).where(Instalment.project_id == project.id)
        .options(joinedload(Instalment.milestone), selectinload(Instalment.invoices),
                 selectinload(Instalment.receipts))).all()
    contract = contract_amount(project)
    rows = [InstalmentState(i, instalment_amount(i, contract), i.due,
                            sum((v.amount for v in i.invoices), ZERO),
                            sum((r.amount for r in i.receipts), ZERO)) for i in instalments]
    rows.sort(key=lambda r: (r.due or date.max, r.instalment.id))
    return Plan(contract, rows)


@dataclass
class Margin:
    revenue: Decimal | None
    planned_cost: Decimal
    actual_cost: Decimal
    presales_cost: Decimal | None = None

    @property
    def planned(self) -> Decimal | None:
        return None if self.revenue is None else self.revenue - self.planned_cost

    @property
    def actual(self) -> Decimal | None:
        return None if self.revenue is None else self.revenue - self.actual_cost

    @property
    def with_presales(self) -> Decimal | None:
        if self.actual is None or self.presales_cost is None:
            return None
        return self.actual - self.presales_cost

    @staticmethod
    def rate(value, revenue) -> Decimal | None:
        if value is None or not revenue:
            return None
        return (value * 100 / revenue).quantize(Decimal("0.1"))


def margin(project: Project, burn: list[BurnRow], costs: Costs) -> Margin:
    """Revenue (the contract) less costs: planned = the budget, actual = approved
    expenses and valued effort. An implementation project also shows its margin
    after the presales project's costs."""
    planned_cost = sum((r.planned for r in burn if r.planned is not None), ZERO)
    revenue = contract_amount(project) if project.kind == "implementation" or (
        project.status == "won") else None
    presales = None
    if project.source_project_id is not None:
        presales = project_costs(project.source_project_id).actual
    return Margin(revenue, planned_cost, costs.actual, presales)


@dataclass
class Overdue:
    id: int
    project_id: int
    due_date: date
    outstanding: Decimal
    name: str
    project_code: str = ""


def overdue_instalments(today: date) -> list[Overdue]:
    """Instalments past their due date and not fully received, on projects that are
    not lost or abandoned: (id, project_id, due_date, outstanding amount, name).
    For the alarm engine and the receivables page; one query."""
    received = (select(Receipt.instalment_id, func.sum(Receipt.amount).label("received"))
                .group_by(Receipt.instalment_id).subquery())
    due = func.coalesce(Instalment.due_date, Milestone.planned_date)
    rows = db.session.execute(
        select(Instalment.id, Instalment.project_id, due.label("due"), Instalment.name,
               Instalment.percent, Instalment.amount, Project.signed_amount, Project.amount,
               Project.code, func.coalesce(received.c.received, 0))
        .join(Project, Project.id == Instalment.project_id)
        .outerjoin(Milestone, Milestone.id == Instalment.milestone_id)
        .outerjoin(received, received.c.instalment_id == Instalment.id)
        .where(due < today, Project.status.not_in(("lost", "abandoned")))
        .order_by(due, Instalment.id)).all()
    found = []
    for (iid, pid, due_date, name, percent, amount, signed, project_amount, code,
         got) in rows:
        contract = signed if signed is not None else project_amount
        asked = instalment_amount(Instalment(percent=percent, amount=amount), contract)
        if asked is None:
            continue
        outstanding = asked - _dec(got)
        if outstanding > 0:
            if isinstance(due_date, str):  # SQLite returns COALESCE of dates as text
                due_date = date.fromisoformat(due_date)
            found.append(Overdue(iid, pid, due_date, outstanding, name, code))
    return found


# -- lists --------------------------------------------------------------------------


def expenses(project_id: int, limit: int = 200):
    return (select(Expense).where(Expense.project_id == project_id)
            .options(joinedload(Expense.spent_by), joinedload(Expense.submitted_by),
                     joinedload(Expense.receipt_file),
                     selectinload(Expense.decisions).joinedload(ExpenseDecision.actor))
            .order_by(Expense.spent_on.desc(), Expense.id.desc()).limit(limit))


def effort(project_id: int, limit: int = 50):
    return (select(EffortEntry).where(EffortEntry.project_id == project_id)
            .options(joinedload(EffortEntry.user))
            .order_by(EffortEntry.work_date.desc(), EffortEntry.id.desc()).limit(limit))


def waiting_for(user):
    """Expenses `user` may decide on now, oldest first: at the PM's level on projects
    they approve for, at finance's level when they hold finance's approval; never
    their own."""
    conditions = [and_(Expense.status == "submitted", FP.pm_approval_filter(user))]
    if FP.can_approve_as_finance(user):
        conditions.append(Expense.status == "pm_approved")
    uid = user.id
    return (select(Expense).join(Project, Project.id == Expense.project_id)
            .where(or_(*conditions),
                   or_(Expense.spent_by_id.is_(None), Expense.spent_by_id != uid),
                   or_(Expense.submitted_by_id.is_(None), Expense.submitted_by_id != uid))
            .options(joinedload(Expense.project), joinedload(Expense.spent_by),
                     joinedload(Expense.receipt_file))
            .order_by(Expense.created_dt, Expense.id))
