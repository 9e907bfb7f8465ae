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


class CalendarYear(Audited, db.Model):
    """A year of the official calendar entered by an administrator (or imported): when
    present, its days (PublicDay) replace chinesecalendar's for that year."""

    __tablename__ = "calendar_years"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    #: "form", "csv", "ics" or "cli": how it was last entered
    source: Mapped[str] = mapped_column(String(16), default="form")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_dt: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def id(self) -> int:
        """The audit log's object id."""
        return self.year

    def audit_label(self) -> str:
        return str(self.year)


class PublicDay(db.Model):
    """One official day of an entered year: a public holiday ("off") or an official
    make-up working day ("work")."""

    __tablename__ = "calendar_public_days"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(
        ForeignKey("calendar_years.year", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(unique=True)
    kind: Mapped[str] = mapped_column(String(8))
    name: Mapped[str | None] = mapped_column(String(100))
