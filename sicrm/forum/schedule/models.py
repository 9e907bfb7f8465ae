"""Schedule events (日程): meetings, customer visits, demos, bid openings.

Times are stored as naive UTC (`start_dt`, `end_dt`, as every *_dt column); they are
entered and shown in the configured zone (BABEL_DEFAULT_TIMEZONE, Asia/Shanghai by
default). An all-day event runs from local midnight of its first day to local
midnight after its last day. A cancelled event is kept (status "cancelled");
`sequence` goes up with each change of its time, place or status (iCalendar)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sicrm.core.models import Contact, Organization, User, utcnow
from sicrm.core.models.base import Audited, Versioned
from sicrm.extensions import db
from sicrm.projects.models import Project

EVENT_KINDS = ("meeting", "visit", "demo", "bid_opening", "other")
STATUSES = ("scheduled", "cancelled")
#: a user attendee's answer; back to "pending" when the time changes
RESPONSES = ("pending", "accepted", "tentative", "declined")
TITLE_MAX, PLACE_MAX = 200, 200
DESCRIPTION_MAX = 5000


class ScheduleEvent(Audited, Versioned, db.Model):
    __tablename__ = "schedule_events"
    __audit_exclude__ = ("updated_dt", "sequence", "reminded_dt")

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), default="meeting")
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    description: Mapped[str | None] = mapped_column(Text)
    start_dt: Mapped[datetime] = mapped_column(index=True)
    end_dt: Mapped[datetime]
    all_day: Mapped[bool] = mapped_column(default=False)
    place: Mapped[str | None] = mapped_column(String(PLACE_MAX))
    status: Mapped[str] = mapped_column(String(16), default="scheduled")
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    organizer_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), index=True)
    #: the forum post it was made from (the thread's opening post or a reply)
    post_id: Mapped[int | None] = mapped_column(
        ForeignKey("forum_posts.id", ondelete="SET NULL"), index=True)
    sequence: Mapped[int] = mapped_column(default=0)
    #: when the attendees were reminded (cleared when the time changes)
    reminded_dt: Mapped[datetime | None]
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)
    updated_dt: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    organizer: Mapped[User | None] = relationship()
    project: Mapped[Project | None] = relationship()
    organization: Mapped[Organization | None] = relationship()
    attendees: Mapped[list[ScheduleAttendee]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="ScheduleAttendee.id")

    __table_args__ = (
        CheckConstraint("end_dt > start_dt", name="ends_after_start"),
        CheckConstraint("kind IN ('meeting', 'visit', 'demo', 'bid_opening', 'other')",
                        name="kind_known"),
        CheckConstraint("status IN ('scheduled', 'cancelled')", name="status_known"),
    )

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"

    @property
    def user_ids(self) -> set[int]:
        return {a.user_id for a in self.attendees if a.user_id is not None}

    def audit_label(self) -> str:
        return self.title

    def __repr__(self) -> str:
        return f"<ScheduleEvent {self.id} {self.title}>"


class ScheduleAttendee(db.Model):
    """One attendee: a user of the app or an external contact (exactly one of them);
    a user answers whether they come."""

    __tablename__ = "schedule_attendees"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("schedule_events.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True)
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    response: Mapped[str] = mapped_column(String(16), default="pending")
    responded_dt: Mapped[datetime | None]

    event: Mapped[ScheduleEvent] = relationship(back_populates="attendees")
    user: Mapped[User | None] = relationship()
    contact: Mapped[Contact | None] = relationship()

    __table_args__ = (
        CheckConstraint("(user_id IS NULL) <> (contact_id IS NULL)", name="user_or_contact"),
        CheckConstraint("response IN ('pending', 'accepted', 'tentative', 'declined')",
                        name="response_known"),
        UniqueConstraint("event_id", "user_id"),
        UniqueConstraint("event_id", "contact_id"),
        Index("ix_schedule_attendees_event", "event_id"),
    )
