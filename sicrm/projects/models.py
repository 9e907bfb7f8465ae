"""Projects instantiated from a template version, and what hangs on one."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sicrm.core.models import Department, Organization, StoredFile, User, utcnow
from sicrm.core.models.base import Audited, Versioned
from sicrm.extensions import db
from sicrm.templates_lib.models import TemplateVersion

KINDS = ("presales", "implementation")
#: active → (presales) won / lost / abandoned; (implementation) accepted → closed
STATUSES = ("active", "won", "lost", "abandoned", "accepted", "closed")
OPEN_STATUSES = ("active", "accepted")
STAGE_STATUSES = ("pending", "active", "done")
TASK_STATUSES = ("open", "in_progress", "done", "cancelled")
TASK_OPEN_STATUSES = ("open", "in_progress")
TASK_PRIORITIES = ("low", "normal", "high", "urgent")


class Project(Audited, Versioned, db.Model):
    __tablename__ = "projects"
    __audit_exclude__ = ("updated_dt", "current_stage_id")

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16), index=True)
    status: Mapped[str] = mapped_column(String(16), default="active", index=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT"), index=True)
    template_version_id: Mapped[int] = mapped_column(
        ForeignKey("template_versions.id", ondelete="RESTRICT"), index=True)
    department_id: Mapped[int | None] = mapped_column(
        ForeignKey("departments.id", ondelete="SET NULL"), index=True)
    pm_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    industry: Mapped[str | None] = mapped_column(String(32), index=True)
    category: Mapped[str | None] = mapped_column(String(100), index=True)
    amount: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))
    win_probability: Mapped[int | None]
    expected_sign_date: Mapped[date | None]
    start_date: Mapped[date]
    current_stage_id: Mapped[int | None] = mapped_column(
        ForeignKey("project_stages.id", ondelete="SET NULL", use_alter=True), index=True)
    #: outcome of a presales project (won: signed amount and date; lost/abandoned:
    #: reason, winner, note)
    signed_amount: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))
    signed_date: Mapped[date | None]
    outcome_reason: Mapped[str | None] = mapped_column(String(32))
    outcome_note: Mapped[str | None] = mapped_column(Text)
    winner_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"))
    outcome_dt: Mapped[datetime | None]
    #: the presales project an implementation project was made from
    source_project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="SET NULL"), index=True)
    closed_dt: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    created_dt: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_dt: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    customer: Mapped[Organization] = relationship(foreign_keys=[customer_id])
    winner: Mapped[Organization | None] = relationship(foreign_keys=[winner_id])
    template_version: Mapped[TemplateVersion] = relationship()
    department: Mapped[Department | None] = relationship()
    pm: Mapped[User | None] = relationship(foreign_keys=[pm_id])
    stages: Mapped[list[ProjectStage]] = relationship(
        back_populates="project", order_by="ProjectStage.position",
        foreign_keys="ProjectStage.project_id", cascade="all, delete-orphan")
    current_stage: Mapped[ProjectStage | None] = relationship(
        foreign_keys=[current_stage_id], post_update=True)
    members: Mapped[list[ProjectMember]] = relationship(
        back_populates="project", cascade="all, delete-orphan")
    source_project: Mapped[Project | None] = relationship(remote_side=[id])

    __table_args__ = (
        CheckConstraint("win_probability BETWEEN 0 AND 100", name="win_probability_range"),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
    )

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def audit_label(self) -> str:
        return f"{self.code} {self.name}"


class ProjectStage(db.Model):
    __tablename__ = "project_stages"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    position: Mapped[int]
    key: Mapped[str] = mapped_column(String(64))
    name_zh: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    std_duration: Mapped[int]
    status: Mapped[str] = mapped_column(String(16), default="pending")
    planned_start: Mapped[date]
    planned_end: Mapped[date]
    actual_start: Mapped[date | None]
    actual_end: Mapped[date | None]
    #: the gate at the end of this stage, copied from the template: rule,
    #: reviewer roles and users, checklist; None when the stage has no gate
    gate: Mapped[dict | None] = mapped_column(JSON)

    project: Mapped[Project] = relationship(back_populates="stages", foreign_keys=[project_id])
    milestones: Mapped[list[Milestone]] = relationship(
        back_populates="stage", order_by="Milestone.planned_date")
    required_documents: Mapped[list[RequiredDocument]] = relationship(
        back_populates="stage", order_by="RequiredDocument.id")

    __table_args__ = (
        UniqueConstraint("project_id", "position"),
        CheckConstraint("std_duration >= 0", name="std_duration_not_negative"),
    )

    def name(self, locale: str) -> str:
        return self.name_en if locale == "en" and self.name_en else self.name_zh


class ProjectMember(db.Model):
    __tablename__ = "project_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16))

    project: Mapped[Project] = relationship(back_populates="members")
    user: Mapped[User] = relationship()

    __table_args__ = (UniqueConstraint("project_id", "user_id"),)


class Milestone(Versioned, db.Model):
    __tablename__ = "milestones"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    stage_id: Mapped[int] = mapped_column(
        ForeignKey("project_stages.id", ondelete="CASCADE"), index=True)
    key: Mapped[str | None] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    #: working days after the stage starts, kept so re-planning can move it
    offset: Mapped[int] = mapped_column(default=0)
    owner_role: Mapped[str | None] = mapped_column(String(16))
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    planned_date: Mapped[date] = mapped_column(index=True)
    done_date: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    notes: Mapped[str | None] = mapped_column(Text)
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    stage: Mapped[ProjectStage] = relationship(back_populates="milestones")
    owner: Mapped[User | None] = relationship(foreign_keys=[owner_id])


class Task(Versioned, db.Model):
    """A piece of work with an assignee and a due date: a key task from a template or
    a routing rule, or one made by hand (later: from a discussion thread)."""

    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    stage_id: Mapped[int | None] = mapped_column(
        ForeignKey("project_stages.id", ondelete="SET NULL"), index=True)
    key: Mapped[str | None] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    owner_role: Mapped[str | None] = mapped_column(String(16))
    assignee_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    offset: Mapped[int] = mapped_column(default=0)
    due_date: Mapped[date | None] = mapped_column(index=True)
    priority: Mapped[str] = mapped_column(String(8), default="normal")
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    #: template, routing, manual
    source: Mapped[str] = mapped_column(String(16), default="manual")
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    #: optionally the milestone it serves (of the same project)
    milestone_id: Mapped[int | None] = mapped_column(
        ForeignKey("milestones.id", ondelete="SET NULL"), index=True)
    done_dt: Mapped[datetime | None]
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    updated_dt: Mapped[datetime | None] = mapped_column(default=utcnow, onupdate=utcnow)

    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    stage: Mapped[ProjectStage | None] = relationship()
    project: Mapped[Project | None] = relationship(foreign_keys=[project_id])
    milestone: Mapped[Milestone | None] = relationship(foreign_keys=[milestone_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    done_by: Mapped[User | None] = relationship(foreign_keys=[done_by_id])

    __table_args__ = (Index("ix_tasks_assignee_status", "assignee_id", "status", "due_date"),)

    @property
    def is_open(self) -> bool:
        return self.status in TASK_OPEN_STATUSES


class TaskEvent(db.Model):
    """A task's history: created, edited, reassigned, started, done, cancelled,
    reopened, with who and when (params: what changed)."""

    __tablename__ = "task_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    actor: Mapped[User | None] = relationship()

    __table_args__ = (Index("ix_task_events_task", "task_id", "created_dt"),)


class RequiredDocument(db.Model):
    """A document a stage must produce, from the template; a controlled document
    (sicrm.projects.documents) satisfies it once a version of it is approved."""

    __tablename__ = "required_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    stage_id: Mapped[int] = mapped_column(
        ForeignKey("project_stages.id", ondelete="CASCADE"), index=True)
    key: Mapped[str | None] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    #: the category of the document satisfying it (templates_lib DOCUMENT_CATEGORIES),
    #: from the template: 合同评审表 is a contract document, numbered …-CTR-001
    category: Mapped[str] = mapped_column(String(16), default="other",
                                          server_default="other")
    description: Mapped[str | None] = mapped_column(Text)
    format_file_id: Mapped[int | None] = mapped_column(
        ForeignKey("stored_files.id", ondelete="SET NULL"))
    #: who approves a version of the document satisfying it (REVIEWER_ROLES words)
    approver_roles: Mapped[list] = mapped_column(JSON, default=list)

    stage: Mapped[ProjectStage] = relationship(back_populates="required_documents")
    format_file: Mapped[StoredFile | None] = relationship(foreign_keys=[format_file_id])


class ProjectEvent(db.Model):
    """The project's history as people tell it: created, stage advanced, gate
    submitted/approved/rejected, re-planned, won, lost, closed."""

    __tablename__ = "project_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    actor: Mapped[User | None] = relationship()

    __table_args__ = (Index("ix_project_events_project", "project_id", "created_dt"),)


class CodeCounter(db.Model):
    """The last number handed out per code prefix and year (PS-2026-0042)."""

    __tablename__ = "code_counters"

    prefix: Mapped[str] = mapped_column(String(16), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    last: Mapped[int] = mapped_column(default=0)


class SharingRule(db.Model):
    """Lets a department see projects it is not part of, e.g. department X sees all
    projects of category Y (empty criteria match everything)."""

    __tablename__ = "sharing_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id", ondelete="CASCADE"))
    kind: Mapped[str | None] = mapped_column(String(16))
    category: Mapped[str | None] = mapped_column(String(100))
    industry: Mapped[str | None] = mapped_column(String(32))
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    department: Mapped[Department] = relationship()


class SavedFilter(db.Model):
    __tablename__ = "saved_filters"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    args: Mapped[dict] = mapped_column(JSON, default=dict)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("user_id", "name"),)
