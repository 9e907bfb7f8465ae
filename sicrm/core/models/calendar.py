from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from sicrm.core.models.base import Audited, utcnow
from sicrm.extensions import db


class CalendarDay(Audited, db.Model):
    """A company exception to the public calendar: an extra day off, or a working day."""

    __tablename__ = "calendar_days"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(unique=True)
    #: "off" (company day off) or "work" (company working day)
    kind: Mapped[str] = mapped_column(String(8))
    note: Mapped[str | None] = mapped_column(String(200))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    def audit_label(self) -> str:
        return self.day.isoformat()
