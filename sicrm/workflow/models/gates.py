"""Gate reviews and routing rules."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sicrm.core.models import Department, User, utcnow
from sicrm.core.models.base import Audited, Versioned
from sicrm.extensions import db
from sicrm.projects.models import Project, ProjectStage

REVIEW_STATUSES = ("pending", "approved", "rejected", "cancelled")
RULES = ("all", "any", "majority")


class GateReview(db.Model):
    """One round of review of a gate stage; a rejected gate can be submitted again."""

    __tablename__ = "gate_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    stage_id: Mapped[int] = mapped_column(
        ForeignKey("project_stages.id", ondelete="CASCADE"), index=True)
    round: Mapped[int] = mapped_column(default=1)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    rule: Mapped[str] = mapped_column(String(16))
    #: the checklist as submitted: [{"text": {...}, "done": true}, …]
    checklist: Mapped[list] = mapped_column(JSON, default=list)
    note: Mapped[str | None] = mapped_column(Text)
    submitted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    submitted_dt: Mapped[datetime] = mapped_column(default=utcnow)
    decided_dt: Mapped[datetime | None]

    project: Mapped[Project] = relationship()
    stage: Mapped[ProjectStage] = relationship()
    submitted_by: Mapped[User | None] = relationship()
    reviewers: Mapped[list[GateReviewer]] = relationship(
        back_populates="review", cascade="all, delete-orphan")
    decisions: Mapped[list[GateDecision]] = relationship(
        back_populates="review", order_by="GateDecision.created_dt",
        cascade="all, delete-orphan")

    __table_args__ = (UniqueConstraint("stage_id", "round"),)


class GateReviewer(db.Model):
    """A reviewer of one review, resolved from the gate's roles and users when it
    was submitted."""

    __tablename__ = "gate_reviewers"

    review_id: Mapped[int] = mapped_column(
        ForeignKey("gate_reviews.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)

    review: Mapped[GateReview] = relationship(back_populates="reviewers")
    user: Mapped[User] = relationship()


class GateDecision(db.Model):
    __tablename__ = "gate_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("gate_reviews.id", ondelete="CASCADE"))
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    #: approve or reject
    decision: Mapped[str] = mapped_column(String(8))
    comment: Mapped[str | None] = mapped_column(Text)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    review: Mapped[GateReview] = relationship(back_populates="decisions")
    reviewer: Mapped[User] = relationship()

    __table_args__ = (UniqueConstraint("review_id", "reviewer_id"),)


class RoutingRule(Audited, Versioned, db.Model):
    """业务路由规则: when a new project matches, set its owning department and PM and
    add tasks. Rules are tried in `position` order; every matching rule applies."""

    __tablename__ = "routing_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
    match_kind: Mapped[str | None] = mapped_column(String(16))
    match_category: Mapped[str | None] = mapped_column(String(100))
    match_industry: Mapped[str | None] = mapped_column(String(32))
    department_id: Mapped[int | None] = mapped_column(
        ForeignKey("departments.id", ondelete="SET NULL"))
    #: "head" (the department's head becomes PM), "user" (pm_user), or None (keep)
    pm_mode: Mapped[str | None] = mapped_column(String(8))
    pm_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: tasks to add: [{"title": "…", "owner_role": "pm", "offset": 3}, …]
    tasks: Mapped[list] = mapped_column(JSON, default=list)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    department: Mapped[Department | None] = relationship()
    pm_user: Mapped[User | None] = relationship()


class AppliedRoutingRule(db.Model):
    """Which rule did what to which project, shown on the project."""

    __tablename__ = "applied_routing_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    rule_id: Mapped[int | None] = mapped_column(
        ForeignKey("routing_rules.id", ondelete="SET NULL"))
    rule_name: Mapped[str] = mapped_column(String(100))
    #: what it changed: {"department": "…", "pm": "…", "tasks": ["…"]}
    summary: Mapped[dict] = mapped_column(JSON, default=dict)
    applied_dt: Mapped[datetime] = mapped_column(default=utcnow)

    rule: Mapped[RoutingRule | None] = relationship()
