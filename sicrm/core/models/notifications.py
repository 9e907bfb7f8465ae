from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from sicrm.core.models.base import utcnow
from sicrm.extensions import db


class Notification(db.Model):
    """An in-app message to one user. The text is rendered in the reader's language
    from `kind` and `params` (see sicrm.core.notifications)."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(64))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    url: Mapped[str | None] = mapped_column(String(500))
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)
    read_dt: Mapped[datetime | None]
    #: set when the notification must never be made twice (the scheduler's digests)
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)

    __table_args__ = (Index("ix_notifications_user_unread", "user_id", "read_dt"),)
