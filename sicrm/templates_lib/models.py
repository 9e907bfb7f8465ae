"""A template is a named, versioned definition of a project's stages.

A version's `definition` is a validated document (see sicrm.templates_lib.definition):
stages in order, each with its standard duration, key tasks, milestones, required
documents and an optional gate. Published versions never change; editing starts a
new draft version. Projects keep the version they were made from."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sicrm.core.models import User, utcnow
from sicrm.core.models.base import Audited, Versioned
from sicrm.extensions import db

KINDS = ("presales", "implementation")
VERSION_STATUSES = ("draft", "published")


class ProjectTemplate(Audited, Versioned, db.Model):
    __tablename__ = "project_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    industry: Mapped[str | None] = mapped_column(String(32))
    category: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    #: set on the built-in templates so seeding them is idempotent
    builtin_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    archived: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    created_by: Mapped[User | None] = relationship()
    versions: Mapped[list[TemplateVersion]] = relationship(
        back_populates="template", order_by="TemplateVersion.number",
        cascade="all, delete-orphan")

    def name(self, locale: str) -> str:
        return self.name_en if locale == "en" and self.name_en else self.name_zh

    def audit_label(self) -> str:
        return self.name_zh


class TemplateVersion(Versioned, db.Model):
    __tablename__ = "template_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(
        ForeignKey("project_templates.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    status: Mapped[str] = mapped_column(String(16), default="draft")
    definition: Mapped[dict] = mapped_column(JSON)
    change_note: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    published_dt: Mapped[datetime | None]

    template: Mapped[ProjectTemplate] = relationship(back_populates="versions")
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])

    __table_args__ = (UniqueConstraint("template_id", "number"),)

    @property
    def stages(self) -> list[dict]:
        return self.definition.get("stages", [])
