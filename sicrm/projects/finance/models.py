"""Budget lines, expenses and their decisions, the effort log, the payment plan
(instalments), invoices and receipts. Money is Numeric(16, 2), read as Decimal."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sicrm.core.models import StoredFile, User, utcnow
from sicrm.core.models.base import Audited, Versioned
from sicrm.extensions import db
from sicrm.projects.models import Milestone, Project

CATEGORIES = ("equipment", "software", "subcontracting", "labour", "travel", "entertainment",
              "other")
#: submitted → (PM) approved, or awaiting finance above the threshold → approved;
#: either level may reject; a rejected expense may be corrected, which submits it again
EXPENSE_STATUSES = ("submitted", "pm_approved", "approved", "rejected")
DECISION_LEVELS = ("pm", "finance")
DECISIONS = ("approved", "rejected")

Money = Numeric(16, 2)


class BudgetLine(Audited, Versioned, db.Model):
    __tablename__ = "budget_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    category: Mapped[str] = mapped_column(String(16))
    planned: Mapped[Decimal] = mapped_column(Money)
    note: Mapped[str | None] = mapped_column(String(200))
    updated_dt: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    project: Mapped[Project] = relationship()

    __table_args__ = (
        UniqueConstraint("project_id", "category"),
        CheckConstraint("planned >= 0", name="planned_not_negative"),
    )

    def audit_label(self) -> str:
        return f"{self.category}"


class Expense(Audited, Versioned, db.Model):
    __tablename__ = "expenses"
    __audit_exclude__ = ("updated_dt",)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    category: Mapped[str] = mapped_column(String(16))
    spent_on: Mapped[date]
    amount: Mapped[Decimal] = mapped_column(Money)
    description: Mapped[str] = mapped_column(String(300))
    #: who spent the money (may differ from who entered it)
    spent_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    submitted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    receipt_file_id: Mapped[int | None] = mapped_column(
        ForeignKey("stored_files.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(16), default="submitted", index=True)
    #: the submitter confirmed it although it passes its budget line
    over_budget: Mapped[bool] = mapped_column(default=False)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)
    updated_dt: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    project: Mapped[Project] = relationship()
    spent_by: Mapped[User | None] = relationship(foreign_keys=[spent_by_id])
    submitted_by: Mapped[User | None] = relationship(foreign_keys=[submitted_by_id])
    receipt_file: Mapped[StoredFile | None] = relationship()
    decisions: Mapped[list[ExpenseDecision]] = relationship(
        back_populates="expense", order_by="ExpenseDecision.id", cascade="all, delete-orphan")

    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        Index("ix_expenses_project_status", "project_id", "status"),
    )

    def is_own(self, user) -> bool:
        """Spent or entered by `user`: such an expense is not theirs to approve."""
        uid = getattr(user, "id", None)
        return uid is not None and uid in (self.spent_by_id, self.submitted_by_id)

    def audit_label(self) -> str:
        return f"{self.description} ({self.amount})"


class ExpenseDecision(db.Model):
    """One approval or rejection of an expense, at the PM's or finance's level."""

    __tablename__ = "expense_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    expense_id: Mapped[int] = mapped_column(
        ForeignKey("expenses.id", ondelete="CASCADE"), index=True)
    level: Mapped[str] = mapped_column(String(8))
    decision: Mapped[str] = mapped_column(String(8))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(Text)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    expense: Mapped[Expense] = relationship(back_populates="decisions")
    actor: Mapped[User | None] = relationship()


class EffortEntry(db.Model):
    """Hours a person spent on the project, valued at the hourly cost of the day."""

    __tablename__ = "effort_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    work_date: Mapped[date]
    hours: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    hourly_cost: Mapped[Decimal] = mapped_column(Money)
    note: Mapped[str | None] = mapped_column(String(300))
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User | None] = relationship(foreign_keys=[user_id])

    __table_args__ = (
        CheckConstraint("hours > 0 AND hours <= 24", name="hours_range"),
        CheckConstraint("hourly_cost >= 0", name="hourly_cost_not_negative"),
    )

    @property
    def cost(self) -> Decimal:
        return (self.hours * self.hourly_cost).quantize(Decimal("0.01"))


class Instalment(Audited, Versioned, db.Model):
    """One line of the payment plan (收款计划): a share of the contract (percent) or a
    fixed amount, due on its milestone's planned date or an explicit date."""

    __tablename__ = "instalments"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    percent: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    amount: Mapped[Decimal | None] = mapped_column(Money)
    milestone_id: Mapped[int | None] = mapped_column(
        ForeignKey("milestones.id", ondelete="SET NULL"), index=True)
    due_date: Mapped[date | None] = mapped_column(index=True)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    project: Mapped[Project] = relationship()
    milestone: Mapped[Milestone | None] = relationship()
    invoices: Mapped[list[Invoice]] = relationship(
        back_populates="instalment", order_by="Invoice.issued_on")
    receipts: Mapped[list[Receipt]] = relationship(
        back_populates="instalment", order_by="Receipt.received_on")

    __table_args__ = (
        CheckConstraint("percent > 0 AND percent <= 100", name="percent_range"),
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint("(percent IS NULL) <> (amount IS NULL)", name="percent_or_amount"),
    )

    @property
    def due(self) -> date | None:
        if self.due_date is not None:
            return self.due_date
        return self.milestone.planned_date if self.milestone is not None else None


class Invoice(Audited, db.Model):
    __tablename__ = "invoices"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    instalment_id: Mapped[int] = mapped_column(
        ForeignKey("instalments.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(64), unique=True)
    issued_on: Mapped[date]
    amount: Mapped[Decimal] = mapped_column(Money)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    instalment: Mapped[Instalment] = relationship(back_populates="invoices")

    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    def audit_label(self) -> str:
        return self.number


class Receipt(Audited, db.Model):
    """Money received (到款) against an instalment."""

    __tablename__ = "receipts"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    instalment_id: Mapped[int] = mapped_column(
        ForeignKey("instalments.id", ondelete="CASCADE"), index=True)
    received_on: Mapped[date]
    amount: Mapped[Decimal] = mapped_column(Money)
    note: Mapped[str | None] = mapped_column(String(300))
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    instalment: Mapped[Instalment] = relationship(back_populates="receipts")

    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    def audit_label(self) -> str:
        return f"{self.received_on} {self.amount}"
