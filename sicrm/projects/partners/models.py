"""Partners, competitors and their assessments, win/loss analyses and the reasons an
administrator configures."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sicrm.core.models import Contact, Organization, User, utcnow
from sicrm.core.models.base import Audited, Versioned
from sicrm.extensions import db
from sicrm.projects.models import Project, ProjectStage

#: a partner's role on a project (原厂, 分包商, 代理商, 设计院, 政府部门, 监理, 咨询, other)
PARTNER_ROLES = ("vendor", "subcontractor", "agent", "design_institute", "government",
                 "supervisor", "consultant", "other")
#: where the cooperation stands
PARTNER_STATUSES = ("prospective", "negotiating", "contracted", "delivering", "completed",
                    "terminated")
#: a competitor's position at a stage, strongest first
POSITIONS = ("leading", "strong", "even", "weak", "out")

partner_contacts = Table(
    "project_partner_contacts",
    db.metadata,
    Column("partner_id", ForeignKey("project_partners.id", ondelete="CASCADE"),
           primary_key=True),
    Column("contact_id", ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True,
           index=True),
)


class ProjectPartner(Audited, Versioned, db.Model):
    """An organisation working with us on a project, in one role."""

    __tablename__ = "project_partners"
    __audit_exclude__ = ("updated_dt",)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT"), index=True)
    role: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="prospective")
    responsibilities: Mapped[str | None] = mapped_column(Text)
    contract_value: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))
    notes: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)
    updated_dt: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    project: Mapped[Project] = relationship()
    organization: Mapped[Organization] = relationship()
    contacts: Mapped[list[Contact]] = relationship(secondary=partner_contacts,
                                                   order_by="Contact.name")

    __table_args__ = (
        UniqueConstraint("project_id", "organization_id", "role"),
        CheckConstraint("contract_value >= 0", name="contract_value_not_negative"),
    )

    def audit_label(self) -> str:
        return f"{self.organization.name} ({self.role})" if self.organization else self.role


class ProjectCompetitor(Versioned, db.Model):
    """An organisation competing with us for a presales project."""

    __tablename__ = "project_competitors"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    project: Mapped[Project] = relationship()
    organization: Mapped[Organization] = relationship()
    assessments: Mapped[list[CompetitorAssessment]] = relationship(
        back_populates="competitor", cascade="all, delete-orphan",
        order_by="CompetitorAssessment.id")

    __table_args__ = (UniqueConstraint("project_id", "organization_id"),)


class CompetitorAssessment(db.Model):
    """What we knew of a competitor at one stage. Never changed once written: a new
    assessment is added, so the history stays."""

    __tablename__ = "competitor_assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    competitor_id: Mapped[int] = mapped_column(
        ForeignKey("project_competitors.id", ondelete="CASCADE"))
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    stage_id: Mapped[int | None] = mapped_column(
        ForeignKey("project_stages.id", ondelete="SET NULL"), index=True)
    position: Mapped[str] = mapped_column(String(16))
    solution: Mapped[str | None] = mapped_column(Text)
    products: Mapped[str | None] = mapped_column(Text)
    price_low: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))
    price_high: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))
    relationship_notes: Mapped[str | None] = mapped_column(Text)
    strengths: Mapped[str | None] = mapped_column(Text)
    weaknesses: Mapped[str | None] = mapped_column(Text)
    strategy: Mapped[str | None] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    competitor: Mapped[ProjectCompetitor] = relationship(back_populates="assessments")
    stage: Mapped[ProjectStage | None] = relationship()
    author: Mapped[User | None] = relationship()

    __table_args__ = (
        Index("ix_competitor_assessments_competitor", "competitor_id", "created_dt"),
        Index("ix_competitor_assessments_project", "project_id"),
        CheckConstraint("price_low >= 0", name="price_low_not_negative"),
        CheckConstraint("price_high >= price_low", name="price_range_ordered"),
    )


class OutcomeReason(db.Model):
    """An administrator's change to the reasons offered for a win or a loss: a new
    reason, or a built-in one renamed or switched off (built-ins without a row are
    offered as they are)."""

    __tablename__ = "outcome_reasons"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name_zh: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str | None] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(default=100)
    active: Mapped[bool] = mapped_column(default=True)

    def name(self, locale: str) -> str:
        return self.name_en if locale == "en" and self.name_en else self.name_zh


class WinLossAnalysis(Versioned, db.Model):
    """What a project's outcome teaches, beyond Project.outcome_reason (the main
    reason), winner_id and outcome_note (lessons learned): further reasons, the
    prices, and who wrote it."""

    __tablename__ = "win_loss_analyses"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), unique=True)
    other_reasons: Mapped[list] = mapped_column(JSON, default=list)
    our_price: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))
    winning_price: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))
    updated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)
    updated_dt: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    project: Mapped[Project] = relationship()
    updated_by: Mapped[User | None] = relationship()

    __table_args__ = (
        CheckConstraint("our_price >= 0", name="our_price_not_negative"),
        CheckConstraint("winning_price >= 0", name="winning_price_not_negative"),
    )

    @property
    def gap(self) -> Decimal | None:
        """Our price minus the winning price (positive: we were dearer)."""
        if self.our_price is None or self.winning_price is None:
            return None
        return self.our_price - self.winning_price
