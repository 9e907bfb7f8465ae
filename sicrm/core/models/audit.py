from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sicrm.core.models.base import utcnow
from sicrm.core.models.identity import User
from sicrm.extensions import db


class AuditLog(db.Model):
    """Who created, changed or deleted what, when, with each field's before/after."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    action: Mapped[str] = mapped_column(String(16))
    object_type: Mapped[str] = mapped_column(String(64))
    object_id: Mapped[int] = mapped_column()
    object_label: Mapped[str] = mapped_column(String(300))
    parent_type: Mapped[str | None] = mapped_column(String(64))
    parent_id: Mapped[int | None] = mapped_column()
    #: {field: [before, after]}
    changes: Mapped[dict] = mapped_column(JSON, default=dict)

    actor: Mapped[User | None] = relationship()

    __table_args__ = (
        Index("ix_audit_log_object", "object_type", "object_id"),
        Index("ix_audit_log_parent", "parent_type", "parent_id"),
    )
