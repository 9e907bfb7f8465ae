"""Alarm policies, alarms raised from them, who each alarm reached, webhook
targets, calendar feeds and the scheduler's lease and heartbeat."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Column,
    Float,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Table,
    Text,
    Unicode,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sicrm.core.models import Department, User, utcnow
from sicrm.core.models.base import Audited, Versioned
from sicrm.extensions import db
from sicrm.projects.models import Project
from sicrm.templates_lib.models import ProjectTemplate


class AlarmPolicy(Audited, Versioned, db.Model):
    """When to remind and whom to alarm, level by level. The company default has
    no template; a template's policy may name one stage (stage_key) or all of them.

    escalation: [{"after": 0, "recipients": ["owner", "pm"]},
                 {"after": 3, "recipients": ["pm_manager"]}, …]  (working days overdue)
    Recipients are roles resolved when sending (owner, pm, pm_manager,
    dept_manager, dept_head_above, executive, finance) or "user:NAME"."""

    __tablename__ = "alarm_policies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    template_id: Mapped[int | None] = mapped_column(
        ForeignKey("project_templates.id", ondelete="CASCADE"), index=True)
    stage_key: Mapped[str | None] = mapped_column(String(64))
    #: working days before a milestone is due to remind its owner, e.g. [5, 1]
    reminder_offsets: Mapped[list] = mapped_column(JSON, default=list)
    milestone_escalation: Mapped[list] = mapped_column(JSON, default=list)
    stage_escalation: Mapped[list] = mapped_column(JSON, default=list)
    #: a gate review pending longer than this many working days alarms
    review_pending_days: Mapped[int | None]
    review_escalation: Mapped[list] = mapped_column(JSON, default=list)
    #: repeat an alarm nobody acknowledged every this many working days (None: never)
    repeat_days: Mapped[int | None]
    active: Mapped[bool] = mapped_column(default=True)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    template: Mapped[ProjectTemplate | None] = relationship()

    __table_args__ = (UniqueConstraint("template_id", "stage_key"),)


class Alarm(db.Model):
    """One reminder or alarm level about one milestone, stage or review falling due
    on one date. The unique key makes raising it idempotent: a scan that runs twice
    raises it once; a re-planned milestone (new due date) can be alarmed again."""

    __tablename__ = "alarms"

    #: statuses that still matter (not resolved)
    LIVE = ("open", "acknowledged", "snoozed")

    id: Mapped[int] = mapped_column(primary_key=True)
    #: milestone, stage, review
    subject_type: Mapped[str] = mapped_column(String(16))
    subject_id: Mapped[int]
    #: reminder, overdue, stage_overrun, review_pending
    kind: Mapped[str] = mapped_column(String(16))
    #: escalation level (0, 1, …); for reminders the offset in working days
    level: Mapped[int]
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    #: the day the subject was due (milestone date, stage planned end, …)
    due_date: Mapped[date]
    #: open, acknowledged, snoozed, resolved
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    raised_dt: Mapped[datetime] = mapped_column(default=utcnow)
    acknowledged_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    acknowledged_dt: Mapped[datetime | None]
    note: Mapped[str | None] = mapped_column(Text)
    snoozed_until: Mapped[date | None]
    resolved_dt: Mapped[datetime | None]

    project: Mapped[Project] = relationship()
    deliveries: Mapped[list[AlarmDelivery]] = relationship(
        back_populates="alarm", cascade="all, delete-orphan")

    __table_args__ = (
        UniqueConstraint("subject_type", "subject_id", "kind", "level", "due_date"),
        Index("ix_alarms_subject", "subject_type", "subject_id"),
    )


class AlarmDelivery(db.Model):
    """That an alarm (or its n-th repeat) reached one user: unique per alarm, user
    and repeat, so nobody hears the same thing twice, whatever the scheduler does."""

    __tablename__ = "alarm_deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    alarm_id: Mapped[int] = mapped_column(ForeignKey("alarms.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         index=True)
    #: 0 for the alarm itself, 1, 2, … for its repeats
    repeat: Mapped[int] = mapped_column(default=0)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)
    #: an escalation (a level above the first) is listed in its recipient's daily
    #: digest instead of a notification of its own: when it was listed
    digest_dt: Mapped[datetime | None]

    alarm: Mapped[Alarm] = relationship(back_populates="deliveries")
    user: Mapped[User] = relationship()

    __table_args__ = (UniqueConstraint("alarm_id", "user_id", "repeat"),)


class WebhookTarget(Audited, db.Model):
    """A group robot or webhook that receives a department's or a project's alarms."""

    __tablename__ = "webhook_targets"
    __audit_exclude__ = ("secret",)  # never copy a signing secret into the audit log

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    #: wecom, dingtalk, feishu, webhook
    kind: Mapped[str] = mapped_column(String(16))
    url: Mapped[str] = mapped_column(String(500))
    #: DingTalk's signing secret (加签), Feishu's signature key
    secret: Mapped[str | None] = mapped_column(String(200))
    department_id: Mapped[int | None] = mapped_column(
        ForeignKey("departments.id", ondelete="CASCADE"), index=True)
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    department: Mapped[Department | None] = relationship()
    project: Mapped[Project | None] = relationship()


class CalendarFeed(db.Model):
    """A secret, revocable iCalendar URL: a user's own milestones, reviews and
    tasks (project None), or one project's milestones and stages."""

    __tablename__ = "calendar_feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         index=True)
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"))
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_dt: Mapped[datetime | None]


class SchedulerLease(db.Model):
    """Who runs the timed jobs (one scheduler at a time) and when it last beat."""

    __tablename__ = "scheduler_lease"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    holder: Mapped[str | None] = mapped_column(String(100))
    lease_until: Mapped[datetime | None]
    heartbeat_dt: Mapped[datetime | None]
    last_scan_dt: Mapped[datetime | None]


#: APScheduler's SQLAlchemy job store, created by our migrations (not by whichever
#: process starts first); same columns as apscheduler.jobstores.sqlalchemy
scheduler_jobs = Table(
    "apscheduler_jobs", db.metadata,
    Column("id", Unicode(191), primary_key=True),
    Column("next_run_time", Float(25), index=True),
    Column("job_state", LargeBinary, nullable=False),
)
