from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sicrm.core.models.base import utcnow
from sicrm.extensions import db


class OutboxMessage(db.Model):
    """A message to send on a channel other than the app itself (e-mail, WeCom,
    DingTalk, Feishu, a generic webhook), written in the same transaction as what it
    reports and sent afterwards by the sender with retries and back-off."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: email, wecom, dingtalk, feishu, webhook
    channel: Mapped[str] = mapped_column(String(16))
    #: an e-mail address, or the id of a webhook target as text
    recipient: Mapped[str] = mapped_column(String(254))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(500))
    #: set when the same message must never be queued twice (alarm deliveries)
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    #: pending, sent, failed (will retry), dead (gave up; an admin may retry)
    status: Mapped[str] = mapped_column(String(8), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_dt: Mapped[datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)
    sent_dt: Mapped[datetime | None]

    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_dt"),)


class NotificationPreference(db.Model):
    """Which channels reach a user for one kind of notification, and whether to
    gather them into a daily digest instead of single messages."""

    __tablename__ = "notification_preferences"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(64), primary_key=True)
    channels: Mapped[list] = mapped_column(JSON, default=list)
    digest: Mapped[bool] = mapped_column(default=False)
